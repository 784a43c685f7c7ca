/** Rectification (整改) of an assessment's findings: the rows, their history and evidence, the work list and its filters. */
import { z } from 'zod';
import { ASSESSMENT_KINDS, RECTIFICATION_STATUSES } from '../domain/vocabularies.js';
import { FindingEntrySchema } from '../domain/scoring/result-schema.js';
import { Priority } from '../domain/questionnaire/schema.js';
import { ChangedBySchema, DistrictRef, PageQuery, pageOf } from './common.js';

export const RectificationStatusSchema = z.enum(RECTIFICATION_STATUSES);

const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), '不是有效日期');

/** One row of a rectification's append-only history: a status change, or a due-date change (`dueDate` set). */
export const RectificationHistoryRowSchema = ChangedBySchema.extend({
  oldStatus: z.string().nullable(),
  newStatus: z.string(),
  note: z.string().nullable(),
  /** Set on a due-date change: the new due date. */
  dueDate: z.string().nullable(),
  changedAt: z.string(),
});

/** An evidence file the enterprise attached to a rectification (same storage and type rules as answer evidence). */
export const RectificationEvidenceSchema = z.object({
  id: z.number(),
  rectificationId: z.number(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.number(),
  uploadedAt: z.string(),
});
export type RectificationEvidence = z.infer<typeof RectificationEvidenceSchema>;

export const RectificationSchema = z.object({
  id: z.number(),
  assessmentId: z.number(),
  assessmentKind: z.enum(ASSESSMENT_KINDS),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  itemId: z.string(),
  /** The questionnaire section of the item (the area filter). */
  sectionId: z.string().nullable(),
  priority: Priority.nullable(),
  status: RectificationStatusSchema,
  note: z.string().nullable(),
  statusDate: z.string().nullable(),
  /** Set by a confirmer, or the default for the priority; null while work cannot start yet. */
  dueDate: z.string().nullable(),
  /** True when the due date was set by a confirmer rather than derived from the priority. */
  dueDateSet: z.boolean(),
  /** Work still owed and the due date passed (server clock). */
  overdue: z.boolean(),
  /** The confirmer's reason when the rectification was last sent back and is being worked on again. */
  returnReason: z.string().nullable(),
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
    refs: true,
  }).nullable(),
  evidence: z.array(RectificationEvidenceSchema),
  history: z.array(RectificationHistoryRowSchema),
});
export type Rectification = z.infer<typeof RectificationSchema>;

export const RectificationChangeBody = z.strictObject({
  status: RectificationStatusSchema,
  note: z.string().max(2000).optional(),
  date: DateString.optional().describe('状态日期，默认今天'),
});
export type RectificationChange = z.infer<typeof RectificationChangeBody>;

export const RectificationDueBody = z.strictObject({
  dueDate: DateString.nullable().describe('整改期限；null 恢复为按优先级的默认期限'),
  note: z.string().max(2000).optional(),
});
export type RectificationDue = z.infer<typeof RectificationDueBody>;

/** Several rectifications moved at once by a confirmer: accept with one note, or send back with one reason. */
export const RectificationBulkBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  status: z.enum(['accepted', 'in_progress']).describe('accepted 验收通过；in_progress 退回整改（须填写原因）'),
  note: z.string().max(2000).optional(),
});
export type RectificationBulk = z.infer<typeof RectificationBulkBody>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const RectificationListQuery = PageQuery.extend({
  status: RectificationStatusSchema.optional(),
  priority: Priority.optional(),
  /** The questionnaire section id of the finding. */
  area: z.string().max(100).optional(),
  overdue: Flag.optional(),
  /** Within the caller's scope: a district officer naming another district gets an empty list. */
  district: DistrictRef.optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  assessmentId: z.coerce.number().int().positive().optional(),
});
export type RectificationListFilter = z.infer<typeof RectificationListQuery>;

/**
 * One row of the work list (整改清单): what the list shows and filters on, read from the rows alone — never from the
 * stored score. The finding's texts, the history and the evidence are the single rectification's (RectificationSchema).
 */
export const RectificationWorkItemSchema = RectificationSchema.pick({
  id: true,
  assessmentId: true,
  assessmentKind: true,
  enterpriseId: true,
  enterpriseName: true,
  itemId: true,
  sectionId: true,
  priority: true,
  status: true,
  dueDate: true,
  overdue: true,
  returnReason: true,
}).extend({
  /** The questionnaire item's label in the assessment's questionnaire version (the finding's label); null if unknown. */
  label: z.string().nullable(),
});
export type RectificationWorkItem = z.infer<typeof RectificationWorkItemSchema>;

export const RectificationPageSchema = pageOf(RectificationWorkItemSchema).extend({
  /** Over the whole filtered list, not just the page. */
  overdue: z.number(),
  /**
   * The questionnaire sections with findings in the caller's scope (for a diagnostician's long list, in the whole
   * city): the values of the area filter.
   */
  areas: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type RectificationPage = z.infer<typeof RectificationPageSchema>;
