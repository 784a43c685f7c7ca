/**
 * Rectification (整改) of findings over HTTP: the lists in the caller's scope, status changes (one or several),
 * due dates, and the enterprise's evidence files. The workflow is in services/rectifications.ts.
 */
import multipart from '@fastify/multipart';
import type { FastifyContextConfig } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_LABELS } from '../../domain/file-type.js';
import { badRequest } from '../../http/errors.js';
import { sendEvidenceFile } from '../../http/evidence-download.js';
import { IdParams } from '../../schemas/common.js';
import {
  RectificationBulkBody,
  RectificationChangeBody,
  RectificationDueBody,
  RectificationEvidenceSchema,
  RectificationListQuery,
  RectificationPageSchema,
  RectificationSchema,
} from '../../schemas/rectifications.js';
import { EVIDENCE_MAX_BYTES, evidencePath } from '../../services/evidence.js';
import {
  bulkUpdateRectifications,
  checkRectificationUpload,
  deleteRectificationEvidence,
  getRectification,
  getRectificationEvidence,
  listRectifications,
  setDueDate,
  updateRectification,
  uploadRectificationEvidence,
} from '../../services/rectifications.js';
import { listRectificationWork } from '../../services/rectification-work.js';

const CONFIRMERS = ['admin', 'bureau', 'district', 'diagnostician'] as const;

/** The upload form: the API document states it and the multipart limits below are read from it. */
const UPLOAD_FORM = {
  fields: {
    file: { kind: 'file', description: '整改佐证材料文件，一次一个', maxBytes: EVIDENCE_MAX_BYTES, accepts: Object.values(CATEGORY_LABELS) },
  },
  maxFiles: 1,
} as const satisfies NonNullable<FastifyContextConfig['multipart']>;

const rectifications: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_FORM.fields.file.maxBytes, files: UPLOAD_FORM.maxFiles, fields: 5, parts: 6 },
  });
  const tags = ['整改'];

  app.get(
    '/api/assessments/:id/rectifications',
    {
      config: { errorCodes: { 403: ['results_not_issued'] } },
      schema: { tags, summary: '诊断发现的问题及整改进度', params: IdParams, response: { 200: z.array(RectificationSchema) } },
    },
    async (request) => listRectifications(app.db, request.user!, request.params.id, app.now()),
  );

  app.get(
    '/api/rectifications',
    {
      schema: {
        tags,
        summary: '整改清单：企业看本企业，诊断人员看分配的企业，区县看本区县，市局看全市；可按优先级、章节、状态、是否逾期筛选',
        querystring: RectificationListQuery,
        response: { 200: RectificationPageSchema },
      },
    },
    async (request) => listRectificationWork(app.db, request.user!, request.query, app.now(), app.questionnaires),
  );

  app.get(
    '/api/rectifications/:id',
    {
      config: { errorCodes: { 403: ['results_not_issued'] } },
      schema: { tags, summary: '一个整改项及其历史和佐证材料', params: IdParams, response: { 200: RectificationSchema } },
    },
    async (request) => getRectification(app.db, request.user!, request.params.id, app.now()),
  );

  app.patch(
    '/api/rectifications/:id',
    {
      config: { errorCodes: { 403: ['results_not_issued'], 409: ['conflict'] } },
      schema: {
        tags,
        summary: '更新整改状态：企业 待整改→整改中→已整改；诊断人员或主管部门 已整改→已验收 或退回整改中',
        params: IdParams,
        body: RectificationChangeBody,
        response: { 200: RectificationSchema },
      },
    },
    async (request) => updateRectification(app.db, request.user!, request.params.id, request.body, app.now()),
  );

  app.post(
    '/api/rectifications/bulk',
    {
      preHandler: app.requireRole(...CONFIRMERS),
      config: { errorCodes: { 403: ['results_not_issued'], 409: ['conflict'] } },
      schema: {
        tags,
        summary: '批量验收（同一验收意见）或批量退回（同一原因）；任一项不能处理时全部不变',
        body: RectificationBulkBody,
        response: { 200: z.array(RectificationSchema) },
      },
    },
    async (request) => bulkUpdateRectifications(app.db, request.user!, request.body, app.now()),
  );

  app.put(
    '/api/rectifications/:id/due-date',
    {
      preHandler: app.requireRole(...CONFIRMERS),
      config: { errorCodes: { 403: ['results_not_issued'], 409: ['conflict'] } },
      schema: {
        tags,
        summary: '设定整改期限（诊断人员或主管部门）；null 恢复为按优先级的默认期限',
        params: IdParams,
        body: RectificationDueBody,
        response: { 200: RectificationSchema },
      },
    },
    async (request) => setDueDate(app.db, request.user!, request.params.id, request.body, app.now()),
  );

  app.post(
    '/api/rectifications/:id/evidence',
    {
      preHandler: app.requireRole('enterprise'),
      config: { multipart: UPLOAD_FORM, errorCodes: { 403: ['results_not_issued'], 409: ['conflict'], 415: ['unsupported_file', 'macro_file'] } },
      schema: {
        tags,
        summary: '上传整改佐证材料（multipart/form-data，字段 file；图片、PDF、docx/xlsx、txt，单个不超过 20 MB）',
        params: IdParams,
        response: { 200: RectificationEvidenceSchema, 201: RectificationEvidenceSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // Refuse before reading a possibly large body when the upload cannot be accepted anyway.
      checkRectificationUpload(app.db, request.user!, id);
      const part = await request.file();
      if (!part) throw badRequest('请选择要上传的文件（表单字段 file）');
      const data = await part.toBuffer();
      const result = uploadRectificationEvidence(app.db, app.config.dataDir, request.user!, id, { data, fileName: part.filename }, app.now());
      return reply.status(result.created ? 201 : 200).send(result.evidence);
    },
  );

  app.get(
    '/api/rectification-evidence/:id',
    {
      config: { errorCodes: { 403: ['results_not_issued'], 404: ['evidence_file_missing'] } },
      schema: { tags, summary: '下载整改佐证材料', params: IdParams },
    },
    async (request, reply) => {
      const e = getRectificationEvidence(app.db, request.user!, request.params.id);
      return sendEvidenceFile(request, reply, { path: evidencePath(app.config.dataDir, e.sha256), fileName: e.fileName, mime: e.mime }, { rectificationEvidenceId: e.id, sha256: e.sha256 });
    },
  );

  app.delete(
    '/api/rectification-evidence/:id',
    {
      preHandler: app.requireRole('enterprise'),
      config: { errorCodes: { 403: ['results_not_issued'], 409: ['conflict'] } },
      schema: { tags, summary: '删除整改佐证材料（待整改或整改中）', params: IdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      deleteRectificationEvidence(app.db, app.config.dataDir, request.user!, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default rectifications;
