/**
 * npm run demo -- [--scale N | --enterprises N] [--campaigns Y] [--seed S] [--stories K]
 * Builds the demo city (server/demo) into the data directory's database (DSD_DATA_DIR), through the real services,
 * in one transaction (a large city: one every 2,000 assessments, with progress); refuses a database that already has
 * enterprises. `--scale` multiplies the enterprises per district (1 ≈ 290); `--enterprises` picks the scale that
 * gives about that many; `--campaigns` tells that many yearly campaigns (3 ≈ two assessments an enterprise). Prints
 * what was built, how long it took and the database size (compacted with VACUUM, and before). The large city of the benchmarks:
 * `--enterprises 50000 --campaigns 3`. A large city tells `--stories` (default 12) stories per industry and size through the
 * services and copies them to the other enterprises of that industry and size (`server/demo/clone.ts`); `--stories 0`
 * tells every story (about 33 ms an assessment instead of a few).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DATABASE_FILE, openDataDatabase } from '../db/open.js';
import { loadDemoData, scaleForEnterprises } from '../demo/generate.js';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { cliArgs, runCommand } from './data-db.js';

/** Enough told stories per industry and size that copies do not repeat a handful of enterprises. */
const DEFAULT_STORIES_PER_KIND = 12;

const USAGE =
  '用法：npm run demo -- [--scale 倍数 | --enterprises 企业数] [--campaigns 年度数] [--seed 种子] [--stories 每类实录数]（写入 DSD_DATA_DIR 中的数据库，该库须尚无企业）';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: { scale: { type: 'string' }, enterprises: { type: 'string' }, campaigns: { type: 'string' }, seed: { type: 'string' }, stories: { type: 'string' } },
  });
  if (values.scale !== undefined && values.enterprises !== undefined) throw new Error('--scale 与 --enterprises 只能指定一个');
  const config = loadConfig();
  const db = openDataDatabase(config.dataDir);
  const enterprises = values.enterprises === undefined ? undefined : Number(values.enterprises);
  if (enterprises !== undefined && !(Number.isInteger(enterprises) && enterprises > 0)) throw new Error('--enterprises 须为正整数');
  const scale = enterprises === undefined ? Number(values.scale ?? 1) : scaleForEnterprises(db, enterprises);
  const campaigns = Number(values.campaigns ?? 1);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!(scale > 0) || !(Number.isInteger(campaigns) && campaigns >= 1) || (seed !== undefined && !Number.isInteger(seed)))
    throw new Error('--scale 须为正数，--campaigns 须为正整数，--seed 须为整数');
  // A large city tells this many stories per industry and size through the services, and copies them.
  const stories = Number(values.stories ?? (scale > 5 ? DEFAULT_STORIES_PER_KIND : 0));
  if (!(Number.isInteger(stories) && stories >= 0)) throw new Error('--stories 须为非负整数（0 表示每家企业都经业务服务逐一生成）');
  const started = Date.now();
  const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(config.questionnaireDir));
  // A large city commits every few thousand assessments and prints its progress.
  const large = scale > 5;
  const summary = await loadDemoData(db, registry, {
    scale,
    seed,
    campaigns,
    storiesPerKind: stories,
    ...(large && {
      commitEvery: 2000,
      onProgress: (p) => {
        const s = (Date.now() - started) / 1000;
        process.stderr.write(`\r${p.enterprisesDone}/${p.enterprises} 家企业，${p.assessments} 份诊断，${s.toFixed(0)} 秒（${((1000 * s) / p.assessments).toFixed(1)} 毫秒/份）   `);
      },
    }),
  });
  if (large) process.stderr.write('\n');
  if (!summary) throw new Error('数据库中已有企业，演示数据只写入空库');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const file = join(config.dataDir, DATABASE_FILE);
  const written = statSync(file).size;
  // Written in story order, the indexes' pages are left part-filled; a new database is compacted once.
  db.exec('VACUUM');
  db.close();
  const seconds = (Date.now() - started) / 1000;
  const size = statSync(file).size;
  const assessments = Object.values(summary.assessments).reduce((a, b) => a + b, 0);
  console.log(
    `已生成：${summary.enterprises} 家企业（${summary.refused} 家拒绝），${assessments} 份诊断 ${JSON.stringify(summary.assessments)}，` +
      `${summary.rectifications} 条整改项；用时 ${seconds.toFixed(1)} 秒（每份诊断 ${((1000 * seconds) / Math.max(1, assessments)).toFixed(1)} 毫秒）；` +
      `数据库 ${(size / 2 ** 20).toFixed(1)} MB（整理前 ${(written / 2 ** 20).toFixed(1)} MB）`,
  );
});
