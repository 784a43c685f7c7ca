/** Issued diagnosis reports (诊断报告): the list rows, the list filter and the public verification answers. */
import { z } from 'zod';
import { ASSESSMENT_KINDS } from '../domain/vocabularies.js';
import { DistrictRef, IdParam } from './common.js';

export const ReportSchema = z
  .object({
    id: z.number(),
    assessmentId: z.number(),
    enterpriseId: z.number(),
    enterpriseName: z.string(),
    /** 报告编号: <city>-<year>-<serial>. */
    number: z.string(),
    /** 验证码 printed on the cover (XXXX-XXXX-XXXX). */
    verificationCode: z.string(),
    issuedAt: z.string(),
    /** self: a self-assessment's report (marked 企业自评估); field: the field diagnosis report. */
    kind: z.enum(ASSESSMENT_KINDS),
    /** The report that replaced this one when the assessment was issued again; null while current. */
    supersededBy: z.number().nullable(),
    sha256: z.string(),
    size: z.number(),
    /** The annex (附件) issued with the report; null for reports issued as one file before annexes existed. */
    annexSha256: z.string().nullable(),
    annexSize: z.number().nullable(),
  })
  .describe('已出具的诊断报告（报告正文及其附件）');
export type ReportRow = z.infer<typeof ReportSchema>;

export const ReportListQuery = z.strictObject({
  enterpriseId: IdParam.optional(),
  assessmentId: IdParam.optional(),
});

/** The two files of an issued report: the report itself and its annex (附件). */
export const REPORT_PARTS = ['report', 'annex'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];
export const REPORT_PART_LABELS: Record<ReportPart, string> = { report: '报告正文', annex: '报告附件' };

/** Which file a draft preview renders. */
export const ReportPreviewQuery = z.strictObject({ part: z.enum(REPORT_PARTS).default('report') });

/** A verification code as typed: letters, digits, dashes and spaces. */
export const VerifyParams = z.strictObject({
  code: z.string().min(1).max(40).regex(/^[0-9A-Za-z\s-]+$/, '验证码由字母、数字和短横线组成'),
});

/** The public answer: only what the cover shows, nothing of the content. */
export const VerifyResultSchema = z
  .object({ number: z.string(), enterpriseName: z.string(), issuedAt: z.string(), sha256: z.string(), annexSha256: z.string().nullable() })
  .describe('验证码对应的诊断报告：编号、企业名称、出具时间、报告正文和附件 PDF 的 SHA-256');

/** The answer to an uploaded PDF: whether it is an issued report byte for byte; its number and enterprise only if so. */
export const FileVerifyResultSchema = z
  .object({
    match: z.boolean(),
    number: z.string().optional(),
    enterpriseName: z.string().optional(),
    /** Which of the two issued files it is: the report itself or its annex. */
    part: z.enum(REPORT_PARTS).optional(),
  })
  .describe('上传的 PDF 是否为出具的报告原件（逐字节一致）；一致时给出报告编号、企业名称以及是报告正文还是附件');

export const REPORT_BATCH_STATUSES = ['running', 'done', 'cancelled', 'expired', 'failed'] as const;

/** A batch download of issued reports as one ZIP, and how far it got. */
export const ReportBatchSchema = z
  .object({
    id: z.string(),
    /** running → done (downloadable for an hour, then expired) | cancelled | failed. */
    status: z.enum(REPORT_BATCH_STATUSES),
    fileName: z.string(),
    /** Reports to pack, packed so far, and those whose stored file was missing (left out). */
    total: z.number(),
    packed: z.number(),
    missing: z.number(),
    bytes: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('批量下载任务：按区县或行业打包已出具的诊断报告（ZIP）');
export type ReportBatch = z.infer<typeof ReportBatchSchema>;

export const ReportBatchInput = z.strictObject({
  district: DistrictRef.optional(),
  industry: z.string().max(50).optional().describe('行业代码'),
});

/** A batch's id (a random UUID); anything else simply names no batch (404). */
export const ReportBatchParams = z.strictObject({ id: z.string().min(1).max(64) });

export const PdfFileResponse = {
  description: 'PDF 文件（附件下载）',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};
