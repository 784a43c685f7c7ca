/** Opens the SQLite database under the data directory, seeds reference data, and closes it with the app. */
import fp from 'fastify-plugin';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { seedReferenceData } from '../services/reference-data.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export const DATABASE_FILE = 'dsd.sqlite';

export default fp(async (app, opts: { dataDir: string }) => {
  const db = openDatabase(join(opts.dataDir, DATABASE_FILE));
  seedReferenceData(db);
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    db.close();
  });
});
