/** Opens the data directory's database (migrated and seeded, db/open.ts) and closes it with the app. */
import fp from 'fastify-plugin';
import { openDataDatabase, type Db } from '../db/open.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp(async (app, opts: { dataDir: string }) => {
  const db = openDataDatabase(opts.dataDir);
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    db.close();
  });
});
