/**
 * Batch downloads of issued reports over HTTP: start packing a district's or an industry's reports into a ZIP, poll
 * its progress, download it when done, cancel it. Rules in services/report-batches.ts.
 */
import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../../domain/file-type.js';
import { ReportBatchInput, ReportBatchParams, ReportBatchSchema } from '../../schemas/reports.js';
import { ReportBatches } from '../../services/report-batches.js';

const reportBatches: FastifyPluginAsyncZod = async (app) => {
  const batches = new ReportBatches(app.db, app.config.dataDir, () => app.now());
  app.addHook('onClose', async () => batches.close());
  const preHandler = app.requireRole('admin', 'bureau', 'district');
  const tags = ['诊断报告'];

  app.post(
    '/api/report-batches',
    {
      preHandler,
      schema: {
        tags,
        summary: '批量下载：把一个区县或一个行业当前有效的已出具报告打包为 ZIP（后台进行，立即返回任务；区县账号只能打包本区县；同一用户的新任务取代旧任务）',
        body: ReportBatchInput,
        response: { 202: ReportBatchSchema },
      },
    },
    async (request, reply) => reply.status(202).send(batches.start(request.user!, request.body, app.now())),
  );

  app.get(
    '/api/report-batches/:id',
    { preHandler, schema: { tags, summary: '批量下载任务的进度（只有发起人可见）', params: ReportBatchParams, response: { 200: ReportBatchSchema } } },
    async (request) => batches.get(request.user!, request.params.id),
  );

  app.get(
    '/api/report-batches/:id/zip',
    {
      preHandler,
      config: { errorCodes: { 409: ['conflict'] } },
      schema: {
        tags,
        summary: '下载打包完成的 ZIP（完成后保留 1 小时，服务器重启后仍可下载）',
        params: ReportBatchParams,
        response: { 200: { description: 'ZIP 文件（附件下载）', content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } } } },
      },
    },
    async (request, reply) => {
      const { path, fileName } = batches.file(request.user!, request.params.id);
      return (reply as FastifyReply)
        .header('content-type', 'application/zip')
        .header('content-disposition', attachmentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(createReadStream(path));
    },
  );

  app.delete(
    '/api/report-batches/:id',
    { preHandler, schema: { tags, summary: '取消批量下载（打包中则停止，已完成则删除文件）', params: ReportBatchParams, response: { 200: ReportBatchSchema } } },
    async (request) => batches.cancel(request.user!, request.params.id),
  );
};

export default reportBatches;
