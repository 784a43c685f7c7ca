/**
 * The stored score of a submitted assessment. The full result is declared by the scoring engine
 * (domain/scoring/result-schema.ts); the summary is what lists show next to each assessment.
 */
import { z } from 'zod';
import { ScoreResultSchema } from '../domain/scoring/result-schema.js';

export { ScoreResultSchema };
export { NextLevelPlanSchema } from '../domain/scoring/next-level.js';

/** The headline figures of a stored score, from the scores table. */
export const ScoreSummarySchema = z.object({
  classificationScore: z.number(),
  riskLevel: z.string(),
  maturityLevel: z.number(),
  maturityMean: z.number(),
  findings: z.number(),
  scoringModel: z.string(),
  scoredAt: z.string(),
});
export type ScoreSummary = z.infer<typeof ScoreSummarySchema>;
