/**
 * npm run demo -- [--scale N] [--seed S]
 * Builds the demo city (server/demo) into the data directory's database (DSD_DATA_DIR), through the real services,
 * in one transaction; refuses a database that already has enterprises. `--scale` multiplies the enterprises per
 * district (1 ≈ 290; about 171 ≈ 50,000). Prints what was built, how long it took and the database size.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DATABASE_FILE, openDataDatabase } from '../db/open.js';
import { loadDemoData } from '../demo/generate.js';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { cliArgs, runCommand } from './data-db.js';

const USAGE = '用法：npm run demo -- [--scale 倍数] [--seed 种子]（写入 DSD_DATA_DIR 中的数据库，该库须尚无企业）';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({ args: cliArgs(), options: { scale: { type: 'string' }, seed: { type: 'string' } } });
  const scale = Number(values.scale ?? 1);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!(scale > 0) || (seed !== undefined && !Number.isInteger(seed))) throw new Error('--scale 须为正数，--seed 须为整数');
  const config = loadConfig();
  const db = openDataDatabase(config.dataDir);
  const started = Date.now();
  const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(config.questionnaireDir));
  const summary = await loadDemoData(db, registry, { scale, seed });
  if (!summary) throw new Error('数据库中已有企业，演示数据只写入空库');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (Date.now() - started) / 1000;
  const size = statSync(join(config.dataDir, DATABASE_FILE)).size;
  const assessments = Object.values(summary.assessments).reduce((a, b) => a + b, 0);
  console.log(
    `已生成：${summary.enterprises} 家企业（${summary.refused} 家拒绝），${assessments} 份诊断 ${JSON.stringify(summary.assessments)}，` +
      `${summary.rectifications} 条整改项；用时 ${seconds.toFixed(1)} 秒；数据库 ${(size / 2 ** 20).toFixed(1)} MB`,
  );
});
