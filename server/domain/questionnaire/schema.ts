/**
 * The questionnaire file format: the zod schema every YAML file in questionnaires/ must satisfy.
 * questionnaires/README.md explains the same format to the domain experts who write modules.
 */
import { z } from 'zod';

// ---------- shared vocabularies ----------

/** Item ids are dotted lower-case paths; industry items start with the industry id (steel.smelting.xxx). */
export const ItemId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, '编号只能由小写字母、数字、下划线和点组成，且以字母开头');

export const ProcessAreaId = z.string().regex(/^PA(0[1-9]|[12][0-9]|30)$/, '过程域编号应为 PA01…PA30');

/** The four DSMM capability dimensions (GB/T 37988-2019). */
export const CapabilityDimension = z.enum(['organization', 'process', 'technology', 'people']);

/** Data domains of 《工业数据分类分级指南（试行）》 (2020). */
export const DataDomain = z.enum(['rnd', 'production', 'operation', 'management', 'external']);

/** Impact objects and degrees of GB/T 43697-2024. */
export const ImpactObject = z.enum([
  'national_security',
  'economy',
  'social_order',
  'public_interest',
  'organization',
  'personal',
]);
export const ImpactDegree = z.enum(['especially_serious', 'serious', 'general']);

/** Exposure factors raise the likelihood of a risk entry; the core defines when each holds. */
export const ExposureFactor = z.enum(['internet', 'remote_om', 'third_party', 'cross_border', 'incidents', 'cloud']);

/** Risk scenarios: the plan's four frequent ones first, then the 数安护航 targets and other threats. */
export const RiskScenario = z.enum([
  'ransomware',
  'vuln_backdoor',
  'insider_misuse',
  'uncontrolled_remote_om',
  'leakage',
  'tampering',
  'abuse',
  'illegal_transfer',
  'illegal_access',
  'traffic_anomaly',
  'supply_chain',
  'data_loss',
  'compliance',
]);

/** The four risk-identification areas of GB/T 45577-2025. */
export const RiskArea = z.enum(['management', 'processing', 'technology', 'personal_info']);

export const Priority = z.enum(['high', 'medium', 'low']);

/** How an answer was established on site: 现场核验 / 文件核验 / 口述 (what the bureau asks the result rests on). */
export const EvidenceBasis = z.enum(['onsite', 'document', 'verbal']);

/** The questionnaire variant chosen when an assessment starts: 快速诊断 (items tagged `tier: quick`) or 深度诊断. */
export const Variant = z.enum(['full', 'quick']);

/** Codes of the control answer scale 符合 / 部分符合 / 不符合 / 不适用. */
export const ControlAnswer = z.enum(['full', 'partial', 'none', 'na']);

// ---------- conditions ----------

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const IsoDateOrToday = z.string().regex(/^(\d{4}-\d{2}-\d{2}|today)$/, '日期比较的取值应为 YYYY-MM-DD 或 today');

const comparisons = {
  eq: Scalar.optional(),
  ne: Scalar.optional(),
  in: z.array(Scalar).min(1).optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  includes: z.string().optional(),
  answered: z.boolean().optional(),
  /** Date answers ('YYYY-MM-DD'): strictly before / after a date or 'today' (for checks such as a date in the future). */
  before: IsoDateOrToday.optional(),
  after: IsoDateOrToday.optional(),
};

const hasOneComparison = (c: Record<string, unknown>) =>
  Object.keys(comparisons).filter((k) => c[k] !== undefined).length === 1;
const oneComparisonMessage = '条件必须且只能包含一个比较：eq、ne、in、gt、gte、lt、lte、includes、answered、before、after 之一';

export type Condition =
  | ({ item: string } & ComparisonFields)
  | ({ attr: string } & ComparisonFields)
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface ComparisonFields {
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  in?: (string | number | boolean)[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  includes?: string;
  answered?: boolean;
  before?: string;
  after?: string;
}

/** A condition on answers (`item`) or, inside data-type grading rules, on an inventory row (`attr`). */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ item: ItemId, ...comparisons }).refine(hasOneComparison, oneComparisonMessage),
    z.strictObject({ attr: z.string(), ...comparisons }).refine(hasOneComparison, oneComparisonMessage),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
) as z.ZodType<Condition>;

// ---------- items ----------

export const Ref = z.strictObject({
  standard: z.string().min(1),
  clause: z.string().optional(),
});

export const Guidance = z.strictObject({
  /** What the diagnostician should ask. */
  ask: z.string().optional(),
  /** What evidence to look at on site. */
  evidence: z.string().optional(),
});

export const Check = z.strictObject({
  /** The check fires when this condition holds. */
  if: Condition,
  level: z.enum(['error', 'warning']),
  message: z.string().min(1),
});

export const Finding = z.strictObject({
  /** 问题描述 shown when the answer fails outright (不符合). */
  problem: z.string().min(1),
  /** 问题描述 for a partial answer (部分符合); without it the engine prints a neutral text naming the item. */
  partial: z.string().min(1).optional(),
  /** 整改建议. */
  recommendation: z.string().min(1),
  priority: Priority,
});

