/**
 * Diagnosis reports over HTTP: issue (render and store), list, download the stored PDF, and the public verification
 * of a code (JSON, and a small Chinese page for people who scan the cover's QR code). Rules in services/reports.ts.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../../domain/file-type.js';
import { rolesForAction } from '../../domain/workflow.js';
import { HttpError, notFound } from '../../http/errors.js';
import { IdParams } from '../../schemas/common.js';
import { PdfFileResponse, ReportListQuery, ReportSchema, VerifyParams, VerifyResultSchema } from '../../schemas/reports.js';
import { getReport, issueReport, listReports, previewReport, verifyReport } from '../../services/reports.js';
import { RenderError, RendererBusyError } from '../../report/renderer.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const reports: FastifyPluginAsyncZod = async (app) => {
  const tags = ['诊断报告'];

  app.post(
    '/api/assessments/:id/report',
    {
      preHandler: app.requireRole(...rolesForAction('issue')),
      config: { errorCodes: { 409: ['conflict'], 503: ['renderer_busy', 'render_failed'] } },
      schema: {
        tags,
        summary: '出具诊断报告：生成 PDF 并保存（编号、验证码、SHA-256）；已审核的诊断随之变为“已出具”，已出具的诊断再次出具时生成新编号并将原报告标记为已替代',
        params: IdParams,
        response: { 201: ReportSchema },
      },
    },
    async (request, reply) => {
      const verifyBase = `${request.protocol}://${request.host}/api/verify/`;
      const row = await rendered(reply, () =>
        issueReport(app.db, app.questionnaires, request.user!, request.params.id, app.now(), {
          renderer: app.reportRenderer,
          dataDir: app.config.dataDir,
          verifyBase,
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
        summary: '诊断报告草稿预览（带“草稿”水印，无编号和验证码，不保存）：供审核人员在出具前查看',
        params: IdParams,
        response: { 200: PdfFileResponse },
      },
    },
    async (request, reply) => {
      const pdf = await rendered(reply, () => previewReport(app.db, app.questionnaires, request.user!, request.params.id, app.reportRenderer));
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(`诊断报告草稿-${request.params.id}.pdf`))
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

  app.get(
    '/api/reports/:id/pdf',
    { schema: { tags, summary: '下载已出具的诊断报告（出具时保存的 PDF 原件）', params: IdParams, response: { 200: PdfFileResponse } } },
    async (request, reply) => {
      const r = getReport(app.db, request.user!, request.params.id);
      const path = join(app.config.dataDir, r.filePath);
      if (!existsSync(path)) throw notFound('诊断报告文件');
      // The reply is typed for JSON; a download goes through the untyped reply (as the XLSX exports do).
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(`诊断报告-${r.number}.pdf`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(path));
    },
  );

  app.get(
    '/api/verify/:code',
    {
      // Codes are 60 random bits; the limit keeps anyone from trying them in bulk all the same.
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '核验诊断报告验证码（无需登录）：只返回报告编号、企业名称、出具时间和 PDF 的 SHA-256；浏览器（Accept: text/html）得到一个中文核验页面',
        params: VerifyParams,
        response: { 200: VerifyResultSchema },
      },
    },
    async (request, reply) => {
      const wantsHtml = /text\/html/.test(request.headers.accept ?? '');
      let result;
      try {
        result = verifyReport(app.db, request.params.code);
      } catch (err) {
        if (!wantsHtml) throw err;
        return (reply as FastifyReply)
          .status(404)
          .type('text/html; charset=utf-8')
          .send(verifyPage('未找到该验证码对应的诊断报告', '<p>请核对验证码是否输入正确；如有疑问请联系出具报告的工业和信息化主管部门。</p>'));
      }
      if (!wantsHtml) return result;
      const date = new Date(Date.parse(result.issuedAt) + 8 * 3600_000);
      return (reply as FastifyReply).type('text/html; charset=utf-8').send(
        verifyPage(
          '该验证码对应一份已出具的诊断报告',
          `<dl><dt>报告编号</dt><dd>${esc(result.number)}</dd><dt>企业名称</dt><dd>${esc(result.enterpriseName)}</dd>
           <dt>出具日期</dt><dd>${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日</dd>
           <dt>PDF 文件 SHA-256</dt><dd class="h">${esc(result.sha256)}</dd></dl>
           <p>手中文件的 SHA-256 与上面一致，即为出具的原件（例如 <code>sha256sum 文件名.pdf</code>）。</p>`,
        ),
      );
    },
  );
};

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
