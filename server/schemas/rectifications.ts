/** Rectification (整改) of an assessment's findings. */
import { z } from 'zod';
import { RECTIFICATION_STATUSES } from '../domain/vocabularies.js';
import { FindingEntrySchema } from '../domain/scoring/result-schema.js';
import { ChangedBySchema } from './common.js';

export const RectificationStatusSchema = z.enum(RECTIFICATION_STATUSES);

/** One row of a rectification's append-only history. */
export const RectificationHistoryRowSchema = ChangedBySchema.extend({
  oldStatus: z.string().nullable(),
  newStatus: z.string(),
  note: z.string().nullable(),
  changedAt: z.string(),
});

export const RectificationSchema = z.object({
  id: z.number(),
  assessmentId: z.number(),
  itemId: z.string(),
  status: RectificationStatusSchema,
  note: z.string().nullable(),
  statusDate: z.string().nullable(),
  updatedBy: z.number().nullable(),
  updatedAt: z.string(),
  confirmedBy: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  /** From the stored score: what was found and what to do. */
  finding: FindingEntrySchema.pick({
    label: true,
    problem: true,
    recommendation: true,
    priority: true,
    redline: true,
    riskLevel: true,
  }).nullable(),
  history: z.array(RectificationHistoryRowSchema),
});
export type Rectification = z.infer<typeof RectificationSchema>;

export const RectificationChangeBody = z.strictObject({
  status: RectificationStatusSchema,
  note: z.string().max(2000).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), '不是有效日期')
    .optional()
    .describe('状态日期，默认今天'),
});
export type RectificationChange = z.infer<typeof RectificationChangeBody>;
