import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthSchema } from '../../schemas/health.js';

/** Liveness and readiness: the database answers and questionnaires are loaded. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['系统'], summary: '健康检查：数据库与已加载的问卷', response: { 200: HealthSchema } } }, async () => {
    const db = app.db.prepare('SELECT 1 AS ok').get() as { ok: number };
    return {
      status: 'ok' as const,
      database: db.ok === 1 ? ('ok' as const) : ('error' as const),
      questionnaires: app.questionnaires.list().map((q) => ({ id: q.id, version: q.version })),
    };
  });
};
export default health;
