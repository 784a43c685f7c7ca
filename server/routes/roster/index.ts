/**
 * Roster import over HTTP: upload an XLSX or CSV list of enterprises (multipart, field `file`), optionally as a
 * dry run that reports what would happen and writes nothing; and the import history.
 */
import multipart from '@fastify/multipart';
import type { FastifyContextConfig } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common.js';
import { ImportDetailSchema, ImportResultSchema, ImportSummarySchema, RosterImportQuery } from '../../schemas/roster.js';
import { badRequest, notFound } from '../../http/errors.js';
import { resolveDistrictFilter } from '../../services/districts.js';
import {
  ROSTER_MAX_BYTES,
  ROSTER_MAX_ROWS,
  fileTooLarge,
  getImport,
  importRoster,
  listImports,
} from '../../services/roster-import.js';

/** The upload form: the API document states it and the multipart limits below are read from it. */
const IMPORT_FORM = {
  fields: {
    file: {
      kind: 'file',
      description: `企业名单，一次一个文件，不超过 ${ROSTER_MAX_ROWS} 行`,
      maxBytes: ROSTER_MAX_BYTES,
      accepts: ['.xlsx', '.csv（UTF-8 或 GBK）'],
    },
  },
  maxFiles: 1,
} as const satisfies NonNullable<FastifyContextConfig['multipart']>;

const roster: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: IMPORT_FORM.fields.file.maxBytes, files: IMPORT_FORM.maxFiles, fields: 5, parts: 6 },
  });
  const importers = app.requireRole('admin', 'bureau', 'district');
  const tags = ['企业名录导入'];

  app.post(
    '/api/roster/import',
    {
      preHandler: importers,
      config: { multipart: IMPORT_FORM },
      schema: {
        tags,
        summary: '导入规上企业名单（multipart/form-data，字段 file；.xlsx 或 .csv，不超过 10 MB、20000 行）',
        querystring: RosterImportQuery,
        response: { 200: ImportResultSchema },
      },
    },
    async (request) => {
      const { dryRun, district } = request.query;
      const defaultDistrictId = resolveDistrictFilter(app.db, district);
      const part = await request.file();
      if (!part) throw badRequest('请选择要导入的名单文件（表单字段 file）');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
        throw err;
      }
      if (data.length === 0) throw badRequest('上传的文件是空的');
      return importRoster(app.db, {
        user: request.user!,
        fileName: part.filename || 'roster',
        data,
        dryRun: dryRun === '1' || dryRun === 'true',
        defaultDistrictId,
        now: app.now(),
      });
    },
  );

  app.get(
    '/api/roster/imports',
    {
      preHandler: importers,
      schema: { tags, summary: '导入记录（最近 100 次）', response: { 200: z.array(ImportSummarySchema) } },
    },
    async (request) => listImports(app.db, request.user!),
  );

  app.get(
    '/api/roster/imports/:id',
    {
      preHandler: importers,
      schema: {
        tags,
        summary: '一次导入的逐行结果',
        params: IdParams,
        response: { 200: ImportDetailSchema },
      },
    },
    async (request) => {
      const found = getImport(app.db, request.user!, request.params.id);
      if (!found) throw notFound('导入记录');
      return found;
    },
  );
};
export default roster;
