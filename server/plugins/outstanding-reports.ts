/**
 * The background queue of reports owed by issued assessments (services/outstanding-reports.ts): the server starts it
 * after listening, the workflow's 出具 action adds to it, and it stops before the server closes — before the renderer
 * and the database do — so no report is started during shutdown.
 */
import fp from 'fastify-plugin';
import { OutstandingReports } from '../services/outstanding-reports.js';

declare module 'fastify' {
  interface FastifyInstance {
    outstandingReports: OutstandingReports;
  }
}

export default fp(async (app) => {
  const queue = new OutstandingReports(app.db, app.questionnaires, app.reportRenderer, app.config.dataDir, {
    info: (m) => app.log.info(m),
    warn: (m) => app.log.warn(m),
  });
  app.decorate('outstandingReports', queue);
  app.addHook('preClose', async () => queue.stop());
});
