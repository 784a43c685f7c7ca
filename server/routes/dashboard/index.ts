/**
 * The bureau's dashboard: coverage, weekly trend, results, closing the loop and the drill-down list.
 * Bureau: the whole city or one district; district officer: only their own district (403 for another);
 * every other role 403.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CoverageSchema, DashboardQuery, DrillPageSchema, DrillQuery, LoopSchema, ResultsSchema, TrendSchema,
} from '../../schemas/dashboard.js';
import { coverage, dashboardScope, drill, loop, results, trend } from '../../services/dashboard.js';

const dashboard: FastifyPluginAsyncZod = async (app) => {
  const preHandler = app.requireRole('bureau', 'district');
  const tags = ['工作台'];

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
    schema: { tags, summary: '风险等级与成熟度分布、常见问题', querystring: DashboardQuery, response: { 200: ResultsSchema } },
  }, async (request) => results(app.db, dashboardScope(app.db, request.user!, request.query.district, app.now())));

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
};
export default dashboard;
