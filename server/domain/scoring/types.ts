/**
 * The types of a scoring result, inferred from the one declaration in result-schema.ts.
 */
import type { z } from 'zod';
import type { DataLevel, RiskLevel } from '../questionnaire/labels.js';
import type * as S from './result-schema.js';

export type { DataLevel, RiskLevel };
export type { CapabilityCode, ExposureFactorCode, PriorityCode } from '../questionnaire/schema.js';

export type Fulfilment = z.infer<typeof S.FulfilmentSchema>;
export type Contribution = z.infer<typeof S.ContributionSchema>;
export type UnansweredItem = z.infer<typeof S.UnansweredItemSchema>;
export type CatalogueEntry = z.infer<typeof S.CatalogueEntrySchema>;
export type ClassificationResult = z.infer<typeof S.ClassificationResultSchema>;
export type RiskEntry = z.infer<typeof S.RiskEntrySchema>;
export type RiskResult = z.infer<typeof S.RiskResultSchema>;
export type LevelResult = z.infer<typeof S.LevelResultSchema>;
export type DimensionScore = z.infer<typeof S.DimensionScoreSchema>;
export type PAResult = z.infer<typeof S.PAResultSchema>;
export type MaturityResult = z.infer<typeof S.MaturityResultSchema>;
export type RedlineEntry = z.infer<typeof S.RedlineEntrySchema>;
export type FindingEntry = z.infer<typeof S.FindingEntrySchema>;
export type ScoreResult = z.infer<typeof S.ScoreResultSchema>;
