/**
 * The figures the bureau counts upward (是否开展分类分级 / 风险评估 / 目录备案, candidates, key-enterprise
 * candidate) and how much of the result rests on self-declaration: evidence basis counted over the answered
 * scored items. Derived from the other parts of the result, so the dashboard and the report agree.
 */
import type { EvidenceBasisCode } from '../questionnaire/schema.js';
import type { AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { BureauSummary, ClassificationResult, ObligationResult, ScoreResult } from './types.js';

/** Items whose (partial) fulfilment means the enterprise did the thing the bureau counts. */
const CLASSIFICATION_DONE = ['classification.grading_done', 'classification.status'];
const RISK_ASSESSMENT_DONE = ['risk_assessment.annual'];

export function bureauSummary(
  p: Prepared,
  assessed: AssessedList,
  classification: ClassificationResult,
  obligations: ObligationResult[],
  keyEnterprise: ScoreResult['profile']['keyEnterprise'],
  redlines: number,
  findings: number,
  basis: Readonly<Record<string, EvidenceBasisCode>>,
): BureauSummary {
  const done = (ids: string[]) =>
    ids.some((id) => {
      const item = p.scoredById.get(id);
      const a = item && assessed[item.index];
      return !!a && a.answered && a.fulfilment !== null && a.fulfilment >= 0.5;
    });
  const evidence = { onsite: 0, document: 0, verbal: 0, unrecorded: 0 };
  for (const a of assessed) {
    if (!a || !a.answered) continue;
    const b = basis[a.item.id];
    if (b) evidence[b]++;
    else evidence.unrecorded++;
  }
  return {
    classificationDone: done(CLASSIFICATION_DONE),
    riskAssessmentDone: done(RISK_ASSESSMENT_DONE),
    catalogueFiled: classification.gate.catalogueFiled,
    candidatesHeld: classification.gate.candidates > 0,
    keyEnterpriseCandidate: keyEnterprise?.met === true,
    redlines,
    findings,
    evidence,
  };
}
