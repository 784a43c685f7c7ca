/**
 * Evidence files over HTTP: upload to an evidence item (multipart, one file per request), download, delete.
 * Types are decided from the file's bytes; downloads are always attachments with nosniff.
 */
import multipart from '@fastify/multipart';
import type { FastifyContextConfig } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { rolesForAction } from '../../domain/workflow.js';
import { CATEGORY_LABELS } from '../../domain/file-type.js';
import { badRequest } from '../../http/errors.js';
import { sendEvidenceFile } from '../../http/evidence-download.js';
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
      return sendEvidenceFile(request, reply, { path: evidencePath(app.config.dataDir, e.sha256), fileName: e.fileName, mime: e.mime }, { evidenceId: e.id, sha256: e.sha256 });
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
