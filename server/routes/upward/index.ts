/**
 * The figures the bureau owes upward: the 年度计划表 (read, enter, export), 宣贯培训 records (CRUD, XLSX import,
 * coverage) and typical-case candidates (CRUD, 推荐汇总表 export). The bureau only: these are the city's figures.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common.js';
import {
  CaseBody, CaseSchema, PlanFigureBody, PlanFigureParams, PlanSchema, TrainingBody, TrainingCoverageSchema,
  TrainingImportResultSchema, TrainingSchema, YearQuery,
} from '../../schemas/upward.js';
import { badRequest } from '../../http/errors.js';
import {
  createCase, createTraining, deleteCase, deleteTraining, getTraining, listCases, listTrainings, plan, setPlanFigure,
  trainingCoverage, updateTraining,
} from '../../services/upward.js';
import { importTrainings } from '../../services/training-import.js';
import { caseSheets, planSheets } from '../../services/dashboard-export.js';
import { workbook, type AnySheet } from '../../services/xlsx-table.js';

const PLAN_YEARS = [2024, 2025, 2026];
const OptionalYear = z.object({ year: z.coerce.number().int().min(2024).max(2100).optional() });

const upward: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: 5 * 2 ** 20, files: 1, fields: 2, parts: 3 } });
  const preHandler = app.requireRole('bureau');
  const tags = ['上报数据'];
  const xlsx = async (reply: FastifyReply, name: string, sheets: AnySheet[]) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`)
      .send(await workbook(sheets));

  app.get('/api/upward/plan', { preHandler, schema: { tags, summary: '年度计划表（某年）', querystring: YearQuery, response: { 200: PlanSchema } } },
    async (request) => plan(app.db, request.query.year));

  app.put('/api/upward/plan/:year/:indicator', {
    preHandler,
    schema: { tags, summary: '填写年度计划表的目标、完成值（系统无法统计的指标）或备注', params: PlanFigureParams, body: PlanFigureBody },
  }, async (request, reply) => {
    setPlanFigure(app.db, request.params.year, request.params.indicator, request.body, request.user!.id, app.now());
    return reply.status(204).send();
  });

  app.get('/api/upward/plan.xlsx', { preHandler, schema: { tags, summary: '导出年度计划表（2024–2026，XLSX）' } }, async (_request, reply) => {
    const asOf = app.now().slice(0, 10);
    return xlsx(reply, `年度计划表-${asOf}`, planSheets(PLAN_YEARS.map((y) => plan(app.db, y)), asOf));
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

  app.delete('/api/upward/trainings/:id', { preHandler, schema: { tags, summary: '删除宣贯培训记录', params: IdParams } },
    async (request, reply) => {
      deleteTraining(app.db, request.params.id);
      return reply.status(204).send();
    });

  app.post('/api/upward/trainings/import', {
    preHandler,
    schema: { tags, summary: '从 XLSX 导入宣贯培训记录（字段 file；表头 日期|课程|组织单位|区县|人次|参训企业）', consumes: ['multipart/form-data'], response: { 200: TrainingImportResultSchema } },
  }, async (request) => {
    const part = await request.file();
    if (!part) throw badRequest('请选择要导入的表格（表单字段 file）');
    return importTrainings(app.db, await part.toBuffer(), request.user!.id, app.now());
  });

  app.get('/api/upward/cases', { preHandler, schema: { tags, summary: '典型案例候选', querystring: OptionalYear, response: { 200: z.array(CaseSchema) } } },
    async (request) => listCases(app.db, request.query.year));

  app.post('/api/upward/cases', { preHandler, schema: { tags, summary: '标记典型案例候选', body: CaseBody, response: { 201: CaseSchema } } },
    async (request, reply) => reply.status(201).send(createCase(app.db, request.body, request.user!.id, app.now())));

  app.delete('/api/upward/cases/:id', { preHandler, schema: { tags, summary: '取消典型案例候选', params: IdParams } },
    async (request, reply) => {
      deleteCase(app.db, request.params.id);
      return reply.status(204).send();
    });

  app.get('/api/upward/cases.xlsx', { preHandler, schema: { tags, summary: '导出典型案例推荐汇总表（XLSX）', querystring: OptionalYear } },
    async (request, reply) => {
      const year = request.query.year;
      const asOf = app.now().slice(0, 10);
      return xlsx(reply, `典型案例推荐汇总表-${year ?? '全部'}`,
        caseSheets(listCases(app.db, year), `数据安全典型案例推荐汇总表${year ? `（${year}年）` : ''} — 截至 ${asOf}`));
    });
};
export default upward;
