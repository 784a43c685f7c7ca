/**
 * The one door from the web app to the server's code. Types come from the API contract (server/schemas, as
 * z.infer) and are imported for their types only; values come only from the browser-safe domain modules the server
 * runs too: the questionnaire domain's browser entry (wire format, conditions, validation, labels), the vocabularies
 * with their Chinese labels, the roles and the workflow table. Nothing here restates a shape the server declares.
 */
import type { z } from 'zod';
import type {
  AnswerBatchBody,
  AnswerConflictSchema,
  AnswerHistoryRowSchema,
  AssessmentDetailSchema,
  AssessmentPageSchema,
  AssessmentSchema,
  BatchResultSchema,
} from '../../../server/schemas/assessments.js';
import type { MeSchema } from '../../../server/schemas/auth.js';
import type { ErrorSchema } from '../../../server/schemas/common.js';
import type { ContactSchema, DistrictWithCountsSchema, IndustryWithCountsSchema } from '../../../server/schemas/districts.js';
import type {
  CoverageSchema, DrillPageSchema, DrillQuery, LoopSchema, ResultsSchema, TrendSchema,
} from '../../../server/schemas/dashboard.js';
import type { ImportDetailSchema, ImportResultSchema, ImportSummarySchema } from '../../../server/schemas/roster.js';
import type { ReportBatchInput, ReportBatchSchema, ReportSchema } from '../../../server/schemas/reports.js';
import type {
  CaseBody, CaseSchema, PlanFigureBody, PlanSchema, TrainingBody, TrainingCoverageSchema, TrainingImportResultSchema, TrainingSchema,
} from '../../../server/schemas/upward.js';
import type {
  AssignmentsSchema, BulkAssignBody, BulkAssignResultSchema, CreateUserBody, CreatedUserSchema, PatchUserBody, UserSchema,
} from '../../../server/schemas/users.js';
import type { EnterprisePageSchema, EnterpriseSchema } from '../../../server/schemas/enterprises.js';
import type { EvidenceSchema, EvidenceUploadSchema, EvidenceDeletedSchema } from '../../../server/schemas/evidence.js';
import type { NextLevelPlanSchema, ScoreResultSchema } from '../../../server/schemas/score.js';
import type {
  RectificationEvidenceSchema,
  RectificationPageSchema,
  RectificationSchema,
  RectificationWorkItemSchema,
} from '../../../server/schemas/rectifications.js';
import type { WireQuestionnaire } from '../../../server/schemas/questionnaires.js';
import type {
  InventoryScale,
  InventoryVolume,
  PersonalCount,
  StorageLocation,
} from '../../../server/domain/questionnaire/index.js';

