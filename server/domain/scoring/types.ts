/**
 * The types of the score result, inferred from the zod schema in result-schema.ts (the one declaration of the
 * shape), plus the vocabulary types the engine's modules share.
 */
import type { z } from 'zod';
import type { DataLevel, RiskLevel } from '../questionnaire/labels.js';
import type * as S from './result-schema.js';

export type { DataLevel, RiskLevel };
export type {
  CapabilityCode,
  EvidenceBasisCode,
  ExposureFactorCode,
  PriorityCode,
  VariantCode,
} from '../questionnaire/schema.js';
export type Fulfilment = z.infer<typeof S.FulfilmentSchema>;

export type RiskThemeCode = z.infer<typeof S.RiskTheme>;
export type Contribution = z.infer<typeof S.ContributionSchema>;
export type UnansweredItem = z.infer<typeof S.UnansweredItemSchema>;
export type CatalogueEntry = z.infer<typeof S.CatalogueEntrySchema>;
export type ExcludedRow = z.infer<typeof S.ExcludedRowSchema>;
export type ClassificationResult = z.infer<typeof S.ClassificationResultSchema>;
export type DataAssets = z.infer<typeof S.DataAssetsSchema>;
export type RiskSource = z.infer<typeof S.RiskSourceSchema>;
export type RiskEntry = z.infer<typeof S.RiskEntrySchema>;
export type ScenarioVerdict = z.infer<typeof S.ScenarioVerdictSchema>;
export type RiskResult = z.infer<typeof S.RiskResultSchema>;
export type ObligationResult = z.infer<typeof S.ObligationResultSchema>;
export type LevelResult = z.infer<typeof S.LevelResultSchema>;
export type DimensionScore = z.infer<typeof S.DimensionScoreSchema>;
export type Blocker = z.infer<typeof S.BlockerSchema>;
export type PAResult = z.infer<typeof S.PAResultSchema>;
export type MaturityResult = z.infer<typeof S.MaturityResultSchema>;
export type RedlineEntry = z.infer<typeof S.RedlineEntrySchema>;
export type FindingEntry = z.infer<typeof S.FindingEntrySchema>;
export type BureauSummary = z.infer<typeof S.BureauSummarySchema>;
export type ScoreResult = z.infer<typeof S.ScoreResultSchema>;
