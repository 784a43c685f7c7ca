/**
 * The bureau's dashboard: coverage, weekly trend, results, closing the loop and the drill-down list.
 * Bureau and administrators: the whole city or one district; district officer: only their own district (403 for
 * another); every other role 403.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CoverageSchema, DashboardQuery, DrillPageSchema, DrillQuery, LoopSchema, ResultsSchema, TrendSchema, type DrillFilter,
} from '../../schemas/dashboard.js';
import { coverage, dashboardScope, drill, itemLabeller, loop, results, trend } from '../../services/dashboard.js';
import {
  DIAGNOSIS_STAGE_LABELS, coverageSheets, drillSheets, loopSheets, resultsSheets, trendSheets,
} from '../../services/dashboard-export.js';
import { XlsxFileResponse, sendXlsx } from '../../http/xlsx-download.js';
import { workbook, type AnySheet } from '../../services/xlsx-table.js';
import { allDistricts } from '../../services/districts.js';

const dashboard: FastifyPluginAsyncZod = async (app) => {
  const preHandler = app.requireRole('admin', 'bureau', 'district');
  const tags = ['工作台'];
  const labelOf = itemLabeller(app.questionnaires);

  app.get('/api/dashboard/coverage', {
    preHandler,
    schema: { tags, summary: '诊断覆盖（按区县、行业、区县×行业）', querystring: DashboardQuery, response: { 200: CoverageSchema } },
  }, async (request) => coverage(app.db, dashboardScope(app.db, request.user!, request.query.district, app.now())));

  app.get('/api/dashboard/trend', {
    preHandler,
    schema: { tags, summary: '每周出具报告数与累计覆盖', querystring: DashboardQuery, response: { 200: TrendSchema } },
  }, async (request) => trend(app.db, dashboardScope(app.db, request.user!, request.query.district, app.now())));

  app.get('/api/dashboard/results', {
    preHandler,
    schema: { tags, summary: '风险等级与成熟度分布、常见问题、红线与分类分级情况', querystring: DashboardQuery, response: { 200: ResultsSchema } },
  }, async (request) => results(app.db, dashboardScope(app.db, request.user!, request.query.district, app.now()), labelOf));

  app.get('/api/dashboard/loop', {
    preHandler,
    schema: { tags, summary: '闭环整改（发现、整改中、已整改、已验收、逾期）', querystring: DashboardQuery, response: { 200: LoopSchema } },
  }, async (request) => {
    const now = app.now();
    return loop(app.db, dashboardScope(app.db, request.user!, request.query.district, now), now);
  });

  app.get('/api/dashboard/enterprises', {
    preHandler,
    schema: { tags, summary: '数字背后的企业（下钻列表）', querystring: DrillQuery, response: { 200: DrillPageSchema } },
  }, async (request) =>
    drill(app.db, dashboardScope(app.db, request.user!, request.query.district, app.now()), request.query));

  // ---------- XLSX exports: the same figures as the routes above, one route each ----------

  const send = async (reply: FastifyReply, name: string, asOf: string, sheets: AnySheet[]) =>
    sendXlsx(reply, `${name}-${asOf}`, await workbook(sheets));
  const exportSchema = (summary: string, querystring: typeof DashboardQuery | typeof DrillQuery = DashboardQuery) => ({
    tags, summary, querystring, response: { 200: XlsxFileResponse },
  });
  const scopeOf = (request: FastifyRequest) =>
    dashboardScope(app.db, request.user!, (request.query as { district?: string }).district, app.now());

  app.get('/api/dashboard/coverage.xlsx', { preHandler, schema: exportSchema('导出诊断覆盖（XLSX）') }, async (request, reply) => {
    const scope = scopeOf(request);
    const districts = new Map(allDistricts(app.db).map((d) => [d.id, d.name]));
    const industries = new Map(
      (app.db.prepare('SELECT code, name FROM industries').all() as { code: string; name: string }[]).map((i) => [i.code, i.name]),
    );
    return send(reply, `诊断覆盖-${scope.label}`, scope.asOf, coverageSheets(coverage(app.db, scope), districts, industries));
  });

  app.get('/api/dashboard/trend.xlsx', { preHandler, schema: exportSchema('导出每周趋势（XLSX）') }, async (request, reply) => {
    const scope = scopeOf(request);
    return send(reply, `每周趋势-${scope.label}`, scope.asOf, trendSheets(trend(app.db, scope)));
  });

  app.get('/api/dashboard/results.xlsx', { preHandler, schema: exportSchema('导出诊断结果分布（XLSX）') }, async (request, reply) => {
    const scope = scopeOf(request);
    return send(reply, `诊断结果-${scope.label}`, scope.asOf, resultsSheets(results(app.db, scope, labelOf)));
  });

  app.get('/api/dashboard/loop.xlsx', { preHandler, schema: exportSchema('导出闭环整改（XLSX）') }, async (request, reply) => {
    const scope = scopeOf(request);
    return send(reply, `闭环整改-${scope.label}`, scope.asOf, loopSheets(loop(app.db, scope, app.now())));
  });

  app.get('/api/dashboard/enterprises.xlsx', { preHandler, schema: exportSchema('导出下钻企业清单（XLSX，全部页）', DrillQuery) }, async (request, reply) => {
    const scope = scopeOf(request);
    const q = request.query as DrillFilter;
    const all = drill(app.db, scope, { ...q, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
    const what = [q.industry, q.status && DIAGNOSIS_STAGE_LABELS[q.status], q.riskLevel && `风险 ${q.riskLevel}`,
      q.maturityLevel !== undefined && `成熟度 ${q.maturityLevel}`, q.keyCandidate && '重点企业候选'].filter(Boolean).join('，') || '全部';
    return send(reply, `企业清单-${scope.label}`, scope.asOf, drillSheets(all.items, scope, what));
  });
};
export default dashboard;