export const Scoring = z
  .strictObject({
    weight: z.number().positive().max(10).default(1),
    /** Counts towards classification & grading readiness. */
    classification: z.boolean().optional(),
    /** Counts towards protection maturity: DSMM process area, level, capability dimension. */
    maturity: z
      .strictObject({
        pa: ProcessAreaId,
        level: z.number().int().min(1).max(5),
        capability: CapabilityDimension,
        /** A supplementary practice (module detail): counts in the PA's figures but never blocks a level. */
        supplementary: z.boolean().optional(),
      })
      .optional(),
    /** A failing answer becomes an entry of the risk register. */
    risk: z
      .strictObject({
        scenario: RiskScenario,
        area: RiskArea,
        /** Exposure factors that raise the likelihood when they hold. */
        exposure: z.array(ExposureFactor).default([]),
        /** Impact before looking at the data touched (1–4). */
        impact: z.number().int().min(1).max(4).default(2),
        /** Data domains touched; the highest level held in them raises the impact. '*' = all data. */
        data: z.array(z.union([DataDomain, z.literal('*')])).default(['*']),
      })
      .optional(),
    /**
     * A red line: failing it (不符合) caps the enterprise maturity level at 1 and floors the risk level at 高.
     * The object form makes the breach conditional: `when` on the answers, `candidates` on the draft catalogue
     * (held: some 重要/核心 candidate is held; exported: some candidate row is marked 出境).
     */
    redline: z
      .union([
        z.boolean(),
        z.strictObject({
          when: Condition.optional(),
          candidates: z.enum(['held', 'exported']).optional(),
        }),
      ])
      .optional(),
    /** The item applies only when the draft catalogue has a 重要/核心 candidate; otherwise it counts as 不适用. */
    needs_candidates: z.boolean().optional(),
  })
  .refine((s) => s.classification || s.maturity || s.risk, {
    message: '计分项必须至少归入一个维度：classification、maturity 或 risk',
  });

/** Engine-relevant meanings of particular items. */
export const ItemRole = z.enum([
  'enterprise_name',
  'credit_code',
  'district',
  'industry',
  'catalogue_filed',
  'data_inventory',
]);

const itemBase = {
  id: ItemId,
  label: z.string().min(1),
  /** Explanation shown to the respondent. */
  help: z.string().optional(),
  guidance: Guidance.optional(),
  required: z.boolean().default(false),
  visible_if: Condition.optional(),
  checks: z.array(Check).optional(),
  refs: z.array(Ref).optional(),
  role: ItemRole.optional(),
};

/** What 符合 / 部分符合 / 不符合 mean for one control item, with an observable example each. */
export const Rubric = z.strictObject({
  full: z.string().min(1),
  partial: z.string().min(1),
  none: z.string().min(1),
});

const scored = {
  scoring: Scoring.optional(),
  finding: Finding.optional(),
  rubric: Rubric.optional(),
  /** `quick`: asked in the 快速诊断 variant too (the full variant asks every item). */
  tier: z.literal('quick').optional(),
};

export const Option = z.strictObject({
  value: z.string().min(1),
  label: z.string().min(1),
  /** Fulfilment of this option when the item is scored: 1 = 符合, 0.5 = 部分符合, 0 = 不符合. */
  score: z.union([z.literal(0), z.literal(0.5), z.literal(1)]).optional(),
  /** For multiple choice: choosing it excludes the others (e.g. 无). */
  exclusive: z.boolean().optional(),
});

export const ControlItem = z.strictObject({
  kind: z.literal('control'),
  ...itemBase,
  ...scored,
  /** Whether 不适用 may be chosen. */
  na_allowed: z.boolean().default(true),
});

export const YesNoItem = z.strictObject({
  kind: z.literal('yesno'),
  ...itemBase,
  ...scored,
  /** Which answer is compliant when the item is scored. */
  pass: z.enum(['yes', 'no']).default('yes'),
});

export const SingleItem = z.strictObject({
  kind: z.literal('single'),
  ...itemBase,
  ...scored,
  options: z.array(Option).min(2),
});

export const MultiItem = z.strictObject({
  kind: z.literal('multi'),
  ...itemBase,
  options: z.array(Option).min(2),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(1).optional(),
});

export const NumberItem = z.strictObject({
  kind: z.literal('number'),
  ...itemBase,
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
});

export const TextItem = z.strictObject({
  kind: z.literal('text'),
  ...itemBase,
  multiline: z.boolean().default(false),
  max_length: z.number().int().positive().default(2000),
  pattern: z.strictObject({ regex: z.string(), message: z.string() }).optional(),
});

export const DateItem = z.strictObject({
  kind: z.literal('date'),
  ...itemBase,
});

export const InventoryItem = z.strictObject({
  kind: z.literal('inventory'),
  ...itemBase,
});

export const EvidenceItem = z.strictObject({
  kind: z.literal('evidence'),
  ...itemBase,
  accept: z.array(z.enum(['image', 'pdf', 'office', 'text'])).min(1).default(['image', 'pdf']),
  max_files: z.number().int().min(1).max(20).default(5),
});

