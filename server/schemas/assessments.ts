/** Assessments (诊断): rows, the detail, list filters, answer batches, answer history and workflow events. */
import { z } from 'zod';
import { ASSESSMENT_KINDS, ASSESSMENT_STATUSES } from '../domain/vocabularies.js';
import { EvidenceBasis, Variant } from '../domain/questionnaire/schema.js';
import { ChangedBySchema, DistrictRef, PageQuery, pageOf } from './common.js';
import { EvidenceSchema } from './evidence.js';
import { ScoreSummarySchema } from './score.js';

export const AssessmentKindSchema = z.enum(ASSESSMENT_KINDS);
export const AssessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);

export const AssessmentSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  industryCode: z.string(),
  kind: AssessmentKindSchema,
  status: AssessmentStatusSchema,
  questionnaireId: z.string(),
  questionnaireVersion: z.string(),
  version: z.number().describe('答案版本：每保存一批答案加 1，保存时作为 baseVersion 提交'),
  createdBy: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  score: ScoreSummarySchema.nullable(),
});
export type AssessmentRow = z.infer<typeof AssessmentSchema>;

/** One entry of an assessment's append-only event log. */
export const AssessmentEventSchema = ChangedBySchema.extend({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type AssessmentEvent = z.infer<typeof AssessmentEventSchema>;

export const AssessmentDetailSchema = AssessmentSchema.extend({
  answers: z.record(z.string(), z.unknown()),
  notes: z.record(z.string(), z.string()),
  /** Items marked 待核实 (to check). */
  flags: z.array(z.string()),
  evidence: z.array(EvidenceSchema.omit({ assessmentId: true })),
  events: z.array(AssessmentEventSchema),
});

export const CreateAssessmentBody = z.strictObject({
  enterpriseId: z.number().int().positive(),
  kind: AssessmentKindSchema,
  variant: Variant.optional().describe('quick 快速诊断 / full 深度诊断，默认 full'),
});

export const AssessmentListQuery = PageQuery.extend({
  status: AssessmentStatusSchema.optional(),
  kind: AssessmentKindSchema.optional(),
  district: DistrictRef.optional(),
  industry: z.string().max(40).optional(),
  enterprise: z.coerce.number().int().positive().optional(),
});
export const AssessmentPageSchema = pageOf(AssessmentSchema);

export const AnswerBatchBody = z.strictObject({
  batchId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'batchId 应为客户端生成的 8–64 位标识（如 UUID）')
    .describe('客户端生成的批次标识；重发同一批次不会重复保存'),
  baseVersion: z.number().int().min(0).describe('本批答案所基于的诊断版本'),
  answers: z
    .array(
      z.strictObject({
        itemId: z.string().min(1).max(200),
        value: z.unknown().optional().describe('答案；null 表示清除；省略则只修改备注或待核实标记（附件题的备注、标记即如此提交）'),
        note: z.string().max(2000).nullable().optional().describe('备注；省略则保留原备注，null 或空串表示清除'),
        flagged: z.boolean().optional().describe('待核实标记；省略则保留原标记'),
        basis: EvidenceBasis.nullable()
          .optional()
          .describe('核验方式：onsite 现场核验 / document 文件核验 / verbal 口述；省略则保留原值，null 表示清除'),
      }),
    )
    .min(1, '至少包含一个答案')
    .max(500, '一批最多 500 个答案'),
});
export type AnswerBatch = z.infer<typeof AnswerBatchBody>;
export type AnswerChange = AnswerBatch['answers'][number];

export const BatchResultSchema = z.object({
  batchId: z.string(),
  /** The assessment's version after this batch. */
  version: z.number(),
  /** Items whose value changed, in item order (a batch that only repeats stored values changes none). */
  changedItems: z.array(z.string()),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

/** 409 details of an answer batch: an item changed on the server since the batch's baseVersion. */
export const AnswerConflictSchema = z.object({ itemId: z.string(), serverValue: z.unknown(), yourValue: z.unknown() });
export type AnswerConflict = z.infer<typeof AnswerConflictSchema>;

/** One change of the answer history, oldest first. */
export const AnswerHistoryRowSchema = ChangedBySchema.extend({
  /** Null for an item's first answer while it is the item's only one: the answer row itself records it. */
  id: z.number().nullable(),
  itemId: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  batchId: z.string().nullable(),
  changedAt: z.string(),
});
export type AnswerHistoryRow = z.infer<typeof AnswerHistoryRowSchema>;
export const AnswerHistoryQuery = z.object({ itemId: z.string().min(1).max(200).optional() });

export const ReopenBody = z.strictObject({ reason: z.string().trim().min(1, '请填写退回原因').max(500) });
