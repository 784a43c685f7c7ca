/**
 * Evidence files over HTTP: upload to an evidence item (multipart, one file per request), download, delete.
 * Types are decided from the file's bytes; downloads are always attachments with nosniff.
 */
import multipart from '@fastify/multipart';
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyContextConfig } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { rolesForAction } from '../../domain/workflow.js';
import { CATEGORY_LABELS, attachmentDisposition } from '../../domain/file-type.js';
import { HttpError, badRequest } from '../../http/errors.js';
import {
  EVIDENCE_MAX_BYTES,
  checkUpload,
  deleteEvidence,
  evidencePath,
  getEvidence,
  uploadEvidence,
} from '../../services/evidence.js';
import { IdParams } from '../../schemas/common.js';
import { EvidenceDeletedSchema, EvidenceUploadParams, EvidenceUploadSchema } from '../../schemas/evidence.js';

/** The upload form: the API document states it and the multipart limits below are read from it. */
const UPLOAD_FORM = {
  fields: {
    file: {
      kind: 'file',
      description: '佐证材料文件，一次一个',
      maxBytes: EVIDENCE_MAX_BYTES,
      accepts: Object.values(CATEGORY_LABELS),
    },
  },
  maxFiles: 1,
} as const satisfies NonNullable<FastifyContextConfig['multipart']>;

const evidence: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_FORM.fields.file.maxBytes, files: UPLOAD_FORM.maxFiles, fields: 5, parts: 6 },
  });
  const tags = ['附件'];

  app.post(
    '/api/assessments/:id/evidence/:itemId',
    {
      preHandler: app.requireRole(...rolesForAction('edit')),
      config: { multipart: UPLOAD_FORM, errorCodes: { 409: ['conflict'], 415: ['unsupported_file', 'macro_file'] } },
      schema: {
        tags,
        summary: '上传佐证材料（multipart/form-data，字段 file；图片、PDF、docx/xlsx、txt，单个不超过 20 MB）',
        params: EvidenceUploadParams,
        response: { 200: EvidenceUploadSchema, 201: EvidenceUploadSchema },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      // Refuse before reading a possibly large body when the upload cannot be accepted anyway.
      checkUpload(app.db, app.questionnaires, request.user!, id, itemId);
      // A malformed body (no boundary, cut off early) is answered 400 by the errors plugin.
      const part = await request.file();
      if (!part) throw badRequest('请选择要上传的文件（表单字段 file）');
      const data = await part.toBuffer();
      const result = uploadEvidence(app.db, app.questionnaires, app.config.dataDir, request.user!, id, itemId, {
        data,
        fileName: part.filename,
      }, app.now());
      return reply.status(result.created ? 201 : 200).send({ evidence: result.evidence, version: result.version });
    },
  );

  app.get(
    '/api/evidence/:id',
    {
      config: { errorCodes: { 404: ['evidence_file_missing'] } },
      schema: { tags, summary: '下载佐证材料', params: IdParams },
    },
    async (request, reply) => {
      const { evidence: e } = getEvidence(app.db, request.user!, request.params.id);
      const path = evidencePath(app.config.dataDir, e.sha256);
      // e.g. a database file restored on its own, without the snapshot's evidence files.
      if (!existsSync(path)) {
        request.log.error({ evidenceId: e.id, sha256: e.sha256 }, 'evidence file missing');
        throw new HttpError(404, 'evidence_file_missing', `附件文件“${e.fileName}”在服务器上缺失，请联系管理员从备份恢复`);
      }
      return reply
        .header('Content-Type', e.mime)
        .header('Content-Disposition', attachmentDisposition(e.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-store')
        .send(createReadStream(path));
    },
  );

  app.delete(
    '/api/evidence/:id',
    {
      preHandler: app.requireRole(...rolesForAction('edit')),
      config: { errorCodes: { 409: ['conflict'] } },
      schema: {
        tags,
        summary: '删除佐证材料（仅填写中的诊断）',
        params: IdParams,
        response: { 200: EvidenceDeletedSchema },
      },
    },
    async (request) => deleteEvidence(app.db, app.config.dataDir, request.user!, request.params.id, app.now()),
  );
};

export default evidence;
