/**
 * npm run rescore -- --id 12,15 | --outdated
 * Re-scores chosen submitted assessments with the current scoring model (server/services/rescore.ts) in the database
 * under DSD_DATA_DIR. Each gets a new score record; a record of another model it replaces is kept in score_archive. --outdated picks
 * every assessment whose current score was made by another model version.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { SCORING_MODEL_VERSION } from '../domain/scoring/index.js';
import { loadQuestionnaireSources } from '../services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { outdatedScores, rescoreAssessment } from '../services/rescore.js';
import { systemClock } from '../http/clock.js';
import { cliArgs, openConfiguredDatabase, runCommand } from './data-db.js';

const USAGE = '用法：npm run rescore -- --id 诊断编号[,编号…] 或 npm run rescore -- --outdated';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({ args: cliArgs(), options: { id: { type: 'string' }, outdated: { type: 'boolean' } } });
  if (!values.id === !values.outdated) throw new Error('请指定 --id 或 --outdated（二选一）');
  const ids = values.id
    ? values.id.split(',').map((s) => {
        const n = Number(s.trim());
        if (!Number.isInteger(n) || n <= 0) throw new Error(`诊断编号「${s}」不是正整数`);
        return n;
      })
    : undefined;
  const db = openConfiguredDatabase();
  try {
    const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(loadConfig().questionnaireDir));
    const chosen = ids ?? outdatedScores(db);
    if (chosen.length === 0) console.log(`没有需要重新评分的诊断（当前评分模型 ${SCORING_MODEL_VERSION}）。`);
    for (const id of chosen) {
      const r = rescoreAssessment(db, registry, id, systemClock());
      console.log(
        `诊断 ${id}：评分模型 ${r.before ?? '（无）'} → ${r.after}，风险等级 ${r.riskLevel}，成熟度 ${r.maturityLevel} 级，问题 ${r.findings} 项；原评分记录已存档`,
      );
    }
  } finally {
    db.close();
  }
});
