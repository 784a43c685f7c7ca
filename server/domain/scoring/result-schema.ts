/**
 * The result of scoring one set of answers, declared once as a zod schema: `types.ts` infers the TypeScript
 * types from it and `server/schemas/` serves it, so the report, the dashboard, the portal and the OpenAPI
 * document all see the same shape. Plain JSON (no Maps, no classes), because it is stored next to the
 * assessment and read back later. Change a figure's shape here and the API contract follows.
 */
import { z } from 'zod';
import { EvidenceRef, InventoryRowFields, type AnswerValue } from '../questionnaire/answers.js';
import {
  CapabilityDimension,
  ControlAnswer,
  DataDomain,
  ExposureFactor,
  ImpactDegree,
  ImpactObject,
  Priority,
  RiskArea,
  RiskScenario,
} from '../questionnaire/schema.js';

/** Data level of a catalogue row (codes as in questionnaire/labels.ts). */
export const DataLevelSchema = z.enum(['general', 'important', 'core']);
/** Enterprise risk level; 'none' only for an enterprise without risk entries. */
export const RiskLevelSchema = z.enum(['major', 'high', 'medium', 'low', 'none']);
/** The level of one risk entry. */
export const EntryRiskLevelSchema = RiskLevelSchema.exclude(['none']);

/** Any stored answer value, as the answer types of questionnaire/answers.ts allow. */
export const AnswerValueSchema: z.ZodType<AnswerValue> = z.union([
  ControlAnswer,
  z.boolean(),
  z.string(),
  z.array(z.string()),
  z.number(),
  z.array(InventoryRowFields),
  z.array(EvidenceRef),
]);

/** 1 符合, 0.5 部分符合, 0 不符合, null 不适用 (left out of the denominator). */
export const FulfilmentSchema = z.union([z.literal(1), z.literal(0.5), z.literal(0), z.null()]);

/** One answer's part in a figure: which item, what was answered, how much it fulfilled, with what weight. */
export const ContributionSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  answer: AnswerValueSchema,
  fulfilment: FulfilmentSchema,
  weight: z.number(),
});

/** A visible scored item nobody has answered yet: left out of denominators, but listed so a draft is not scored silently. */
export const UnansweredItemSchema = z.object({ itemId: z.string(), label: z.string() });

export const CatalogueEntrySchema = z.object({
  /** Index of the row in the inventory answer (rows with held: false keep their index but get no entry). */
  row: z.number(),
  /** The questionnaire's data type id; null for a type the enterprise added itself. */
  dataType: z.string().nullable(),
  name: z.string(),
  domain: DataDomain,
  subcategory: z.string(),
  key: z.boolean(),
  level: DataLevelSchema,
  /** The impact object and degree of the deciding rule. */
  object: ImpactObject,
  degree: ImpactDegree,
  reason: z.string(),
  /** Reasons of every grading rule that fired, in rule order. */
  matched: z.array(z.string()),
});

export const ClassificationResultSchema = z.object({
  /** 0–100, one decimal, after the catalogue gate. */
  score: z.number(),
  /** Before the gate, one decimal. */
  rawScore: z.number(),
  /** True when the gate lowered the score. */
  capped: z.boolean(),
  gate: z.object({
    /** Catalogue rows graded important or core. */
    candidates: z.number(),
    catalogueFiled: z.boolean(),
    /** Set when the gate applies (candidates > 0 and no catalogue filed). */
    reason: z.string().optional(),
  }),
  contributions: z.array(ContributionSchema),
  unanswered: z.array(UnansweredItemSchema),
  catalogue: z.array(CatalogueEntrySchema),
});

export const RiskEntrySchema = z.object({
  id: z.string(),
  scenario: RiskScenario,
  area: RiskArea,
  title: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  value: z.number(),
  level: EntryRiskLevelSchema,
  sources: z.array(z.object({ itemId: z.string(), answer: AnswerValueSchema })),
  /** Exposure factors of the item that hold for this enterprise (each raised the likelihood; together by at most 1). */
  exposure: z.array(ExposureFactor),
  /** Highest level of the catalogue rows in the touched domains; null when none is held. */
  dataLevel: DataLevelSchema.nullable(),
});

export const RiskResultSchema = z.object({
  level: RiskLevelSchema,
  counts: z.object({ major: z.number(), high: z.number(), medium: z.number(), low: z.number() }),
  /** By value descending, then questionnaire order. */
  entries: z.array(RiskEntrySchema),
  unanswered: z.array(UnansweredItemSchema),
});

export const LevelResultSchema = z.object({
  level: z.number(),
  met: z.boolean(),
  /** Weighted fulfilment 0–1 (2 decimals) of the applicable items; null when none applies. */
  fulfilment: z.number().nullable(),
  items: z.array(ContributionSchema),
});

export const DimensionScoreSchema = z.object({
  capability: CapabilityDimension,
  /** 0–100, one decimal; null when no applicable item. */
  score: z.number().nullable(),
  /** Ids of the applicable items behind the score. */
  items: z.array(z.string()),
});

export const PAResultSchema = z.object({
  pa: z.string(),
  name: z.string(),
  /** 0–5; 0 = level 1 not met. */
  level: z.number(),
  /** False when every visible item of the PA is 不适用: the PA is left out of the enterprise level and the mean. */
  assessed: z.boolean(),
  /** The levels that have a visible item, ascending (levels without one are skipped in gating). */
  levels: z.array(LevelResultSchema),
  capabilityDims: z.array(DimensionScoreSchema),
  unanswered: z.array(UnansweredItemSchema),
});

export const MaturityResultSchema = z.object({
  /** 0–5, after the red-line cap. */
  level: z.number(),
  /** Before the red-line cap. */
  rawLevel: z.number(),
  /** Average level of the assessed PAs, 2 decimals. */
  mean: z.number(),
  cappedByRedline: z.boolean(),
  coreSet: z.array(z.string()),
  /** The core-set PAs that were assessed and so decide the level. */
  basis: z.array(z.string()),
  processAreas: z.array(PAResultSchema),
  dimensions: z.array(DimensionScoreSchema),
  unanswered: z.array(UnansweredItemSchema),
});

export const RedlineEntrySchema = z.object({ itemId: z.string(), label: z.string(), answer: AnswerValueSchema });

export const FindingEntrySchema = z.object({
  itemId: z.string(),
  sectionId: z.string(),
  label: z.string(),
  problem: z.string(),
  recommendation: z.string(),
  priority: Priority,
  answer: AnswerValueSchema,
  fulfilment: z.union([z.literal(0), z.literal(0.5)]),
  /** The item is a red line and failed outright. */
  redline: z.boolean(),
  riskLevel: EntryRiskLevelSchema.optional(),
  refs: z.array(z.object({ standard: z.string(), clause: z.string().optional() })),
});

export const ScoreResultSchema = z
  .object({
    questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    scoringModel: z.string(),
    profile: z.object({
      exposure: z.array(z.object({ factor: ExposureFactor, label: z.string() })),
      keyEnterprise: z.object({ met: z.boolean(), description: z.string() }).nullable(),
    }),
    classification: ClassificationResultSchema,
    risk: RiskResultSchema,
    maturity: MaturityResultSchema,
    redlines: z.array(RedlineEntrySchema),
    findings: z.array(FindingEntrySchema),
  })
  .describe('评分结果：数据分类分级、风险、防护成熟度、红线与发现的问题');
