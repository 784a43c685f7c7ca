/**
 * The score result of scoring model 2.x as a zod schema: the one declaration of its shape. types.ts infers the
 * TypeScript types from it; the API contract and the report read the same shape. Plain JSON (no Maps, no classes),
 * because it is stored next to the assessment and read back by the report, the dashboard and exports.
 * A stored result keeps the model version it was made with (`scoringModel`); results of model 1.x have another shape.
 */
import { z } from 'zod';
import { EvidenceRef, InventoryRowFields } from '../questionnaire/answers.js';
import {
  CapabilityDimension,
  ControlAnswer,
  DataDomain,
  EvidenceBasis,
  ExposureFactor,
  ImpactDegree,
  ImpactObject,
  Priority,
  Ref,
  Variant,
} from '../questionnaire/schema.js';

export const DataLevelCode = z.enum(['general', 'important', 'core']);
export const RiskLevelCode = z.enum(['major', 'high', 'medium', 'low', 'none']);
export const EntryRiskLevel = z.enum(['major', 'high', 'medium', 'low']);

/**
 * Risk themes of the register (GB/T 45577 scenarios): the plan's four frequent risks, the 数安护航 risks and the
 * supply chain. Compliance gaps are not a theme: they form the obligations checklist.
 */
export const RiskTheme = z.enum([
  'ransomware',
  'vuln_backdoor',
  'insider_misuse',
  'remote_om',
  'leakage',
  'tampering',
  'illegal_transfer',
  'supply_chain',
]);

export const AnswerValueSchema = z.union([
  ControlAnswer,
  z.boolean(),
  z.string(),
  z.array(z.string()),
  z.number(),
  z.array(InventoryRowFields),
  z.array(EvidenceRef),
]);

export const FulfilmentSchema = z.union([z.literal(1), z.literal(0.5), z.literal(0), z.null()]);

/** One answer's part in a figure: which item, what was answered, how much it fulfilled, with what weight. */
export const ContributionSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  answer: AnswerValueSchema,
  /** 1 符合, 0.5 部分符合, 0 不符合, null 不适用 (left out of the denominator). */
  fulfilment: FulfilmentSchema,
  weight: z.number(),
});

/** A visible scored item nobody has answered yet: left out of denominators, but listed so a draft is not scored silently. */
export const UnansweredItemSchema = z.object({ itemId: z.string(), label: z.string() });

export const CatalogueEntrySchema = z.object({
  /** Index of the row in the inventory answer (rows with held: false keep their index but get no entry). */
  row: z.number().int(),
  /** The questionnaire's data type id; null for a type the enterprise added itself. */
  dataType: z.string().nullable(),
  name: z.string(),
  domain: DataDomain,
  subcategory: z.string(),
  key: z.boolean(),
  /** Proposed level. 重要/核心 are only ever candidates for the authority to confirm (`levelLabel` says so). */
  level: DataLevelCode,
  /** The level as printed: 一般数据（一级…）, 重要数据（候选，须经主管部门认定）, 核心数据（候选，…）. */
  levelLabel: z.string(),
  /** 一般数据 sub-level after GB/T 43697 附录H (1 lowest … 4 highest); null for 重要/核心 candidates. */
  generalSubLevel: z.number().int().min(1).max(4).nullable(),
  /** The impact object and degree of the deciding rule. */
  object: ImpactObject,
  degree: ImpactDegree,
  /** Why, written from this row's own attributes. */
  reason: z.string(),
  /** Reasons of every grading rule that fired, in rule order. */
  matched: z.array(z.string()),
});

/** A row marked 涉密: outside this diagnosis (保守国家秘密法), listed so the report can refer it to 保密 management. */
export const ExcludedRowSchema = z.object({ row: z.number().int(), name: z.string() });

export const ClassificationResultSchema = z.object({
  /** 0–100, one decimal, after the catalogue gate. */
  score: z.number(),
  /** Before the gate, one decimal. */
  rawScore: z.number(),
  /** True when the gate lowered the score. */
  capped: z.boolean(),
  gate: z.object({
    /** Catalogue rows proposed as 重要 or 核心 candidates. */
    candidates: z.number().int(),
    catalogueFiled: z.boolean(),
    /** Set when the gate applies (candidates > 0 and no catalogue filed). */
    reason: z.string().optional(),
  }),
  contributions: z.array(ContributionSchema),
  unanswered: z.array(UnansweredItemSchema),
  catalogue: z.array(CatalogueEntrySchema),
  /** Rows marked 涉密, excluded from grading. */
  excluded: z.array(ExcludedRowSchema),
});

const LevelCounts = z.object({ general: z.number().int(), important: z.number().int(), core: z.number().int() });

