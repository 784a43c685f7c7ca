/**
 * The figures the bureau owes upward: the 年度计划表 (read, enter, export), 宣贯培训 records (CRUD, XLSX import,
 * coverage) and typical-case candidates (CRUD, 推荐汇总表 export). The bureau only: these are the city's figures.
 */
import multipart from '@fastify/multipart';
import type { FastifyContextConfig } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common.js';
import {
  CaseBody, CaseSchema, PlanFigureBody, PlanSchema, TrainingBody, TrainingCoverageSchema,
  TrainingImportResultSchema, TrainingSchema, YearQuery,
} from '../../schemas/upward.js';
import { badRequest } from '../../http/errors.js';
import {
  createCase, createTraining, deleteCase, deleteTraining, getTraining, listCases, listTrainings, plan, setPlanFigure,
  trainingCoverage, updateTraining,
} from '../../services/upward.js';
import { TRAINING_COLUMNS, TRAINING_MAX_BYTES, importTrainings } from '../../services/training-import.js';
import { caseSheets, planSheets } from '../../services/dashboard-export.js';
import { XlsxFileResponse, sendXlsx } from '../../http/xlsx-download.js';
import { workbook } from '../../services/xlsx-table.js';

const PLAN_YEARS = [2024, 2025, 2026];
const OptionalYear = z.object({ year: z.coerce.number().int().min(2024).max(2100).optional() });

/** The training import form: the API document states it and the multipart limits below are read from it. */
const TRAINING_FORM = {
  fields: {
    file: {
      kind: 'file',
      description: `宣贯培训记录表（表头 ${TRAINING_COLUMNS.join('|')}），不超过 ${TRAINING_MAX_BYTES / 2 ** 20} MB`,
      maxBytes: TRAINING_MAX_BYTES,
      accepts: ['.xlsx'],
    },
  },
  maxFiles: 1,
} as const satisfies NonNullable<FastifyContextConfig['multipart']>;

const upward: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: TRAINING_FORM.fields.file.maxBytes, files: TRAINING_FORM.maxFiles, fields: 2, parts: 3 },
  });
  const preHandler = app.requireRole('bureau');
  const tags = ['上报数据'];
  const thisYear = () => Number(app.now().slice(0, 4));

  app.get('/api/upward/plan', { preHandler, schema: { tags, summary: '年度计划表（某年，缺省为今年）', querystring: YearQuery, response: { 200: PlanSchema } } },
    async (request) => plan(app.db, request.query.year ?? thisYear(), app.now()));

  app.put('/api/upward/plan', {
    preHandler,
    schema: {
      tags, summary: '填写年度计划表某项指标的目标、完成值（系统无法统计的指标）或备注', body: PlanFigureBody, response: { 200: PlanSchema },
    },
  }, async (request) => {
    const { year, indicator, ...figure } = request.body;
    setPlanFigure(app.db, year, indicator, figure, request.user!.id, app.now());
    return plan(app.db, year, app.now());
  });

  app.get('/api/upward/plan.xlsx', { preHandler, schema: { tags, summary: '导出年度计划表（2024–2026，XLSX）', response: { 200: XlsxFileResponse } } },
    async (_request, reply) => {
      const asOf = app.now().slice(0, 10);
      return sendXlsx(reply, `年度计划表-${asOf}`, await workbook(planSheets(PLAN_YEARS.map((y) => plan(app.db, y, app.now())), asOf)));
    });

  app.get('/api/upward/trainings', { preHandler, schema: { tags, summary: '宣贯培训记录', querystring: OptionalYear, response: { 200: z.array(TrainingSchema) } } },
    async (request) => listTrainings(app.db, request.query.year));

  app.get('/api/upward/trainings/coverage', {
    preHandler, schema: { tags, summary: '宣贯培训覆盖（人次、覆盖企业及占名录、重点行业规上企业的比例）', querystring: OptionalYear, response: { 200: TrainingCoverageSchema } },
  }, async (request) => trainingCoverage(app.db, request.query.year));

  app.post('/api/upward/trainings', { preHandler, schema: { tags, summary: '新增宣贯培训记录', body: TrainingBody, response: { 201: TrainingSchema } } },
    async (request, reply) => reply.status(201).send(createTraining(app.db, request.body, request.user!.id, app.now())));

  app.put('/api/upward/trainings/:id', { preHandler, schema: { tags, summary: '修改宣贯培训记录', params: IdParams, body: TrainingBody, response: { 200: TrainingSchema } } },
    async (request) => updateTraining(app.db, request.params.id, request.body));

  app.get('/api/upward/trainings/:id', { preHandler, schema: { tags, summary: '宣贯培训记录', params: IdParams, response: { 200: TrainingSchema } } },
    async (request) => getTraining(app.db, request.params.id));

  app.delete('/api/upward/trainings/:id', { preHandler, schema: { tags, summary: '删除宣贯培训记录', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      deleteTraining(app.db, request.params.id);
      return reply.status(204).send(null);
    });

  app.post('/api/upward/trainings/import', {
    preHandler,
    config: { multipart: TRAINING_FORM },
    schema: { tags, summary: `从 XLSX 导入宣贯培训记录（multipart/form-data，字段 file；不超过 ${TRAINING_MAX_BYTES / 2 ** 20} MB）`, response: { 200: TrainingImportResultSchema } },
  }, async (request) => {
    const part = await request.file();
    if (!part) throw badRequest('请选择要导入的表格（表单字段 file）');
    return importTrainings(app.db, await part.toBuffer(), request.user!.id, app.now());
  });

  app.get('/api/upward/cases', { preHandler, schema: { tags, summary: '典型案例候选', querystring: OptionalYear, response: { 200: z.array(CaseSchema) } } },
    async (request) => listCases(app.db, request.query.year));

  app.post('/api/upward/cases', { preHandler, schema: { tags, summary: '标记典型案例候选', body: CaseBody, response: { 201: CaseSchema } } },
    async (request, reply) => reply.status(201).send(createCase(app.db, request.body, request.user!.id, app.now())));

  app.delete('/api/upward/cases/:id', { preHandler, schema: { tags, summary: '取消典型案例候选', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      deleteCase(app.db, request.params.id);
      return reply.status(204).send(null);
    });

  app.get('/api/upward/cases.xlsx', { preHandler, schema: { tags, summary: '导出典型案例推荐汇总表（XLSX）', querystring: OptionalYear, response: { 200: XlsxFileResponse } } },
    async (request, reply) => {
      const year = request.query.year;
      const asOf = app.now().slice(0, 10);
      return sendXlsx(reply, `典型案例推荐汇总表-${year ?? '全部'}`,
        await workbook(caseSheets(listCases(app.db, year), `数据安全典型案例推荐汇总表${year ? `（${year}年）` : ''} — 截至 ${asOf}`)));
    });
};
export default upward;