export const Item = z.discriminatedUnion('kind', [
  ControlItem,
  YesNoItem,
  SingleItem,
  MultiItem,
  NumberItem,
  TextItem,
  DateItem,
  InventoryItem,
  EvidenceItem,
]);

export const Section = z.strictObject({
  id: ItemId,
  title: z.string().min(1),
  description: z.string().optional(),
  visible_if: Condition.optional(),
  items: z.array(Item).min(1),
});

// ---------- data types (for the inventory and the draft catalogue) ----------

export const GradingRule = z.strictObject({
  object: ImpactObject,
  degree: ImpactDegree,
  /** Evaluated against the inventory row (attr) and the answers (item). */
  when: Condition,
  /** Why: shown in the draft catalogue. */
  reason: z.string().min(1),
});

export const DataType = z.strictObject({
  id: ItemId,
  name: z.string().min(1),
  domain: DataDomain,
  /** Sub-category within the domain, e.g. 工艺参数, 控制信息. */
  subcategory: z.string().min(1),
  description: z.string().optional(),
  /** One of the industry's key data named by the plan's annex. */
  key: z.boolean().default(false),
  grading: z.array(GradingRule).default([]),
});

// ---------- files ----------

export const ExposureRule = z.strictObject({
  factor: ExposureFactor,
  label: z.string().min(1),
  when: Condition,
});

const fileBase = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号应为 主.次.修订，例如 1.0.0'),
  description: z.string().optional(),
  data_types: z.array(DataType).default([]),
  sections: z.array(Section).min(1),
};

/**
 * A legal obligation (法定义务) checked outside the risk register: met when its applicable items are all 符合.
 * `applies_if` on the answers and `candidates` (only for processors of 重要/核心 candidates) decide applicability.
 */
export const Obligation = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  items: z.array(ItemId).min(1),
  applies_if: Condition.optional(),
  candidates: z.boolean().optional(),
  refs: z.array(Ref).min(1),
});

export const CoreFile = z.strictObject({
  kind: z.literal('core'),
  ...fileBase,
  exposure: z.array(ExposureRule).default([]),
  /** When the enterprise runs production control systems (OT): production-stop scenarios get an impact floor. */
  operational_technology: Condition.optional(),
  /**
   * When the enterprise declares it holds 重要/核心 data: duties for processors of such data then apply even when the
   * draft catalogue proposes no candidate.
   */
  important_data_declared: Condition.optional(),
  obligations: z.array(Obligation).default([]),
});

export const IndustryFile = z.strictObject({
  kind: z.literal('industry'),
  ...fileBase,
  /** The id of the core this module composes with. */
  core: z.string().min(1),
  /** Chinese industry name, e.g. 钢铁. */
  industry_name: z.string().min(1),
  key_enterprise: z
    .strictObject({
      description: z.string().min(1),
      /** When measurable from answers; otherwise the diagnostician answers an item that says so. */
      when: Condition,
      refs: z.array(Ref).optional(),
    })
    .optional(),
});

export const QuestionnaireFile = z.discriminatedUnion('kind', [CoreFile, IndustryFile]);

export type ItemDef = z.infer<typeof Item>;
export type SectionDef = z.infer<typeof Section>;
export type DataTypeDef = z.infer<typeof DataType>;
export type GradingRuleDef = z.infer<typeof GradingRule>;
export type CoreFileDef = z.infer<typeof CoreFile>;
export type IndustryFileDef = z.infer<typeof IndustryFile>;
export type QuestionnaireFileDef = z.infer<typeof QuestionnaireFile>;
export type ScoringDef = z.infer<typeof Scoring>;
export type FindingDef = z.infer<typeof Finding>;
export type ExposureRuleDef = z.infer<typeof ExposureRule>;
export type ObligationDef = z.infer<typeof Obligation>;
export type EvidenceBasisCode = z.infer<typeof EvidenceBasis>;
export type VariantCode = z.infer<typeof Variant>;
/** The codes of the format's enums, for the labels and the scoring result. */
export type CapabilityCode = z.infer<typeof CapabilityDimension>;
export type DataDomainCode = z.infer<typeof DataDomain>;
export type ImpactObjectCode = z.infer<typeof ImpactObject>;
export type ImpactDegreeCode = z.infer<typeof ImpactDegree>;
export type ExposureFactorCode = z.infer<typeof ExposureFactor>;
export type RiskScenarioCode = z.infer<typeof RiskScenario>;
export type RiskAreaCode = z.infer<typeof RiskArea>;
export type PriorityCode = z.infer<typeof Priority>;
export type ControlAnswerCode = z.infer<typeof ControlAnswer>;

/** Item kinds that can carry scoring metadata. */
export type ScoredItemDef = Extract<ItemDef, { kind: 'control' | 'yesno' | 'single' }>;

export function isScored(def: ItemDef): def is ScoredItemDef & { scoring: ScoringDef; finding: FindingDef } {
  return (def.kind === 'control' || def.kind === 'yesno' || def.kind === 'single') && def.scoring !== undefined;
}
