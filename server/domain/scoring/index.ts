/**
 * The scoring engine: a pure, deterministic function of (composed questionnaire, answers). The report, the
 * dashboard and exports all call score() and store SCORING_MODEL_VERSION with the result, so a figure can be
 * reproduced and traced back to answers. Bump the version whenever a rule here changes a figure.
 */
import type { Answers } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { visibleItems } from '../questionnaire/conditions.js';
import { draftCatalogue } from './catalogue.js';
import { classify } from './classification.js';
import { collectFindings } from './findings.js';
import { assessAll } from './fulfilment.js';
import { assessMaturity } from './maturity.js';
import { prepare } from './prepare.js';
import { exposureOf, keyEnterpriseOf } from './profile.js';
import { assessRisk } from './risk.js';
import type { RedlineEntry, ScoreResult } from './types.js';

export const SCORING_MODEL_VERSION = '1.1.0';

export function score(q: Questionnaire, answers: Answers): ScoreResult {
  const p = prepare(q);
  const visible = visibleItems(q, answers);
  const assessed = assessAll(p, answers, visible);

  const exposure = exposureOf(q, answers, visible);
  const catalogue = draftCatalogue(q, p, answers, visible);
  const classification = classify(p, assessed, answers, visible, catalogue);
  const risk = assessRisk(p, assessed, new Set(exposure.map((e) => e.factor)), catalogue);

  // A red line is breached only by an outright failure; 部分符合 is a finding but not a breach.
  const redlines: RedlineEntry[] = [];
  for (const a of assessed)
    if (a && a.item.redline && a.answered && a.fulfilment === 0)
      redlines.push({ itemId: a.item.id, label: a.item.label, answer: a.answer! });

  const maturity = assessMaturity(p, assessed, redlines.length);
  const findings = collectFindings(
    p,
    assessed,
    new Set(redlines.map((r) => r.itemId)),
    new Map(risk.entries.map((e) => [e.sources[0].itemId, e])),
  );

  return {
    questionnaire: { id: q.id, version: q.version, hash: q.hash },
    scoringModel: SCORING_MODEL_VERSION,
    profile: { exposure, keyEnterprise: keyEnterpriseOf(q, answers, visible) },
    classification,
    risk,
    maturity,
    redlines,
    findings,
  };
}

export { CORE_SET, MET_THRESHOLD } from './maturity.js';
export { GATE_CAP } from './classification.js';
export { levelFor } from './grading.js';
export { riskLevelOf } from './risk.js';
export type * from './types.js';
