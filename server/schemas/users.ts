/** Accounts: the user shape administrators see, account changes and diagnostician assignments. */
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { SessionUserSchema } from './common.js';

const Id = z.coerce.number().int().positive();

/** An account as administrators see it. */
export const UserSchema = SessionUserSchema.extend({
  districtName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserSchema>;

const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/, { error: '用户名须为 3–64 位字母、数字或 . _ - @，且以字母或数字开头' });
const DisplayName = z.string().trim().min(1, { error: '姓名不能为空' }).max(64, { error: '姓名不能超过 64 个字符' });
const NewPassword = z.string().min(1).max(1024).optional()
  .describe('不填则自动生成一个强密码，并在响应中返回（仅此一次）');

export const UserListQuery = z.object({ role: z.enum(ROLES).optional() });
export const UserListSchema = z.object({ users: z.array(UserSchema) });

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: DisplayName.optional(),
  role: z.enum(ROLES),
  districtId: Id.nullable().default(null),
  enterpriseId: Id.nullable().default(null),
  password: NewPassword,
});

export const CreatedUserSchema = z.object({
  user: UserSchema,
  generatedPassword: z.string().optional().describe('仅当请求未给出密码时返回；请当面或安全渠道转交，系统不再显示'),
});

export const PatchUserBody = z.strictObject({
  displayName: DisplayName.optional(),
  role: z.enum(ROLES).optional(),
  districtId: Id.nullable().optional(),
  enterpriseId: Id.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UserChange = z.infer<typeof PatchUserBody>;

export const ResetPasswordBody = z.strictObject({ password: NewPassword });
export const ResetPasswordSchema = z.object({ generatedPassword: z.string().optional() });

export const AssignedEnterpriseSchema = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  districtId: z.number().int(),
});
export type AssignedEnterprise = z.infer<typeof AssignedEnterpriseSchema>;
export const AssignmentsSchema = z.object({ enterprises: z.array(AssignedEnterpriseSchema) });
export const AssignmentsBody = z.strictObject({ enterpriseIds: z.array(Id).max(5000) });

/**
 * Assigns enterprises to a diagnostician in bulk, keeping the ones it has: a selection, or every enterprise of a
 * district and/or industry within the actor's scope. At least one criterion; a selection excludes the filters.
 */
export const BulkAssignBody = z
  .strictObject({
    enterpriseIds: z.array(Id).min(1).max(5000).optional(),
    districtId: Id.optional(),
    industry: z.string().trim().min(1).max(40).optional(),
  })
  .refine((b) => b.enterpriseIds !== undefined || b.districtId !== undefined || b.industry !== undefined, {
    error: '请选择企业，或按区县、行业批量分配',
  })
  .refine((b) => b.enterpriseIds === undefined || (b.districtId === undefined && b.industry === undefined), {
    error: '选择了企业时不能再按区县或行业筛选',
  });
export type BulkAssignCriteria = z.infer<typeof BulkAssignBody>;
export const BulkAssignResultSchema = z.object({
  matched: z.number().describe('符合条件的企业数'),
  added: z.number().describe('新分配的企业数（已分配的不重复计算）'),
  assigned: z.number().describe('该诊断人员现在负责的、当前账号可见的企业数'),
});
