/**
 * One error contract for every reply: validation failures, malformed JSON or multipart, oversize bodies, deliberate
 * HttpErrors and the framework's own refusals (bad URLs, oversized headers, unknown routes) become
 * `{error:{code,message}}` with a Chinese message; anything else is logged and a 500.
 */
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type ErrorBody } from '../http/errors.js';
import { describeIssue, describeValidation, type ValidationIssue } from '../http/validation-messages.js';

/** Chinese messages for the statuses the framework itself answers with, by status code. */
const STATUS_MESSAGES: Record<number, [code: string, message: string]> = {
  400: ['bad_request', '请求格式不正确，请检查后重试'],
  401: ['unauthorized', '请先登录'],
  403: ['forbidden', '当前账号无权执行此操作'],
  404: ['not_found', '请求的资源不存在'],
  405: ['method_not_allowed', '不支持此请求方法'],
  406: ['not_acceptable', '无法以请求的格式返回内容'],
  408: ['request_timeout', '请求超时，请重试'],
  411: ['length_required', '请求缺少内容长度（Content-Length）'],
  413: ['too_large', '请求内容过大'],
  414: ['uri_too_long', '请求地址过长'],
  415: ['unsupported_media_type', '不支持的请求内容类型，请以 JSON 或 multipart/form-data 提交'],
  416: ['range_not_satisfiable', '请求的内容范围无效'],
  429: ['rate_limited', '请求过于频繁，请稍后再试'],
  431: ['headers_too_large', '请求头过大（例如 Cookie 过多），请清除本站 Cookie 后重试'],
};

function statusError(status: number): { code: string; message: string } {
  const [code, message] = STATUS_MESSAGES[status] ?? (status >= 500 ? ['internal', '服务器内部错误，请稍后重试；如持续出现请联系管理员'] : ['bad_request', '请求无法处理，请检查后重试']);
  return { code, message };
}

/**
 * Fastify's `frameworkErrors`: a URL whose percent-encoding is broken or whose parameter is too long never reaches
 * a route or the error handler; answer it in the product's shape too.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody =
    error.code === 'FST_ERR_BAD_URL'
      ? { error: { code: 'bad_url', message: '请求地址的编码不正确（例如百分号编码不完整），请检查地址后重试' } }
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? { error: { code: 'validation', message: '路径参数不符合要求：参数过长。' } }
        : { error: statusError(error.statusCode ?? 400) };
  // An over-long path parameter is a parameter that cannot be valid: 400, as its schema would answer.
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : (error.statusCode ?? 400);
  void reply.status(status).send(body);
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses (headers too large, malformed, timed out) are
 * answered on the socket before Fastify sees them.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ error: statusError(status) } satisfies ErrorBody);
  this.log.trace({ err }, 'client error');
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
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
      const issues = error.validation as ValidationIssue[];
      return send(400, 'validation', describeValidation(error.validationContext, issues), issues.map((v) => ({
        path: v.instancePath,
        message: describeIssue(v),
      })));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'invalid_json', '请求内容不是有效的 JSON，请检查后重试');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'too_large', '请求内容过大');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', statusError(415).message);
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
      // The framework's and plugins' own messages are English: answer with the status's Chinese one.
      request.log.info({ err: error }, 'client error');
      const { code, message } = statusError(error.statusCode);
      return send(error.statusCode, code, message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal', '服务器内部错误，请稍后重试；如持续出现请联系管理员');
  });

  app.setNotFoundHandler((request, reply) => {
    // The path is echoed (shortened: it is whatever the client sent) so a person can see which address was wrong.
    const path = request.url.split('?')[0];
    const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
    const body: ErrorBody = { error: { code: 'not_found', message: `找不到请求的地址：${request.method} ${shown}，请检查地址是否正确` } };
    return reply.status(404).send(body);
  });
});