export type Assessment = z.infer<typeof AssessmentSchema>;
export type AssessmentDetail = z.infer<typeof AssessmentDetailSchema>;
export type AssessmentPage = z.infer<typeof AssessmentPageSchema>;
export type BatchResult = z.infer<typeof BatchResultSchema>;
export type AnswerBatch = z.infer<typeof AnswerBatchBody>;
export type AnswerConflict = z.infer<typeof AnswerConflictSchema>;
export type HistoryEntry = z.infer<typeof AnswerHistoryRowSchema>;
export type Me = z.infer<typeof MeSchema>;
export type ErrorBody = z.infer<typeof ErrorSchema>;
export type District = z.infer<typeof DistrictWithCountsSchema>;
export type Industry = z.infer<typeof IndustryWithCountsSchema>;
export type Enterprise = z.infer<typeof EnterpriseSchema>;
export type EnterprisePage = z.infer<typeof EnterprisePageSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type EvidenceUpload = z.infer<typeof EvidenceUploadSchema>;
export type EvidenceDeleted = z.infer<typeof EvidenceDeletedSchema>;
export type ScoreResult = z.infer<typeof ScoreResultSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type Trend = z.infer<typeof TrendSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type Loop = z.infer<typeof LoopSchema>;
export type DrillPage = z.infer<typeof DrillPageSchema>;
export type DrillFilter = Partial<z.input<typeof DrillQuery>>;
export type RosterImportResult = z.infer<typeof ImportResultSchema>;
export type RosterImportSummary = z.infer<typeof ImportSummarySchema>;
export type RosterImportDetail = z.infer<typeof ImportDetailSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanFigure = z.input<typeof PlanFigureBody>;
export type Training = z.infer<typeof TrainingSchema>;
export type TrainingInput = z.input<typeof TrainingBody>;
export type TrainingCoverage = z.infer<typeof TrainingCoverageSchema>;
export type TrainingImportResult = z.infer<typeof TrainingImportResultSchema>;
export type CaseCandidate = z.infer<typeof CaseSchema>;
export type CaseInput = z.input<typeof CaseBody>;
export type UserView = z.infer<typeof UserSchema>;
export type NewUser = z.input<typeof CreateUserBody>;
export type CreatedUser = z.infer<typeof CreatedUserSchema>;
export type UserChange = z.input<typeof PatchUserBody>;
export type Assignments = z.infer<typeof AssignmentsSchema>;
export type BulkAssign = z.input<typeof BulkAssignBody>;
export type BulkAssignResult = z.infer<typeof BulkAssignResultSchema>;
export type DistrictContact = z.infer<typeof ContactSchema>;
export type NextLevelPlan = z.infer<typeof NextLevelPlanSchema>;
export type Rectification = z.infer<typeof RectificationSchema>;
export type RectificationPage = z.infer<typeof RectificationPageSchema>;
export type RectificationWorkItem = z.infer<typeof RectificationWorkItemSchema>;
export type RectificationEvidence = z.infer<typeof RectificationEvidenceSchema>;
/** An issued diagnosis report (诊断报告). */
export type Report = z.infer<typeof ReportSchema>;
/** A batch download of issued reports (ZIP) and its progress. */
export type ReportBatch = z.infer<typeof ReportBatchSchema>;
export type ReportBatchRequest = z.input<typeof ReportBatchInput>;
/** A questionnaire version as the server sends it and the offline store keeps it (ETag = its hash). */
export type QuestionnaireWire = z.infer<typeof WireQuestionnaire>;
export type InventoryScaleCode = z.infer<typeof InventoryScale>;
export type InventoryVolumeCode = z.infer<typeof InventoryVolume>;
export type PersonalCountCode = z.infer<typeof PersonalCount>;
export type StorageLocationCode = z.infer<typeof StorageLocation>;

export type {
  Questionnaire,
  ItemDef,
  DataDomainCode,
  ControlAnswerCode,
  Answers,
  AnswerValue,
  InventoryRowValue,
  EvidenceRefValue,
  AnswerProblem,
} from '../../../server/domain/questionnaire/index.js';
export {
  fromWire,
  visibleItems,
  evaluate,
  validateAnswers,
  missingRequired,
  CONTROL_ANSWER_LABELS,
  DOMAIN_LABELS,
  RISK_LEVEL_LABELS,
  MATURITY_LEVEL_LABELS,
  PRIORITY_LABELS,
  CAPABILITY_LABELS,
  EXPOSURE_FACTOR_LABELS,
  DATA_LEVEL_LABELS,
} from '../../../server/domain/questionnaire/index.js';

export type { Role, SessionUser } from '../../../server/domain/roles.js';
export { ROLE_LABELS } from '../../../server/domain/roles.js';
export type {
  AssessmentKind, AssessmentStatus, ContactSide, DiagnosisStage, DiagnosisStatus, RectificationStatus, RosterRowStatus,
} from '../../../server/domain/vocabularies.js';
export {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS,
  CONTACT_SIDE_LABELS,
  DIAGNOSIS_STAGE_LABELS,
  DIAGNOSIS_STATUS_LABELS,
  ROSTER_ROW_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  SIZE_LABELS,
} from '../../../server/domain/vocabularies.js';
/**
 * The suggested training courses and typical-case directions, loaded on demand: only two console pages offer them,
 * and a static import would put them in the field app's entry bundle.
 */
export const upwardVocabularies = () => import('../../../server/domain/upward-vocabularies.js');
export type { AssessmentAction } from '../../../server/domain/workflow.js';
export { availableActions, roleMay, RECTIFICATION_WORKFLOW, rectificationSide } from '../../../server/domain/workflow.js';
export type { Comparison, Change } from '../../../server/domain/scoring/compare.js';
export { compareResults } from '../../../server/domain/scoring/compare.js';
