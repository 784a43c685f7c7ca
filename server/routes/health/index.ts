import type { FastifyPluginAsync } from 'fastify';

/** Liveness and readiness: the database answers and questionnaires are loaded. */
const health: FastifyPluginAsync = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['系统'], summary: '健康检查：数据库与已加载的问卷' } }, async () => {
    const db = app.db.prepare('SELECT 1 AS ok').get() as { ok: number };
    return {
      status: 'ok',
      database: db.ok === 1 ? 'ok' : 'error',
      questionnaires: app.questionnaires.list().map((q) => ({ id: q.id, version: q.version })),
    };
  });
};
export default health;
