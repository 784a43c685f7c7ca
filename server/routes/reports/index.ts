/**
 * Diagnosis reports over HTTP: issue (render and store), draft previews, list, download the stored report and annex
 * PDFs, and the public verification of a code (JSON, and a small Chinese page for people who scan the cover's QR
 * code) or of an uploaded PDF (JSON, or a Chinese page with a plain upload form that works without the web app or a
 * login). Rules in services/reports.ts.
 */
import multipart from '@fastify/multipart';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../../domain/file-type.js';
import { rolesForAction } from '../../domain/workflow.js';
import { HttpError, badRequest, notFound } from '../../http/errors.js';
import { publicBase, verifyBase } from '../../http/public-url.js';
import { IdParams } from '../../schemas/common.js';
import {
  FileVerifyResultSchema,
  PdfFileResponse,
  REPORT_PART_LABELS,
  ReportListQuery,
  ReportPreviewQuery,
  ReportSchema,
  VerifyParams,
  VerifyResultSchema,
} from '../../schemas/reports.js';
import {
  VERIFY_FILE_MAX_BYTES,
  getReport,
  issueReport,
  listReports,
  previewReport,
  verifyReport,
  verifyReportFile,
  type FileVerifyResult,
} from '../../services/reports.js';
import { RenderError, RendererBusyError } from '../../report/renderer.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The verification upload: the API document states it and the multipart limits below are read from it. */
const VERIFY_FORM = {
  fields: { file: { kind: 'file', description: '要核验的诊断报告 PDF 文件', maxBytes: VERIFY_FILE_MAX_BYTES, accepts: ['.pdf'] } },
  maxFiles: 1,
} as const satisfies NonNullable<FastifyContextConfig['multipart']>;

const wantsHtml = (request: FastifyRequest) => /text\/html/.test(request.headers.accept ?? '');

