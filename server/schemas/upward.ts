/**
 * The figures the bureau owes upward: the 年度计划表 (attachment 1 of the 2024–2026 plan), 宣贯培训 records with
 * their coverage, and typical-case candidates for the 推荐汇总表.
 */
import { z } from 'zod';

export const PLAN_INDICATORS = ['classification', 'top_enterprises', 'cases', 'training', 'risk_nodes'] as const;
export const PlanIndicatorSchema = z.enum(PLAN_INDICATORS);
export type PlanIndicator = z.infer<typeof PlanIndicatorSchema>;

const Year = z.number().int().min(2024).max(2100);

/** The plan's year; the current year when left out. */
export const YearQuery = z.object({ year: z.coerce.number().int().min(2024).max(2100).optional() });

export const PlanRowSchema = z.object({
  no: z.number(),
  indicator: PlanIndicatorSchema,
  label: z.string(),
  measure: z.string(),
  target: z.string().nullable(),
  actual: z.number().nullable(),
  /** computed = counted from the product's data; entered = typed in by the bureau. */
  source: z.enum(['computed', 'entered']),
  /** For an entered actual the product can count in part: its own count (e.g. diagnosed enterprises with 分类分级 done). */
  suggested: z.number().nullable(),
  note: z.string().nullable(),
});
export type PlanRow = z.infer<typeof PlanRowSchema>;
export const PlanSchema = z.object({ year: z.number(), rows: z.array(PlanRowSchema) });
export type Plan = z.infer<typeof PlanSchema>;

/** One indicator of one year's plan: what the bureau enters (an omitted field is left as it is). */
export const PlanFigureBody = z.strictObject({
  year: Year,
  indicator: PlanIndicatorSchema,
  target: z.string().max(200).nullable().optional(),
  actual: z.number().int().min(0).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const TrainingBody = z.strictObject({
  heldOn: IsoDate,
  course: z.string().trim().min(1).max(200),
  organiser: z.string().trim().min(1).max(200),
  districtId: z.number().int().positive().nullable(),
  personTimes: z.number().int().min(0).max(1_000_000),
  enterpriseIds: z.array(z.number().int().positive()).max(10_000).default([]),
});
export type TrainingInput = z.infer<typeof TrainingBody>;
export const TrainingSchema = z.object({ ...TrainingBody.shape, id: z.number(), districtName: z.string().nullable() });
export type Training = z.infer<typeof TrainingSchema>;

export const TrainingCoverageSchema = z.object({
  year: z.number().nullable(),
  sessions: z.number(),
  personTimes: z.number(),
  enterprisesCovered: z.number(),
  roster: z.number(),
  rosterShare: z.number(),
  /** 规上 (large and medium) enterprises of the key industries, and the share of them covered. */
  keyIndustryScaled: z.number(),
  keyIndustryScaledCovered: z.number(),
  keyIndustryScaledShare: z.number(),
});
export type TrainingCoverage = z.infer<typeof TrainingCoverageSchema>;

export const TrainingImportResultSchema = z.object({
  imported: z.number(),
  rejected: z.array(z.object({ row: z.number(), reason: z.string() })),
});

export const CaseBody = z.strictObject({
  year: Year,
  enterpriseId: z.number().int().positive(),
  caseName: z.string().trim().min(1).max(200),
  category: z.string().trim().min(1).max(100),
  direction: z.string().trim().min(1).max(100),
  summary: z.string().trim().min(1).max(100, '申报方向简述不超过 100 字'),
  contactName: z.string().max(50).nullable().default(null),
  contactPhone: z.string().max(100).nullable().default(null),
});
export type CaseInput = z.infer<typeof CaseBody>;
export const CaseSchema = z.object({ ...CaseBody.shape, id: z.number(), enterpriseName: z.string() });
export type CaseCandidate = z.infer<typeof CaseSchema>;
