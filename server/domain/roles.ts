/** Roles and the user a request acts as. */
import { z } from 'zod';

export const ROLES = ['admin', 'bureau', 'district', 'diagnostician', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  bureau: '市工信局',
  district: '区县工信部门',
  diagnostician: '诊断人员',
  enterprise: '企业用户',
};

/** The user a request acts as: what a session resolves to and what `GET /api/auth/me` returns. */
export const SessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** Set for district officers. */
  districtId: z.number().int().nullable(),
  /** Set for enterprise users. */
  enterpriseId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
