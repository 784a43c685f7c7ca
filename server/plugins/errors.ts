/**
 * One error handler for the whole API: validation failures, malformed JSON, oversize bodies and
 * deliberate HttpErrors become 4xx replies with a Chinese message; anything else is logged and a 500.
 */
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { HttpError, type ErrorBody } from '../http/errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function describeValidation(context: string | undefined, issues: ValidationIssue[]): string {
  const where = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' }[context ?? ''] ?? '请求';
  const first = issues.slice(0, 5).map((i) => {
    const path = i.params?.issue?.path?.join('.') ?? i.instancePath?.replace(/^\//, '').replaceAll('/', '.');
    const msg = i.params?.issue?.message ?? i.message ?? '取值无效';
    return path ? `${path}：${msg}` : msg;
  });
  return `${where}格式不正确：${first.join('；')}`;
}

/**
 * The multipart parser reports a missing boundary or a body cut off early as a plain Error without a code: the
 * client's fault on every multipart route, so it is a 400 here rather than in each route.
 */
function isMalformedMultipart(error: FastifyError, contentType: string | undefined): boolean {
  if (error.statusCode || !/^multipart\//i.test(contentType ?? '')) return false;
  return /boundary not found|unexpected end of multipart|terminated early|malformed part header/i.test(error.message);
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    const send = (status: number, code: string, message: string, details?: unknown) => {
      const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
      return reply.status(status).send(body);
    };
    if (error instanceof HttpError) return send(error.statusCode, error.code, error.message, error.details);
    if (isMalformedMultipart(error, request.headers['content-type']))
      return send(400, 'invalid_multipart', '上传内容不是有效的 multipart/form-data（缺少分隔符或内容不完整），请重新选择文件上传');
    if (error.validation) {
      return send(400, 'validation', describeValidation(error.validationContext, error.validation as ValidationIssue[]), error.validation.map((v) => ({
        path: (v as ValidationIssue).params?.issue?.path ?? v.instancePath,
        message: (v as ValidationIssue).params?.issue?.message ?? v.message,
      })));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'invalid_json', '请求内容不是有效的 JSON，请检查后重试');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'too_large', '请求内容过大');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', '不支持的请求内容类型');
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(413, 'file_too_large', '上传的文件过大');
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return send(413, 'too_many_parts', '一次上传的文件或字段过多');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(415, 'not_multipart', '请以 multipart/form-data 方式上传文件');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'bad_request', error.statusCode === 429 ? '请求过于频繁，请稍后再试' : error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal', '服务器内部错误，请稍后重试；如持续出现请联系管理员');
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `找不到 ${request.method} ${request.url.split('?')[0]}` } };
    return reply.status(404).send(body);
  });
});
