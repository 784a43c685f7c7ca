/**
 * The code lists several layers share — database, API schemas, services, the web app and the report — each as
 * codes `as const`, the type of a code and a Record of Chinese labels (the pattern of roles.ts). Typed as
 * Record<code, string> so that a code added without a label fails to compile.
 */

/** An assessment's workflow status: draft → submitted → reviewed → issued (reopen: submitted → draft). */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reviewed', 'issued'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: '填写中',
  submitted: '已提交',
  reviewed: '已审核',
  issued: '已出具报告',
};

/** Who fills an assessment in: the enterprise itself or a diagnostician on site. */
export const ASSESSMENT_KINDS = ['self', 'field'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_KIND_LABELS: Record<AssessmentKind, string> = {
  self: '企业自评估',
  field: '现场诊断',
};

/** A finding's rectification (整改) status. */
export const RECTIFICATION_STATUSES = ['open', 'in_progress', 'rectified', 'accepted'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '待整改',
  in_progress: '整改中',
  rectified: '已整改',
  accepted: '已验收',
};

/**
 * An enterprise's diagnosis status, derived (never stored): see services/enterprises.ts. The labels are the
 * dashboard's (DIAGNOSIS_STAGE_LABELS) where they mean the same: done = diagnosed (a report issued), refused = refused;
 * pending (待诊断) is the dashboard's in progress and not started together.
 */
export const DIAGNOSIS_STATUSES = ['done', 'pending', 'refused'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];
export const DIAGNOSIS_STATUS_LABELS: Record<DiagnosisStatus, string> = {
  done: '已出具报告',
  pending: '待诊断',
  refused: '拒绝/联系不上',
};

/** Enterprise size (企业规模, GB/T 及统计上大中小微型企业划分). */
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type Size = (typeof SIZES)[number];
export const SIZE_LABELS: Record<Size, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** The side a district contact stands on. */
export const CONTACT_SIDES = ['bureau', 'provider'] as const;
export type ContactSide = (typeof CONTACT_SIDES)[number];
export const CONTACT_SIDE_LABELS: Record<ContactSide, string> = {
  bureau: '工信部门',
  provider: '服务方',
};

/** What happened to one row of an imported roster. */
export const ROSTER_ROW_STATUSES = ['added', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;
export type RosterRowStatus = (typeof ROSTER_ROW_STATUSES)[number];
export const ROSTER_ROW_STATUS_LABELS: Record<RosterRowStatus, string> = {
  added: '新增',
  updated: '更新',
  unchanged: '无变化',
  duplicate: '重复',
  rejected: '拒绝',
};

/** How far an enterprise has come on the dashboard: diagnosed = a report issued (enterprise_summary). */
export const DIAGNOSIS_STAGES = ['diagnosed', 'in_progress', 'not_started', 'refused'] as const;
export type DiagnosisStage = (typeof DIAGNOSIS_STAGES)[number];
export const DIAGNOSIS_STAGE_LABELS: Record<DiagnosisStage, string> = {
  diagnosed: '已出具报告',
  in_progress: '诊断中',
  not_started: '未开始',
  refused: '拒绝/联系不上',
};
