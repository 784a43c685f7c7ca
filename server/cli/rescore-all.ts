/**
 * npm run rescore-all -- [--batch 200] [--from-id N] [--dry-run]
 * Re-scores every submitted, reviewed or issued assessment with its pinned questionnaire and the current scoring
 * engine, in batched transactions (so the server keeps answering between batches; WAL lets readers go on during
 * one), printing progress with a rate and an estimate. Rectifications already opened keep their status; a finding
 * new to the current engine opens one, as at submit. An assessment whose answers no longer score (or whose
 * questionnaire version is gone) is skipped and listed. Interrupted, it resumes with --from-id.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDataDatabase } from '../db/open.js';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { scoreForSubmit, storeScore, storedAnswers } from '../services/assessments.js';
import { cliArgs, runCommand } from './data-db.js';

const USAGE = '用法：npm run rescore-all -- [--batch 每批份数] [--from-id 起始诊断编号] [--dry-run]';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: { batch: { type: 'string' }, 'from-id': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const batch = Number(values.batch ?? 200);
  const fromId = Number(values['from-id'] ?? 0);
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(fromId)) throw new Error('--batch 与 --from-id 须为整数');
  const config = loadConfig();
  const db = openDataDatabase(config.dataDir);
  const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(config.questionnaireDir));
  const SCORED = `status IN ('submitted', 'reviewed', 'issued')`;
  const total = db.prepare(`SELECT COUNT(*) FROM assessments WHERE ${SCORED} AND id >= ?`).pluck().get(fromId) as number;
  const next = db.prepare(
    `SELECT id, questionnaire_id AS qid, questionnaire_version AS qv FROM assessments WHERE ${SCORED} AND id >= ? ORDER BY id LIMIT ?`,
  );
  const started = Date.now();
  let done = 0;
  let after = fromId;
  const skipped: string[] = [];
  for (;;) {
    const rows = next.all(after, batch) as { id: number; qid: string; qv: string }[];
    if (rows.length === 0) break;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const a of rows) {
        const q = registry.get(a.qid, a.qv);
        if (!q) { skipped.push(`#${a.id}：问卷 ${a.qid}@${a.qv} 未找到`); continue; }
        try {
          const result = scoreForSubmit(q, storedAnswers(db, a.id).answers);
          if (!values['dry-run']) storeScore(db, a.id, result, now);
        } catch (err) {
          skipped.push(`#${a.id}：${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    done += rows.length;
    after = rows[rows.length - 1].id + 1;
    const rate = done / ((Date.now() - started) / 1000);
    process.stderr.write(
      `\r已重新评分 ${done}/${total}（${((100 * done) / total).toFixed(1)}%），${rate.toFixed(0)} 份/秒，` +
        `预计还需 ${((total - done) / rate).toFixed(0)} 秒；下一批起始编号 ${after}   `,
    );
  }
  process.stderr.write('\n');
  db.close();
  console.log(`完成：${done - skipped.length} 份已重新评分${values['dry-run'] ? '（试运行，未写入）' : ''}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  if (skipped.length) console.log(`跳过 ${skipped.length} 份：\n${skipped.slice(0, 50).join('\n')}`);
});
