/**
 * Re-scoring: score a submitted assessment again with the current scoring model, on the questionnaire version it is
 * pinned to and its stored answers, variant, evidence basis and notes. The score record it replaces moves to
 * score_archive in the same transaction, so a report issued under the old model can still be reproduced; findings new
 * under the current model get a rectification, existing rectifications are kept.
 */
import type { Db } from '../db/open.js';
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
  return db.transaction(() => {
    const a = db
      .prepare('SELECT questionnaire_id AS qid, questionnaire_version AS version, status FROM assessments WHERE id = ?')
      .get(assessmentId) as { qid: string; version: string; status: string } | undefined;
    if (!a) throw new Error(`诊断 ${assessmentId} 不存在`);
    if (a.status === 'draft') throw new Error(`诊断 ${assessmentId} 仍是草稿，提交时会按当前评分模型计分，无需重新评分`);
    const q = registry.get(a.qid, a.version);
    if (!q) throw new Error(`诊断 ${assessmentId} 所用问卷 ${a.qid}（版本 ${a.version}）未找到`);

    const input = scoringInput(db, assessmentId);
    const result = score(q, validateAnswers(q, input.answers).answers, input.options);
    const before = db.prepare('SELECT scoring_model FROM scores WHERE assessment_id = ?').pluck().get(assessmentId) as string | undefined;
    db.prepare(
      `INSERT INTO score_archive (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at)
       SELECT assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at
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
  }).immediate();
}
