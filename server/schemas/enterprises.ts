/** The enterprise registry: an enterprise as read, the create/patch bodies and the list filters. */
import { z } from 'zod';
import { DIAGNOSIS_STATUSES, SIZES } from '../domain/vocabularies.js';
import { DistrictRef, PageQuery, pageOf } from './common.js';

export const SizeSchema = z.enum(SIZES);
export const DiagnosisStatusSchema = z.enum(DIAGNOSIS_STATUSES);

export const EnterpriseSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  size: SizeSchema.nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  refused: z.boolean(),
  refusedReason: z.string().nullable(),
  diagnosisStatus: DiagnosisStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof EnterpriseSchema>;

/** Optional free text: blank means "none". */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const Editable = z.object({
  creditCode: z.string().max(40).describe('统一社会信用代码（大小写、全角、空格均可，保存时规范化）'),
  name: z.string().trim().min(1, '企业名称不能为空').max(200),
  district: z.union([z.number().int().positive(), z.string().trim().min(1).max(50)]).describe('区域 id 或名称'),
  industry: z.string().max(40).describe('行业代码，见 GET /api/industries'),
  size: SizeSchema.nullable().optional(),
  address: optionalText(300),
  contactName: optionalText(50),
  contactPhone: optionalText(50),
  contactEmail: z.union([z.email('邮箱格式不正确'), z.literal('')]).nullable().optional(),
  refused: z.boolean().optional(),
  refusedReason: optionalText(500),
});
export const CreateEnterpriseBody = Editable.strict();
export const PatchEnterpriseBody = Editable.partial().strict();
export type EnterpriseInput = z.infer<typeof PatchEnterpriseBody>;

export const EnterpriseListQuery = PageQuery.extend({
  district: DistrictRef.optional(),
  industry: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional().describe('按企业名称或信用代码搜索'),
  status: DiagnosisStatusSchema.optional().describe('诊断状态：done 已出具报告，pending 待诊断（诊断中或未开始），refused 拒绝/联系不上'),
});
export const EnterprisePageSchema = pageOf(EnterpriseSchema);
