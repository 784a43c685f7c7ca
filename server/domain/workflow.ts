/**
 * Who may do what to an assessment or a rectification, in which state: the one statement of the workflow
 * rules. Services enforce them (services/assessments.ts, services/rectifications.ts); the web app reads the same
 * tables to grey out what the server would refuse. Everything here applies within the user's enterprise scope
 * (services/access.ts): outside it, the assessment does not exist for the user (404).
 */
import { ROLES, type Role } from './roles.js';
import type { AssessmentKind, AssessmentStatus, RectificationStatus } from './vocabularies.js';

export type AssessmentAction = 'edit' | 'submit' | 'review' | 'issue' | 'reopen';

export interface AssessmentRule {
  /** The status the action starts from. */
  from: AssessmentStatus;
  /** The status after it (edit leaves a draft a draft). */
  to: AssessmentStatus;
  /** Roles allowed, by kind: a self-assessment is the enterprise's own work, a field one the diagnostician's. */
  roles: Record<AssessmentKind, readonly Role[]>;
  /** What the action is called, for messages (“当前账号无权{label}”). */
  label: string;
}

const EDITORS: Record<AssessmentKind, readonly Role[]> = {
  self: ['enterprise'],
  field: ['admin', 'bureau', 'diagnostician'],
};
const REVIEWERS: readonly Role[] = ['admin', 'bureau', 'district', 'diagnostician'];

/**
 * edit (answers, evidence) and submit — self: the enterprise's own user; field: assigned diagnostician, bureau, admin
 * review — assigned diagnostician, district officer, bureau, admin
 * issue  — district officer, bureau, admin
 * reopen — whoever may edit or review
 */
export const ASSESSMENT_WORKFLOW: Record<AssessmentAction, AssessmentRule> = {
  edit: { from: 'draft', to: 'draft', roles: EDITORS, label: '填写或提交该诊断' },
  submit: { from: 'draft', to: 'submitted', roles: EDITORS, label: '填写或提交该诊断' },
  review: { from: 'submitted', to: 'reviewed', roles: { self: REVIEWERS, field: REVIEWERS }, label: '审核该诊断' },
  issue: {
    from: 'reviewed',
    to: 'issued',
    roles: { self: ['admin', 'bureau', 'district'], field: ['admin', 'bureau', 'district'] },
    label: '出具该诊断报告',
  },
  reopen: {
    from: 'submitted',
    to: 'draft',
    roles: { self: [...new Set([...EDITORS.self, ...REVIEWERS])], field: [...new Set([...EDITORS.field, ...REVIEWERS])] },
    label: '退回该诊断',
  },
};

/** Who may start an assessment of each kind (the same people who fill it in). */
export const ASSESSMENT_CREATORS = EDITORS;

/** The role may take the action on an assessment of this kind (status aside). */
export function roleMay(role: Role, kind: AssessmentKind, action: AssessmentAction): boolean {
  return ASSESSMENT_WORKFLOW[action].roles[kind].includes(role);
}

/** Every role that may take the action on an assessment of some kind: the route's outer check (a 403 before lookup). */
export function rolesForAction(action: AssessmentAction): Role[] {
  return ROLES.filter((r) => Object.values(ASSESSMENT_WORKFLOW[action].roles).some((roles) => roles.includes(r)));
}

/** Every role that may start an assessment of some kind. */
export const ASSESSMENT_CREATOR_ROLES: readonly Role[] = ROLES.filter((r) => Object.values(ASSESSMENT_CREATORS).some((roles) => roles.includes(r)));

/** The actions the role may take now on an assessment in this state: what a UI offers. */
export function availableActions(role: Role, a: { kind: AssessmentKind; status: AssessmentStatus }): AssessmentAction[] {
  return (Object.keys(ASSESSMENT_WORKFLOW) as AssessmentAction[]).filter(
    (action) => ASSESSMENT_WORKFLOW[action].from === a.status && roleMay(role, a.kind, action),
  );
}

/** The two sides of rectification: the enterprise does the work, a confirmer checks it. */
export type RectificationSide = 'enterprise' | 'confirmer';

/** The enterprise's user works; an assigned diagnostician, district officer, bureau or admin confirms. */
export const rectificationSide = (role: Role): RectificationSide => (role === 'enterprise' ? 'enterprise' : 'confirmer');

/**
 * Rectification transitions, from → to → who and whether a note is required. Work starts once the assessment is
 * reviewed (or issued):
 *   enterprise: open → in_progress → rectified (note required)
 *   confirmer:  rectified → accepted, or rectified → in_progress (sent back, note required)
 */
export const RECTIFICATION_WORKFLOW: Record<
  RectificationStatus,
  Partial<Record<RectificationStatus, { side: RectificationSide; noteRequired: boolean }>>
> = {
  open: { in_progress: { side: 'enterprise', noteRequired: false } },
  in_progress: { rectified: { side: 'enterprise', noteRequired: true } },
  rectified: { accepted: { side: 'confirmer', noteRequired: false }, in_progress: { side: 'confirmer', noteRequired: true } },
  accepted: {},
};

/** Assessment statuses in which rectification work may be recorded. */
export const RECTIFICATION_OPEN_IN: readonly AssessmentStatus[] = ['reviewed', 'issued'];

/** A finding's priority (the questionnaire item's `finding.priority`). */
export type FindingPriority = 'high' | 'medium' | 'low';

/**
 * Default time to rectify, by the finding's priority, counted from the day the enterprise could start (a
 * self-assessment's review, a field assessment's issued report); a confirmer may set another due date. A row
 * without a priority (recorded before priorities were kept) gets the medium one.
 */
export const RECTIFICATION_DUE_DAYS: Record<FindingPriority, number> = { high: 30, medium: 90, low: 180 };

/**
 * A rectification's due date (YYYY-MM-DD): the one a confirmer set, else the priority's default from the day work
 * could start (YYYY-MM-DD or an ISO timestamp); null while work cannot start. The database keeps the same rule as
 * the column rectifications.effective_due (migration 160).
 */
export function effectiveDueDate(dueDate: string | null, priority: FindingPriority | null, workStart: string | null): string | null {
  if (dueDate !== null) return dueDate;
  if (workStart === null) return null;
  const day = new Date(`${workStart.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + RECTIFICATION_DUE_DAYS[priority ?? 'medium']);
  return day.toISOString().slice(0, 10);
}

/** Statuses in which the enterprise still owes work: past the due date they are overdue. */
export const RECTIFICATION_OWED: readonly RectificationStatus[] = ['open', 'in_progress'];

/** Overdue: work still owed and the due date (YYYY-MM-DD) before today (the server's clock, YYYY-MM-DD). */
export function isOverdue(status: RectificationStatus, dueDate: string | null, today: string): boolean {
  return dueDate !== null && RECTIFICATION_OWED.includes(status) && dueDate < today;
}
