/**
 * The scoring engine: a pure, deterministic function of (composed questionnaire, answers, answer metadata). The
 * report, the dashboard and exports all read the stored result, which carries SCORING_MODEL_VERSION, so a figure can
 * be reproduced and traced back to answers. Bump the version whenever a rule here changes a figure; a stored result
 * keeps the version it was made with (re-scoring makes a new record).
 */
import type { Answers } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { evaluate, visibleItems } from '../questionnaire/conditions.js';
import type { EvidenceBasisCode, VariantCode } from '../questionnaire/schema.js';
import { narrowToVariant } from '../questionnaire/variant.js';
import { declarationConflict, draftCatalogue } from './catalogue.js';
import { classify } from './classification.js';
import { collectFindings } from './findings.js';
import { assessAll } from './fulfilment.js';
import { assessMaturity, MAX_LEVEL } from './maturity.js';
import { assessObligations } from './obligations.js';
import { prepare } from './prepare.js';
import { exposureOf, keyEnterpriseOf } from './profile.js';
import { breachedRedlines } from './redlines.js';
import { assessRisk } from './risk.js';
import { bureauSummary } from './summary.js';
import type { ScoreResult } from './types.js';

export const SCORING_MODEL_VERSION = '2.1.0';

/** The quick variant shows maturity up to level 2 only: level-3 practices are not asked. */
export const QUICK_MAX_LEVEL = 2;

export interface ScoreOptions {
  /** 快速诊断 or 深度诊断 (default). */
  variant?: VariantCode;
  /** How each answer was established (现场核验 / 文件核验 / 口述), by item id. */
  basis?: Readonly<Record<string, EvidenceBasisCode>>;
  /** The diagnostician's notes, by item id: printed with the finding. */
  notes?: Readonly<Record<string, string>>;
}

export function score(q: Questionnaire, answers: Answers, options: ScoreOptions = {}): ScoreResult {
  const variant = options.variant ?? 'full';
  const p = prepare(q);
  const visible = narrowToVariant(q, visibleItems(q, answers), variant);

  const exposure = exposureOf(q, answers, visible);
  const ot = q.operationalTechnology !== null && evaluate(q.operationalTechnology, { answers, visible });
  const catalogue = draftCatalogue(q, p, answers, visible);
  const candidates = catalogue.assets.candidates;
  // Duties of processors of 重要/核心 data apply when the catalogue proposes a candidate or the enterprise says it holds such data.
  const declared = q.importantDataDeclared !== null && evaluate(q.importantDataDeclared, { answers, visible });
  const holdsImportant = candidates > 0 || declared;
  const assessed = assessAll(p, answers, visible, holdsImportant);
  const classification = classify(p, assessed, answers, visible, catalogue);
  const redlines = breachedRedlines(p, assessed, answers, visible, { held: candidates, exported: catalogue.exportedCandidates });
  const risk = assessRisk(p, assessed, new Set(exposure.map((e) => e.factor)), catalogue.entries, ot, redlines.length);
  const obligations = assessObligations(q, p, assessed, answers, visible, holdsImportant);
  const maturity = assessMaturity(p, assessed, redlines.length, variant === 'quick' ? QUICK_MAX_LEVEL : MAX_LEVEL);
  const findings = collectFindings(p, assessed, new Set(redlines.map((r) => r.itemId)), risk.entries, options);
  const keyEnterprise = keyEnterpriseOf(q, answers, visible);

  return {
    questionnaire: { id: q.id, version: q.version, hash: q.hash },
    scoringModel: SCORING_MODEL_VERSION,
    variant,
    profile: { exposure, keyEnterprise, ot },
    classification,
    dataAssets: {
      ...catalogue.assets,
      declaredImportant: declared,
      conflict: declarationConflict(declared, candidates, catalogue.entries.length > 0),
    },
    risk,
    obligations,
    maturity,
    redlines,
    findings,
    summary: bureauSummary(p, assessed, classification, obligations, keyEnterprise, redlines.length, findings.length, options.basis ?? {}),
  };
}

export { CORE_SET, LEVEL1_THRESHOLD, MAX_LEVEL, MET_THRESHOLD } from './maturity.js';
export { GATE_CAP } from './classification.js';
export { levelFor } from './grading.js';
export { KEY_WEIGHT, LIKELIHOOD, riskLevelOf } from './risk.js';
export { THEMES } from './themes.js';
export { ScoreResultSchema } from './result-schema.js';
export type * from './types.js';
