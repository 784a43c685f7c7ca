/** Process entry: configuration, start, graceful shutdown. `npm start -- --demo` loads the demo dataset. */
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { QuestionnaireLoadError } from './services/questionnaire-loader.js';
import { ensureInitialAdmin } from './services/bootstrap.js';
import { writeServerLock } from './services/server-lock.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    if (err instanceof QuestionnaireLoadError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  await ensureInitialAdmin(app.db);
  // Tells `npm run restore` that the database is in use.
  const releaseLock = writeServerLock(config.dataDir);
  process.on('exit', releaseLock);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`数安诊断已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
