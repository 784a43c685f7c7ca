/**
 * The result of scoring one set of answers. Plain JSON (no Maps, no classes, no undefined-vs-missing tricks),
 * because it is stored next to the assessment and read back by the report, the dashboard and exports.
 */
import type { AnswerValue } from '../questionnaire/answers.js';
import type { DataLevel, RiskLevel } from '../questionnaire/labels.js';
import type * as Codes from '../questionnaire/schema.js';

export type { DataLevel, RiskLevel };
export type { CapabilityCode, ExposureFactorCode, PriorityCode } from '../questionnaire/schema.js';
export type Fulfilment = 1 | 0.5 | 0 | null;

/** One answer's part in a figure: which item, what was answered, how much it fulfilled, with what weight. */
export interface Contribution {
  itemId: string;
  label: string;
  answer: AnswerValue;
  /** 1 符合, 0.5 部分符合, 0 不符合, null 不适用 (left out of the denominator). */
  fulfilment: Fulfilment;
  weight: number;
}

/** A visible scored item nobody has answered yet: left out of denominators, but listed so a draft is not scored silently. */
export interface UnansweredItem {
  itemId: string;
  label: string;
}

export interface CatalogueEntry {
  /** Index of the row in the inventory answer (rows with held: false keep their index but get no entry). */
  row: number;
  /** The questionnaire's data type id; null for a type the enterprise added itself. */
  dataType: string | null;
  name: string;
  domain: Codes.DataDomainCode;
  subcategory: string;
  key: boolean;
  level: DataLevel;
  /** The impact object and degree of the deciding rule. */
  object: Codes.ImpactObjectCode;
  degree: Codes.ImpactDegreeCode;
  reason: string;
  /** Reasons of every grading rule that fired, in rule order. */
  matched: string[];
}

export interface ClassificationResult {
  /** 0–100, one decimal, after the catalogue gate. */
  score: number;
  /** Before the gate, one decimal. */
  rawScore: number;
  /** True when the gate lowered the score. */
  capped: boolean;
  gate: {
    /** Catalogue rows graded important or core. */
    candidates: number;
    catalogueFiled: boolean;
    /** Set when the gate applies (candidates > 0 and no catalogue filed). */
    reason?: string;
  };
  contributions: Contribution[];
  unanswered: UnansweredItem[];
  catalogue: CatalogueEntry[];
}

export interface RiskEntry {
  id: string;
  scenario: Codes.RiskScenarioCode;
  area: Codes.RiskAreaCode;
  title: string;
  likelihood: number;
  impact: number;
  value: number;
  level: Exclude<RiskLevel, 'none'>;
  sources: { itemId: string; answer: AnswerValue }[];
  /** Exposure factors of the item that hold for this enterprise (each raised the likelihood; together by at most 1). */
  exposure: Codes.ExposureFactorCode[];
  /** Highest level of the catalogue rows in the touched domains; null when none is held. */
  dataLevel: DataLevel | null;
}

export interface RiskResult {
  level: RiskLevel;
  counts: { major: number; high: number; medium: number; low: number };
  /** By value descending, then questionnaire order. */
  entries: RiskEntry[];
  unanswered: UnansweredItem[];
}

export interface LevelResult {
  level: number;
  met: boolean;
  /** Weighted fulfilment 0–1 (2 decimals) of the applicable items; null when none applies. */
  fulfilment: number | null;
  items: Contribution[];
}

export interface DimensionScore {
  capability: Codes.CapabilityCode;
  /** 0–100, one decimal; null when no applicable item. */
  score: number | null;
  /** Ids of the applicable items behind the score. */
  items: string[];
}

export interface PAResult {
  pa: string;
  name: string;
  /** 0–5; 0 = level 1 not met. */
  level: number;
  /** False when every visible item of the PA is 不适用: the PA is left out of the enterprise level and the mean. */
  assessed: boolean;
  /** The levels that have a visible item, ascending (levels without one are skipped in gating). */
  levels: LevelResult[];
  capabilityDims: DimensionScore[];
  unanswered: UnansweredItem[];
}

export interface MaturityResult {
  /** 0–5, after the red-line cap. */
  level: number;
  /** Before the red-line cap. */
  rawLevel: number;
  /** Average level of the assessed PAs, 2 decimals. */
  mean: number;
  cappedByRedline: boolean;
  coreSet: string[];
  /** The core-set PAs that were assessed and so decide the level. */
  basis: string[];
  processAreas: PAResult[];
  dimensions: DimensionScore[];
  unanswered: UnansweredItem[];
}

export interface RedlineEntry {
  itemId: string;
  label: string;
  answer: AnswerValue;
}

export interface FindingEntry {
  itemId: string;
  sectionId: string;
  label: string;
  problem: string;
  recommendation: string;
  priority: Codes.PriorityCode;
  answer: AnswerValue;
  fulfilment: 0 | 0.5;
  /** The item is a red line and failed outright. */
  redline: boolean;
  riskLevel?: Exclude<RiskLevel, 'none'>;
  refs: { standard: string; clause?: string }[];
}

export interface ScoreResult {
  questionnaire: { id: string; version: string; hash: string };
  scoringModel: string;
  profile: {
    exposure: { factor: Codes.ExposureFactorCode; label: string }[];
    keyEnterprise: { met: boolean; description: string } | null;
  };
  classification: ClassificationResult;
  risk: RiskResult;
  maturity: MaturityResult;
  redlines: RedlineEntry[];
  findings: FindingEntry[];
}
