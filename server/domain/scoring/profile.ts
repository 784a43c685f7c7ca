/**
 * The enterprise profile the other figures depend on: which exposure factors hold (they raise risk
 * likelihood) and whether the industry's key-enterprise criteria are met.
 */
import type { Answers } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { evaluate } from '../questionnaire/conditions.js';
import type { ExposureFactorCode, ScoreResult } from './types.js';

/** The factors that hold, each once, with the label of the first rule that made it hold. */
export function exposureOf(
  q: Questionnaire,
  answers: Answers,
  visible: ReadonlySet<string>,
): { factor: ExposureFactorCode; label: string }[] {
  const out: { factor: ExposureFactorCode; label: string }[] = [];
  for (const rule of q.exposure) {
    if (out.some((e) => e.factor === rule.factor)) continue;
    if (evaluate(rule.when, { answers, visible })) out.push({ factor: rule.factor, label: rule.label });
  }
  return out;
}

export function keyEnterpriseOf(
  q: Questionnaire,
  answers: Answers,
  visible: ReadonlySet<string>,
): ScoreResult['profile']['keyEnterprise'] {
  if (!q.keyEnterprise) return null;
  const met = evaluate(q.keyEnterprise.when, { answers, visible });
  // The ministries 遴选 key enterprises; the tool only knows whether the criterion is met.
  return { met, description: q.keyEnterprise.description, label: met ? '符合重点企业遴选条件（候选）' : '未达到重点企业遴选条件' };
}
