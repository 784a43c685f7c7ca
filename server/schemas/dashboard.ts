/**
 * The bureau's dashboard contract: coverage, results, closing the loop, the weekly trend and the drill-down list.
 * Every figure is counted within a scope (the whole city, or one district) that the reply names.
 */
import { z } from 'zod';
import { DIAGNOSIS_STAGES, type DiagnosisStage } from '../domain/vocabularies.js';
import { DistrictRef, PageQuery, pageOf } from './common.js';

export { DIAGNOSIS_STAGES, type DiagnosisStage };
export const DiagnosisStageSchema = z.enum(DIAGNOSIS_STAGES);

export const DashboardQuery = z.object({ district: DistrictRef.optional() });
export type DashboardFilter = z.infer<typeof DashboardQuery>;

export const ScopeSchema = z.object({ districtId: z.number().nullable(), label: z.string(), asOf: z.string() });
export type Scope = z.infer<typeof ScopeSchema>;

export const CoverageRowSchema = z.object({
  key: z.union([z.number(), z.string()]),
  name: z.string(),
  roster: z.number(),
  diagnosed: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  refused: z.number(),
  /** diagnosed / roster, 0 when the roster is empty. */
  coverage: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;

export const MatrixCellSchema = z.object({
  districtId: z.number(),
  industryCode: z.string(),
  roster: z.number(),
  diagnosed: z.number(),
});

export const CoverageSchema = z.object({
  scope: ScopeSchema,
  total: CoverageRowSchema,
  byDistrict: z.array(CoverageRowSchema),
  byIndustry: z.array(CoverageRowSchema),
  matrix: z.array(MatrixCellSchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const TrendSchema = z.object({
  scope: ScopeSchema,
  roster: z.number(),
  weeks: z.array(z.object({ week: z.string().describe('该周周一（UTC）'), issued: z.number(), cumulative: z.number() })),
});
export type Trend = z.infer<typeof TrendSchema>;

export const LevelRowSchema = z.object({
  key: z.union([z.number(), z.string()]),
  name: z.string(),
  diagnosed: z.number(),
  risk: z.record(z.string(), z.number()),
  maturity: z.record(z.string(), z.number()),
});
export type LevelRow = z.infer<typeof LevelRowSchema>;

export const TopFindingSchema = z.object({
  itemId: z.string(),
  /** The finding's title: the checklist item's Chinese label (the item id when no questionnaire knows it). */
  label: z.string(),
  enterprises: z.number(),
  findings: z.number(),
});

/** Red lines and classification readiness of the diagnosed enterprises (their latest issued report). */
export const ReadinessRowSchema = z.object({
  key: z.number(),
  name: z.string(),
  diagnosed: z.number(),
  /** Enterprises whose report failed at least one red line, and the red lines failed in all. */
  withRedlines: z.number(),
  redlines: z.number(),
  /** 已开展分类分级, 目录已备案, 持有重要/核心数据候选. */
  classificationDone: z.number(),
  catalogueFiled: z.number(),
  candidatesHeld: z.number(),
  /** Enterprises meeting their industry's 重点企业遴选 criterion (candidates: the ministries select key enterprises). */
  keyCandidates: z.number(),
});
export type ReadinessRow = z.infer<typeof ReadinessRowSchema>;

export const ResultsSchema = z.object({
  scope: ScopeSchema,
  byDistrict: z.array(LevelRowSchema),
  byIndustry: z.array(LevelRowSchema),
  topFindings: z.array(TopFindingSchema),
  readiness: z.object({ total: ReadinessRowSchema, byDistrict: z.array(ReadinessRowSchema) }),
});
export type Results = z.infer<typeof ResultsSchema>;

/** One district (key 0: the whole scope) of the loop: the rows of the rectification work list, by status. */
export const LoopRowSchema = z.object({
  key: z.number(),
  name: z.string(),
  found: z.number(),
  open: z.number(),
  inProgress: z.number(),
  rectified: z.number(),
  accepted: z.number(),
  /** (rectified + accepted) / found, 0 when nothing was found. */
  closeRate: z.number(),
  overdue: z.number(),
});
export type LoopRow = z.infer<typeof LoopRowSchema>;

export const LoopSchema = z.object({ scope: ScopeSchema, total: LoopRowSchema, byDistrict: z.array(LoopRowSchema) });
export type Loop = z.infer<typeof LoopSchema>;

export const DrillQuery = PageQuery.extend({
  district: DistrictRef.optional(),
  industry: z.string().max(50).optional(),
  status: DiagnosisStageSchema.optional(),
  riskLevel: z.string().max(20).optional(),
  maturityLevel: z.coerce.number().int().optional(),
  keyCandidate: z.enum(['1']).optional().describe('1：只列出符合重点企业遴选条件（候选）的企业（最近一次出具的报告）'),
});
export type DrillFilter = z.infer<typeof DrillQuery>;

export const DrillRowSchema = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  status: DiagnosisStageSchema,
  assessmentId: z.number().nullable(),
  riskLevel: z.string().nullable(),
  maturityLevel: z.number().nullable(),
});
export type DrillRow = z.infer<typeof DrillRowSchema>;
export const DrillPageSchema = pageOf(DrillRowSchema);
