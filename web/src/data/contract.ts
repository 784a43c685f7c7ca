/**
 * The one door from the web app to the server's code: API shapes, questionnaire types, and the pure domain
 * functions (condition evaluation, answer validation) that the server runs too. Everything else in web/src imports
 * server code only through this file. Modules that are not browser-safe are imported for their types only.
 */
import type { z } from 'zod';
import type { AssessmentSchema } from '../../../server/routes/assessments/index.js';
import type { EnterpriseSchema } from '../../../server/routes/enterprises/index.js';
import type { EvidenceSchema } from '../../../server/routes/evidence/index.js';
import type { CountsSchema } from '../../../server/routes/districts/index.js';
import type { ComposedDataType, ComposedItem, ComposedSection, Questionnaire } from '../../../server/domain/questionnaire/compose.js';
import type { InventoryScale, InventoryVolume, PersonalCount, StorageLocation } from '../../../server/domain/questionnaire/answers.js';

export type { Questionnaire, ComposedItem, ComposedSection, ComposedDataType };
export type { ItemDef, DataDomainCode, ControlAnswerCode } from '../../../server/domain/questionnaire/schema.js';
export type { Answers, AnswerValue, InventoryRowValue, EvidenceRefValue } from '../../../server/domain/questionnaire/answers.js';
export type { AnswerProblem } from '../../../server/domain/questionnaire/validate-answers.js';
export type { Role, SessionUser } from '../../../server/domain/roles.js';
export type { ScoreResult } from '../../../server/domain/scoring/types.js';
export type { AnswerConflict, BatchResult, HistoryEntry } from '../../../server/services/answers.js';
export type { ErrorBody } from '../../../server/http/errors.js';

export { visibleItems, evaluate } from '../../../server/domain/questionnaire/conditions.js';
export { validateAnswers, missingRequired } from '../../../server/domain/questionnaire/validate-answers.js';
export {
  CONTROL_ANSWER_LABELS,
  DOMAIN_LABELS,
  RISK_LEVEL_LABELS,
  MATURITY_LEVEL_LABELS,
} from '../../../server/domain/questionnaire/labels.js';
export { ROLE_LABELS } from '../../../server/domain/roles.js';

export type Assessment = z.infer<typeof AssessmentSchema>;
export type Enterprise = z.infer<typeof EnterpriseSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
/** Enterprise counts of a district or industry within the caller's scope. */
export type Counts = z.infer<typeof CountsSchema>;
export interface District {
  id: number;
  code: string;
  name: string;
  counts: Counts;
}
export interface Industry {
  code: string;
  name: string;
  questionnaireId: string;
  counts: Counts;
}
export type AssessmentStatus = Assessment['status'];
export type DiagnosisStatus = Enterprise['diagnosisStatus'];
export type ScoreSummary = NonNullable<Assessment['score']>;

/** GET /api/assessments/:id (the route declares the shape inline, so it is restated from its parts here). */
export interface AssessmentDetail extends Assessment {
  answers: Record<string, unknown>;
  notes: Record<string, string>;
  evidence: Omit<Evidence, 'assessmentId'>[];
  events: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    reason: string | null;
    userId: number;
    userName: string;
    at: string;
  }[];
}

/** GET /api/assessments/:id/questionnaire: the composed questionnaire without its lookup maps. */
export type QuestionnaireWire = Omit<Questionnaire, 'items' | 'itemById' | 'dataTypeById'>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type InventoryScaleCode = z.infer<typeof InventoryScale>;
export type InventoryVolumeCode = z.infer<typeof InventoryVolume>;
export type PersonalCountCode = z.infer<typeof PersonalCount>;
export type StorageLocationCode = z.infer<typeof StorageLocation>;

/** Rebuilds the lookup maps the domain functions expect (the same shape compose() returns on the server). */
export function hydrateQuestionnaire(wire: QuestionnaireWire): Questionnaire {
  const items = wire.sections.flatMap((s) => s.items.map((def) => ({ def, sectionId: s.id, origin: s.origin })));
  return {
    ...wire,
    items,
    itemById: new Map(items.map((i) => [i.def.id, i])),
    dataTypeById: new Map(wire.dataTypes.map((d) => [d.id, d])),
  };
}