/** 数据资产梳理 totals for the report and the dashboard. */
export const DataAssetsSchema = z.object({
  /** Catalogue rows (data types held). */
  types: z.number().int(),
  /** 重要 + 核心 candidates. */
  candidates: z.number().int(),
  byLevel: LevelCounts,
  byDomain: z.record(DataDomain, LevelCounts),
  byLocation: z.object({ onprem: z.number().int(), cloud: z.number().int(), abroad: z.number().int() }),
  shared: z.number().int(),
  exported: z.number().int(),
  /** Rows left out as 涉密. */
  excluded: z.number().int(),
  /** The enterprise itself says it holds 重要/核心 data (the core's important_data_declared). */
  declaredImportant: z.boolean(),
  /** Set when the enterprise's own identification and the tool's proposal disagree: the report shows both. */
  conflict: z.string().nullable(),
});

export const RiskSourceSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  answer: AnswerValueSchema,
  fulfilment: z.union([z.literal(0.5), z.literal(0)]),
  weight: z.number(),
});

/** One entry of the register: a theme, split by data grade only when it touches 重要/核心 data in some domains. */
export const RiskEntrySchema = z.object({
  /** Stable: R-<theme> or R-<theme>-important / R-<theme>-general. */
  id: z.string(),
  theme: RiskTheme,
  title: z.string(),
  /** Which data the entry is about: candidates (重要/核心) or 一般 data only; null when the theme is not split. */
  grade: z.enum(['candidates', 'general']).nullable(),
  /** Highest level held in the touched domains; null when none is held. */
  dataLevel: DataLevelCode.nullable(),
  /** Weighted gap share g = Σw(1−f)/Σw over the applicable items, 2 decimals. */
  gapShare: z.number(),
  vulnerability: z.number().int().min(1).max(3),
  threat: z.number().int().min(1).max(3),
  likelihood: z.number().int().min(1).max(4),
  impact: z.number().int().min(1).max(4),
  /** True when the OT floor (I ≥ 3 for production-stop scenarios at an enterprise with OT) raised the impact. */
  otFloor: z.boolean(),
  value: z.number().int(),
  level: EntryRiskLevel,
  /** Exposure factors relevant to the theme that hold (they raise the threat). */
  exposure: z.array(ExposureFactor),
  /** The gaps behind the entry (不符合/部分符合), heaviest first: these are the 问题清单 rows. */
  sources: z.array(RiskSourceSchema),
});

/** 自查结论 for one of the plan's four frequent-risk scenarios. */
export const ScenarioVerdictSchema = z.object({
  theme: RiskTheme,
  label: z.string(),
  verdict: z.enum(['good', 'fair', 'weak', 'not_assessed']),
  verdictLabel: z.string(),
  /** Weighted gap share over the scenario's applicable items; null when none applies. */
  gapShare: z.number().nullable(),
  /** Highest register level of the theme; 'none' when it has no entry. */
  riskLevel: RiskLevelCode,
});

export const RiskResultSchema = z.object({
  /** Highest entry, floored at 高 by a red line. */
  level: RiskLevelCode,
  counts: z.object({ major: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  /** By value descending, then theme order. */
  entries: z.array(RiskEntrySchema),
  verdicts: z.array(ScenarioVerdictSchema),
  unanswered: z.array(UnansweredItemSchema),
});

/** 合规义务落实清单: one row per legal obligation. */
export const ObligationResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['met', 'partly_met', 'not_met', 'not_applicable', 'unanswered']),
  statusLabel: z.string(),
  items: z.array(ContributionSchema),
  refs: z.array(Ref),
});

export const LevelResultSchema = z.object({
  level: z.number().int(),
  met: z.boolean(),
  /** Weighted fulfilment 0–1 (2 decimals) of the applicable items the level is judged on (its pool); null when none applies. */
  fulfilment: z.number().nullable(),
  /** Weighted fulfilment of the level's own gating items alone; null when none of them applies. */
  ownFulfilment: z.number().nullable(),
  /** How many visible items gate this level (supplementary items excluded). */
  gatingItems: z.number().int(),
  /** Levels whose gating items were pooled with this one because it has fewer than three (empty when none). */
  pooledWith: z.array(z.number().int()),
  items: z.array(ContributionSchema),
});

export const DimensionScoreSchema = z.object({
  capability: CapabilityDimension,
  /** 0–100, one decimal; null when no applicable item. */
  score: z.number().nullable(),
  /** Ids of the applicable items behind the score. */
  items: z.array(z.string()),
});

/** What keeps a PA from the next level: the practices to close (达到 N 级还差：…). */
export const BlockerSchema = z.object({
  nextLevel: z.number().int(),
  /** One sentence for the report. */
  reason: z.string(),
  items: z.array(z.object({ itemId: z.string(), label: z.string(), fulfilment: FulfilmentSchema })),
});

