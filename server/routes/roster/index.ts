/**
 * Roster import over HTTP: upload an XLSX or CSV list of enterprises (multipart, field `file`), optionally as a
 * dry run that reports what would happen and writes nothing; and the import history.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, notFound } from '../../http/errors.js';
import { resolveDistrict } from '../../services/districts.js';
import {
  ROSTER_MAX_BYTES,
  fileTooLarge,
  getImport,
  importRoster,
  listImports,
} from '../../services/roster-import.js';

const STATUSES = ['added', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;
const Counts = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number()])) as Record<(typeof STATUSES)[number], z.ZodNumber>);

const RowOutcomeSchema = z.object({
  row: z.string(),
  sheet: z.string().nullable(),
  rowNumber: z.number(),
  status: z.enum(STATUSES),
  creditCode: z.string().optional(),
  name: z.string().optional(),
  changes: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })).optional(),
  duplicateOf: z.string().optional(),
  reason: z.string().optional(),
  notes: z.array(z.string()).optional(),
});

const SummarySchema = z.object({
  id: z.number(),
  fileName: z.string(),
  fileSha256: z.string(),
  importedBy: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  importedAt: z.string(),
  counts: Counts,
});

const roster: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  const importers = app.requireRole('admin', 'bureau', 'district');
  const tags = ['企业名录导入'];

  app.post(
    '/api/roster/import',
    {
      preHandler: importers,
      schema: {
        tags,
        summary: '导入规上企业名单（multipart/form-data，字段 file；.xlsx 或 .csv，不超过 10 MB、20000 行）',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          dryRun: z.enum(['0', '1', 'true', 'false']).optional().describe('1：只预览结果，不写入'),
          district: z.string().max(50).optional().describe('“所属区域”为空的行登记到此区域（id 或名称）'),
        }),
        response: {
          200: z.object({
            importId: z.number().nullable(),
            dryRun: z.boolean(),
            fileName: z.string(),
            counts: Counts,
            rows: z.array(RowOutcomeSchema),
            skippedSheets: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const { dryRun, district } = request.query;
      let defaultDistrictId: number | undefined;
      if (district) {
        const d = resolveDistrict(app.db, district);
        if (!d) throw badRequest(`区域 ‘${district}’ 无法识别`);
        defaultDistrictId = d.id;
      }
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
      });
    },
  );

  app.get(
    '/api/roster/imports',
    {
      preHandler: importers,
      schema: { tags, summary: '导入记录（最近 100 次）', response: { 200: z.array(SummarySchema) } },
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
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: SummarySchema.extend({ rows: z.array(RowOutcomeSchema), skippedSheets: z.array(z.string()) }) },
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
