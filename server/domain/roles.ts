/** Roles and the user a request acts as. */
export const ROLES = ['admin', 'bureau', 'district', 'diagnostician', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  bureau: '市工信局',
  district: '区县工信部门',
  diagnostician: '诊断人员',
  enterprise: '企业用户',
};

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Set for district officers. */
  districtId: number | null;
  /** Set for enterprise users. */
  enterpriseId: number | null;
}