export const PAResultSchema = z.object({
  pa: z.string(),
  name: z.string(),
  /** 0–3; 0 = 未达 1 级 (basic practices missing). */
  level: z.number().int(),
  /** False when every visible item of the PA is 不适用: the PA is left out of the enterprise level and the mean. */
  assessed: z.boolean(),
  /** The levels that have a visible item, ascending (levels without one are skipped in gating). */
  levels: z.array(LevelResultSchema),
  capabilityDims: z.array(DimensionScoreSchema),
  unanswered: z.array(UnansweredItemSchema),
  /** Null when the PA is at the top level this assessment can show, or not assessed. */
  blocker: BlockerSchema.nullable(),
});

export const MaturityResultSchema = z.object({
  /** 0–3, after the red-line cap: the minimum over the assessed core set (the tool's 木桶 convention). */
  level: z.number().int(),
  /** Before the red-line cap. */
  rawLevel: z.number().int(),
  /** Average level of the assessed PAs, 2 decimals. */
  mean: z.number(),
  /** Average level of the assessed core-set PAs, 1 decimal: the companion figure that separates enterprises. */
  coreMean: z.number(),
  /** Highest level this assessment can show (3 on the full variant, 2 on the quick one). */
  maxLevel: z.number().int(),
  cappedByRedline: z.boolean(),
  coreSet: z.array(z.string()),
  /** The core-set PAs that were assessed and so decide the level. */
  basis: z.array(z.string()),
  processAreas: z.array(PAResultSchema),
  dimensions: z.array(DimensionScoreSchema),
  unanswered: z.array(UnansweredItemSchema),
});

export const RedlineEntrySchema = z.object({
  itemId: z.string(),
  label: z.string(),
  answer: AnswerValueSchema,
});

export const FindingEntrySchema = z.object({
  /** Stable id for the bureau's 整改闭环: F-<item id>. */
  id: z.string(),
  itemId: z.string(),
  sectionId: z.string(),
  label: z.string(),
  /** The text for the answer given: the 不符合 text, or the 部分符合 one. */
  problem: z.string(),
  recommendation: z.string(),
  priority: Priority,
  answer: AnswerValueSchema,
  fulfilment: z.union([z.literal(0), z.literal(0.5)]),
  /** The item is a red line and failed outright. */
  redline: z.boolean(),
  /** The register entry the gap feeds, if any. */
  riskId: z.string().optional(),
  riskLevel: EntryRiskLevel.optional(),
  /** Roadmap band: 立即 / 三个月内 / 一年内. */
  band: z.enum(['immediate', 'three_months', 'one_year']),
  /** How the answer was established (现场核验 / 文件核验 / 口述); null when not recorded. */
  basis: EvidenceBasis.nullable(),
  /** The diagnostician's note on the answer, when there is one. */
  note: z.string().optional(),
  refs: z.array(Ref),
});

/** Figures the bureau counts upward, and how much of the result rests on self-declaration. */
export const BureauSummarySchema = z.object({
  /** 是否开展分类分级: the enterprise identified and graded its data (answered so, at least partly). */
  classificationDone: z.boolean(),
  /** 是否开展风险评估 in the last year. */
  riskAssessmentDone: z.boolean(),
  /** 目录是否备案. */
  catalogueFiled: z.boolean(),
  /** Holds 重要/核心 candidates. */
  candidatesHeld: z.boolean(),
  keyEnterpriseCandidate: z.boolean(),
  redlines: z.number().int(),
  findings: z.number().int(),
  evidence: z.object({
    onsite: z.number().int(),
    document: z.number().int(),
    verbal: z.number().int(),
    unrecorded: z.number().int(),
  }),
});

export const ScoreResultSchema = z.object({
  questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  scoringModel: z.string(),
  /** 快速诊断 or 深度诊断: the report says which was used. */
  variant: Variant,
  profile: z.object({
    exposure: z.array(z.object({ factor: ExposureFactor, label: z.string() })),
    /** Whether the industry's key-enterprise criteria are met: a candidate (符合重点企业遴选条件), never a designation. */
    keyEnterprise: z.object({ met: z.boolean(), description: z.string(), label: z.string() }).nullable(),
    /** The enterprise runs production control systems. */
    ot: z.boolean(),
  }),
  classification: ClassificationResultSchema,
  dataAssets: DataAssetsSchema,
  risk: RiskResultSchema,
  obligations: z.array(ObligationResultSchema),
  maturity: MaturityResultSchema,
  redlines: z.array(RedlineEntrySchema),
  findings: z.array(FindingEntrySchema),
  summary: BureauSummarySchema,
}).describe('评分结果：数据分类分级、数据资产、风险、合规义务、防护成熟度、红线与发现的问题');
