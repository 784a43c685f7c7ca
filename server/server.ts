/** Process entry: configuration, start, graceful shutdown. `npm start -- --demo` loads the demo dataset. */
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { QuestionnaireLoadError } from './services/questionnaire-loader.js';
import { ensureInitialAdmin } from './services/bootstrap.js';
import { writeServerLock } from './services/server-lock.js';
import { loadDemoData } from './demo/generate.js';
import { DEMO_PASSWORD } from './services/users.js';
import { verifyBase } from './http/public-url.js';

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
  if (process.argv.slice(2).includes('--demo')) {
    const demo = await loadDemoData(app.db, app.questionnaires);
    console.log(
      demo
        ? `已载入演示数据：${demo.enterprises} 家企业，${Object.values(demo.assessments).reduce((a, b) => a + b, 0)} 份诊断；演示账号 demo-admin、demo-bureau、demo-district、demo-diagnostician、demo-enterprise，密码 ${DEMO_PASSWORD}`
        : '数据库中已有企业数据，未载入演示数据',
    );
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
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  console.log(`数安诊断已启动：${origin}/`);
  if (!config.publicUrl)
    console.warn(
      `警告：未设置 DSD_PUBLIC_URL（对外访问本系统的网址，如 https://dsd.example.cn）。诊断报告封面上的核验网址和二维码将使用出具请求的主机地址（启动时补生成的报告用 ${origin}），印在纸上可能无法访问。`,
    );
  // Issued assessments without a stored report (the demo's, or issued before reports were kept) get theirs now, in
  // the background and at low priority: the server answers meanwhile, and each report can be downloaded once made.
  void app.outstandingReports.run(verifyBase(config.publicUrl ?? origin)).catch((err) => app.log.error(err));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
