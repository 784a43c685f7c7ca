/**
 * Re-scoring: score a submitted assessment again with the current scoring model, on the questionnaire version it is
 * pinned to and its stored answers, variant, evidence basis and notes. A score record made by another scoring model
 * moves to score_archive in the same transaction, so a report issued under the old model can still be reproduced (a
 * record of the running model is replaced: the same model, questionnaire and answers give the same result); findings
 * new under the current model get a rectification, existing rectifications are kept.
 * The whole city is re-scored in batches (`rescoreBatch`), each one short immediate transaction, so the server
 * keeps writing between batches and its readers go on during one (WAL).
 */
import type { Db } from '../db/open.js';
import { forgetScoreTexts, withScoreTextCache } from '../db/score-record.js';
import { statement } from '../db/statements.js';
import { validateAnswers } from '../domain/questionnaire/validate-answers.js';
import { score, SCORING_MODEL_VERSION } from '../domain/scoring/index.js';
import { scoringInput, storeScore } from './assessments.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';

export interface RescoreOutcome {
  assessmentId: number;
  /** Model of the replaced record; null when there was none. */
  before: string | null;
  after: string;
  riskLevel: string;
  maturityLevel: number;
  findings: number;
}

/** Ids of assessments whose current score was made by another scoring model than the running one. */
export function outdatedScores(db: Db): number[] {
  return db.prepare('SELECT assessment_id FROM scores WHERE scoring_model <> ? ORDER BY assessment_id').pluck().all(SCORING_MODEL_VERSION) as number[];
}

export function rescoreAssessment(db: Db, registry: QuestionnaireRegistry, assessmentId: number, scoredAt: string): RescoreOutcome {
  return db.transaction(() => rescoreOne(db, registry, assessmentId, scoredAt)).immediate();
}

function rescoreOne(db: Db, registry: QuestionnaireRegistry, assessmentId: number, scoredAt: string): RescoreOutcome {
  const a = statement(db, 'SELECT questionnaire_id AS qid, questionnaire_version AS version, status FROM assessments WHERE id = ?')
    .get(assessmentId) as { qid: string; version: string; status: string } | undefined;
  if (!a) throw new Error(`诊断 ${assessmentId} 不存在`);
  if (a.status === 'draft') throw new Error(`诊断 ${assessmentId} 仍是草稿，提交时会按当前评分模型计分，无需重新评分`);
  const q = registry.get(a.qid, a.version);
  if (!q) throw new Error(`诊断 ${assessmentId} 所用问卷 ${a.qid}（版本 ${a.version}）未找到`);

  const input = scoringInput(db, assessmentId);
  const result = score(q, validateAnswers(q, input.answers).answers, input.options);
  const before = statement(db, 'SELECT scoring_model FROM scores WHERE assessment_id = ?').pluck().get(assessmentId) as string | undefined;
  if (before !== undefined && before !== result.scoringModel)
    statement(
      db,
      `INSERT INTO score_archive (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, detail, detail_format, scored_at)
       SELECT assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, detail, detail_format, scored_at
       FROM scores WHERE assessment_id = ?`,
    ).run(assessmentId);
  storeScore(db, assessmentId, result, scoredAt);
  return {
    assessmentId,
    before: before ?? null,
    after: result.scoringModel,
    riskLevel: result.risk.level,
    maturityLevel: result.maturity.level,
    findings: result.findings.length,
  };
}

/** The ids of the next batch of scored assessments after `afterId`, in id order. */
export function scoredAssessmentsAfter(db: Db, afterId: number, limit: number): number[] {
  return statement(db, `SELECT id FROM assessments WHERE status <> 'draft' AND id > ? ORDER BY id LIMIT ?`)
    .pluck()
    .all(afterId, limit) as number[];
}

export interface BatchOutcome {
  rescored: number;
  /** Assessments that could not be re-scored (questionnaire version gone, answers no longer valid), with why. */
  skipped: { assessmentId: number; reason: string }[];
}

/**
 * Re-scores the assessments in one immediate transaction; one that fails is skipped and listed (its savepoint is
 * rolled back), the others are kept. The score texts' ids are remembered through the batch (most texts recur from
 * one score to the next) and forgotten after a skipped one, whose rollback may have taken new texts away.
 */
export function rescoreBatch(db: Db, registry: QuestionnaireRegistry, ids: readonly number[], scoredAt: string): BatchOutcome {
  const out: BatchOutcome = { rescored: 0, skipped: [] };
  db.transaction(() =>
    withScoreTextCache(db, () => {
      for (const id of ids)
        try {
          db.transaction(() => rescoreOne(db, registry, id, scoredAt))();
          out.rescored++;
        } catch (err) {
          forgetScoreTexts(db);
          out.skipped.push({ assessmentId: id, reason: err instanceof Error ? err.message : String(err) });
        }
    }),
  ).immediate();
  return out;
}
