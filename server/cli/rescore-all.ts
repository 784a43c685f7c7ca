/**
 * npm run rescore-all -- [--batch 50] [--from-id N]
 * Re-scores every submitted, reviewed or issued assessment with its pinned questionnaire and the current scoring
 * model (server/services/rescore.ts: variant, evidence basis and notes as at submit; a record of an older model is
 * archived), in batched short transactions so a running server keeps answering (WAL lets its readers go on during a
 * batch and its writers wait at most one batch), printing progress with a rate and an estimate. Rectifications
 * already opened keep their status; a finding new to the current model opens one, as at submit. An assessment that
 * no longer scores is skipped and listed. Interrupted, it resumes with --from-id.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDataDatabase } from '../db/open.js';
import { systemClock } from '../http/clock.js';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { rescoreBatch, scoredAssessmentsAfter } from '../services/rescore.js';
import { cliArgs, runCommand } from './data-db.js';

const USAGE = '用法：npm run rescore-all -- [--batch 每批份数] [--from-id 起始诊断编号]';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({ args: cliArgs(), options: { batch: { type: 'string' }, 'from-id': { type: 'string' } } });
  const batch = Number(values.batch ?? 50);
  const fromId = Number(values['from-id'] ?? 1);
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(fromId)) throw new Error('--batch 与 --from-id 须为整数');
  const config = loadConfig();
  const db = openDataDatabase(config.dataDir);
  const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(config.questionnaireDir));
  const total = db.prepare(`SELECT COUNT(*) FROM assessments WHERE status <> 'draft' AND id >= ?`).pluck().get(fromId) as number;
  const started = Date.now();
  let done = 0;
  let after = fromId - 1;
  const skipped: string[] = [];
  for (let ids = scoredAssessmentsAfter(db, after, batch); ids.length > 0; ids = scoredAssessmentsAfter(db, after, batch)) {
    const out = rescoreBatch(db, registry, ids, systemClock());
    for (const s of out.skipped) skipped.push(`#${s.assessmentId}：${s.reason}`);
    done += ids.length;
    after = ids[ids.length - 1];
    const rate = done / ((Date.now() - started) / 1000);
    process.stderr.write(
      `\r已重新评分 ${done}/${total}（${((100 * done) / total).toFixed(1)}%），${rate.toFixed(0)} 份/秒，` +
        `预计还需 ${((total - done) / rate).toFixed(0)} 秒；下一批起始编号 ${after + 1}   `,
    );
  }
  process.stderr.write('\n');
  db.close();
  console.log(`完成：${done - skipped.length} 份已重新评分，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  if (skipped.length) console.log(`跳过 ${skipped.length} 份：\n${skipped.slice(0, 50).join('\n')}`);
});