const reports: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: VERIFY_FORM.fields.file.maxBytes, files: VERIFY_FORM.maxFiles, fields: 2, parts: 3 },
  });
  const tags = ['诊断报告'];

  app.post(
    '/api/assessments/:id/report',
    {
      preHandler: app.requireRole(...rolesForAction('issue')),
      config: { errorCodes: { 409: ['conflict'], 503: ['renderer_busy', 'render_failed'] } },
      schema: {
        tags,
        summary: '出具诊断报告：生成报告正文与附件两个 PDF 并保存（编号、验证码、各自的 SHA-256）；已审核的诊断随之变为“已出具”，已出具的诊断再次出具时生成新编号并将原报告标记为已替代',
        params: IdParams,
        response: { 201: ReportSchema },
      },
    },
    async (request, reply) => {
      const row = await rendered(reply, () =>
        issueReport(app.db, app.questionnaires, request.user!, request.params.id, app.now(), {
          renderer: app.reportRenderer,
          dataDir: app.config.dataDir,
          verifyBase: verifyBase(publicBase(app.config.publicUrl, request)),
        }),
      );
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/assessments/:id/report/preview',
    {
      preHandler: app.requireRole(...rolesForAction('review')),
      config: { errorCodes: { 409: ['conflict'], 503: ['renderer_busy', 'render_failed'] } },
      schema: {
        tags,
        summary: '诊断报告草稿预览（带“草稿”水印，无编号和验证码，不保存）：供审核人员在出具前查看；part=annex 预览报告附件',
        params: IdParams,
        querystring: ReportPreviewQuery,
        response: { 200: PdfFileResponse },
      },
    },
    async (request, reply) => {
      const { part } = request.query;
      const pdf = await rendered(reply, () => previewReport(app.db, app.questionnaires, request.user!, request.params.id, app.reportRenderer, part));
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(`诊断报告${part === 'annex' ? '附件' : ''}草稿-${request.params.id}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: '已出具的诊断报告（按权限范围；可按企业或诊断筛选）',
        querystring: ReportListQuery,
        response: { 200: z.array(ReportSchema) },
      },
    },
    async (request) => listReports(app.db, request.user!, request.query),
  );

  /** A stored file of an issued report, as it was saved when issued. */
  const sendStored = (reply: FastifyReply, relative: string, fileName: string) => {
    const path = join(app.config.dataDir, relative);
    if (!existsSync(path)) throw notFound('诊断报告文件');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentDisposition(fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(createReadStream(path));
  };

  app.get(
    '/api/reports/:id/pdf',
    { schema: { tags, summary: '下载已出具的诊断报告正文（出具时保存的 PDF 原件）', params: IdParams, response: { 200: PdfFileResponse } } },
    async (request, reply) => {
      const r = getReport(app.db, request.user!, request.params.id);
      // The reply is typed for JSON; a download goes through the untyped reply (as the XLSX exports do).
      return sendStored(reply as FastifyReply, r.filePath, `诊断报告-${r.number}.pdf`);
    },
  );

  app.get(
    '/api/reports/:id/annex',
    {
      schema: {
        tags,
        summary: '下载已出具的诊断报告附件（全部问题、数据目录、风险登记、过程域和调研答案；出具时保存的 PDF 原件）',
        params: IdParams,
        response: { 200: PdfFileResponse },
      },
    },
    async (request, reply) => {
      const r = getReport(app.db, request.user!, request.params.id);
      if (!r.annexFilePath) throw notFound('该报告的附件（附件功能启用前出具的报告只有一个文件，内容已全部在报告中）');
      return sendStored(reply as FastifyReply, r.annexFilePath, `诊断报告附件-${r.number}.pdf`);
    },
  );

  app.get(
    '/api/verify/:code',
    {
      // Codes are 60 random bits; the limit keeps anyone from trying them in bulk all the same.
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '核验诊断报告验证码（无需登录）：只返回报告编号、企业名称、出具时间和报告正文、附件 PDF 的 SHA-256；浏览器（Accept: text/html）得到一个中文核验页面',
        params: VerifyParams,
        response: { 200: VerifyResultSchema },
      },
    },
    async (request, reply) => {
      const html = wantsHtml(request);
      let result;
      try {
        result = verifyReport(app.db, request.params.code);
      } catch (err) {
        if (!html) throw err;
        return (reply as FastifyReply)
          .status(404)
          .type('text/html; charset=utf-8')
          .send(verifyPage('未找到该验证码对应的诊断报告', '<p>请核对验证码是否输入正确；如有疑问请联系出具报告的工业和信息化主管部门。</p>'));
      }
      if (!html) return result;
      const date = new Date(Date.parse(result.issuedAt) + 8 * 3600_000);
      return (reply as FastifyReply).type('text/html; charset=utf-8').send(
        verifyPage(
          '该验证码对应一份已出具的诊断报告',
          `<dl><dt>报告编号</dt><dd>${esc(result.number)}</dd><dt>企业名称</dt><dd>${esc(result.enterpriseName)}</dd>
           <dt>出具日期</dt><dd>${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日</dd>
           <dt>报告正文 PDF 的 SHA-256</dt><dd class="h">${esc(result.sha256)}</dd>
           ${result.annexSha256 ? `<dt>报告附件 PDF 的 SHA-256</dt><dd class="h">${esc(result.annexSha256)}</dd>` : ''}</dl>
           <p>手中文件的 SHA-256 与上面一致，即为出具的原件（例如 <code>sha256sum 文件名.pdf</code>），也可以
           <a href="/api/verify">上传 PDF 文件核验</a>。</p>`,
        ),
      );
    },
  );

  app.get(
    '/api/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '上传 PDF 核验诊断报告的网页（无需登录）：选择文件后提交到 POST /api/verify',
        response: { 200: { description: '中文网页', content: { 'text/html': { schema: z.string() } } } },
      },
    },
    async (_request, reply) => (reply as FastifyReply).type('text/html; charset=utf-8').send(verifyPage('上传 PDF 核验诊断报告', UPLOAD_FORM)),
  );

  app.post(
    '/api/verify',
    {
      // Hashing up to 20 MB per request: a tighter limit than the code check.
      config: { public: true, sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' }, multipart: VERIFY_FORM },
      schema: {
        tags,
        summary:
          '上传 PDF 核验是否为出具的诊断报告正文或附件原件（无需登录；multipart/form-data，字段 file，不超过 20 MB）：逐字节一致时返回报告编号、企业名称和文件（正文或附件），否则只说不一致；浏览器表单（Accept: text/html）得到中文结果页面',
        response: { 200: FileVerifyResultSchema },
      },
    },
    async (request, reply) => {
      const html = wantsHtml(request);
      let result: FileVerifyResult;
      try {
        result = verifyReportFile(app.db, await uploadedPdf(request));
      } catch (err) {
        if (!html || !(err instanceof HttpError) || err.statusCode >= 500) throw err;
        return (reply as FastifyReply).status(err.statusCode).type('text/html; charset=utf-8').send(verifyPage('无法核验', `<p>${esc(err.message)}</p>${UPLOAD_FORM}`));
      }
      if (!html) return result;
      return (reply as FastifyReply).type('text/html; charset=utf-8').send(
        result.match
          ? verifyPage(
              `核验通过：该文件是出具的诊断报告${result.part === 'annex' ? '附件' : ''}原件`,
              `<dl><dt>报告编号</dt><dd>${esc(result.number!)}</dd><dt>企业名称</dt><dd>${esc(result.enterpriseName!)}</dd>
               <dt>文件</dt><dd>${esc(REPORT_PART_LABELS[result.part ?? 'report'])}</dd></dl>
               <p>文件与出具时保存的报告逐字节一致，未被修改。</p><p><a href="/api/verify">核验另一个文件</a></p>`,
            )
          : verifyPage(
              '核验未通过：该文件不是出具的诊断报告原件',
              `<p>文件与任何已出具的报告都不一致：可能被修改、重新保存或打印后扫描过，也可能不是本系统出具的报告。请向出具报告的工业和信息化主管部门索取原件，或用封面上的验证码核验。</p>${UPLOAD_FORM}`,
            ),
      );
    },
  );
};

const UPLOAD_FORM = `<form method="post" action="/api/verify" enctype="multipart/form-data">
<p>选择收到的诊断报告 PDF 文件（不超过 ${VERIFY_FILE_MAX_BYTES / 1024 / 1024} MB），系统将核对它是否与出具时保存的原件逐字节一致。文件只用于核验，不会保存。</p>
<p><input type="file" name="file" accept="application/pdf,.pdf" required></p><p><button type="submit">核验</button></p></form>`;

/** The uploaded file's bytes; 400 without one, 413 above the limit. */
async function uploadedPdf(request: FastifyRequest): Promise<Buffer> {
  const part = await request.file();
  if (!part) throw badRequest('请选择要核验的 PDF 文件（表单字段 file）');
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new HttpError(413, 'file_too_large', `文件超过 ${VERIFY_FILE_MAX_BYTES / 1024 / 1024} MB 上限：诊断报告不会这么大，请确认选择的文件`);
    throw err;
  }
  if (data.length === 0) throw badRequest('上传的文件是空的');
  return data;
}

/** Runs a render; a full queue is 503 with Retry-After, a failed render 503 with its reason. */
async function rendered<T>(reply: { header(name: string, value: string): unknown }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RendererBusyError) {
      reply.header('retry-after', String(err.retryAfterSeconds));
      throw new HttpError(503, 'renderer_busy', err.message);
    }
    if (err instanceof RenderError) throw new HttpError(503, 'render_failed', err.message);
    throw err;
  }
}

function verifyPage(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>诊断报告核验</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}
h1{font-size:1.3rem}dt{color:#555;margin-top:.6rem}dd{margin:0;font-size:1.1rem}.h{font-family:monospace;word-break:break-all;font-size:.9rem}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>`;
}

export default reports;
