/**
 * Rectification (整改) of the findings of a submitted assessment: the loop between the enterprise and its
 * confirmers. Who moves which status where is the table RECTIFICATION_WORKFLOW in domain/workflow.ts; work starts
 * once the assessment is reviewed (a field assessment's findings reach the enterprise with the issued report).
 * Due dates default by the finding's priority (RECTIFICATION_DUE_DAYS) from the day work could start, and a
 * confirmer may set another; the database keeps the result in rectifications.effective_due (migration 160), so the
 * lists (here and services/rectification-work.ts) and the dashboard count the same rows; overdue is decided against
 * the caller's clock. Every change is appended to rectification_history.
 * The enterprise's evidence files follow the answer evidence rules (services/evidence.ts).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { SessionUser } from '../domain/roles.js';
import { CATEGORY_LABELS, detectFileType, isMacroEnabledOffice, sanitizeFileName } from '../domain/file-type.js';
import { RECTIFICATION_STATUS_LABELS as RECTIFICATION_LABELS } from '../domain/vocabularies.js';
import {
  RECTIFICATION_OPEN_IN,
  RECTIFICATION_OWED,
  RECTIFICATION_WORKFLOW,
  isOverdue,
  rectificationSide,
} from '../domain/workflow.js';
import type {
  Rectification,
  RectificationBulk,
  RectificationChange,
  RectificationDue,
  RectificationEvidence,
} from '../schemas/rectifications.js';
import { HttpError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { getAssessment, requireResultsVisible, storedFindings, type AssessmentRow } from './assessments.js';
import { removeIfUnreferenced, storeFile } from './evidence.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';

export type { Rectification };

/** Files a rectification may carry; the size limit is the answer evidence's (EVIDENCE_MAX_BYTES). */
export const RECTIFICATION_MAX_FILES = 10;

/**
 * Why a rectification `r` is being worked on again, if it is: the note of its last status step (a due date's step is
 * none) when that step sent it back from rectified to in progress. The one rule for the single view and the work
 * list (services/rectification-work.ts); a step's old status is stored only where it is not the previous step's new
 * one ('open' before the first).
 */
export const RETURN_REASON_SQL = `CASE WHEN r.status = 'in_progress' THEN (
      SELECT CASE WHEN COALESCE(h.old_status, (SELECT p.new_status FROM rectification_history p
                    WHERE p.rectification_id = r.id AND p.seq < h.seq ORDER BY p.seq DESC LIMIT 1), 'open') = 'rectified' THEN h.note END
      FROM rectification_history h WHERE h.rectification_id = r.id AND h.due_date IS NULL ORDER BY h.seq DESC LIMIT 1) END`;

const SELECT = `SELECT r.id, r.assessment_id AS assessmentId, a.kind AS assessmentKind, a.enterprise_id AS enterpriseId,
    e.name AS enterpriseName, r.item_id AS itemId, r.section_id AS sectionId, r.priority, r.status, r.note,
    r.status_date AS statusDate, r.effective_due AS dueDate, r.due_date IS NOT NULL AS dueDateSet,
    r.updated_by AS updatedBy, r.updated_at AS updatedAt, r.confirmed_by AS confirmedBy, r.confirmed_at AS confirmedAt,
    ${RETURN_REASON_SQL} AS returnReason
  FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id`;

type Row = Omit<Rectification, 'finding' | 'history' | 'evidence' | 'overdue' | 'dueDateSet'> & { dueDateSet: number };

/** A step's old status is stored only where it is not the previous step's new one ('open' before the first). */
const HISTORY_SQL = `SELECT COALESCE(h.old_status, LAG(h.new_status, 1, 'open') OVER (ORDER BY h.seq)) AS oldStatus,
    h.new_status AS newStatus, h.note, h.due_date AS dueDate, h.user_id AS userId, u.display_name AS userName, h.changed_at AS changedAt
  FROM rectification_history h JOIN users u ON u.id = h.user_id WHERE h.rectification_id = ? ORDER BY h.seq`;

/**
 * Appends a step to a rectification's history, numbered after its last one (migration 183), its old status stored
 * only where it differs from the last step's new status.
 */
function appendStep(
  db: Db,
  id: number,
  step: { oldStatus: string; newStatus: string; note: string | null; dueDate?: string; userId: number; at: string },
): void {
  const last = statement(db, 'SELECT seq, new_status AS status FROM rectification_history WHERE rectification_id = ? ORDER BY seq DESC LIMIT 1')
    .get(id) as { seq: number; status: string } | undefined;
  statement(
    db,
    `INSERT INTO rectification_history (rectification_id, seq, old_status, new_status, note, due_date, user_id, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, (last?.seq ?? 0) + 1, step.oldStatus === (last?.status ?? 'open') ? null : step.oldStatus, step.newStatus, step.note,
    step.dueDate ?? null, step.userId, step.at);
}

const EVIDENCE_SQL = `SELECT id, rectification_id AS rectificationId, file_name AS fileName, mime, size, sha256,
    uploaded_by AS uploadedBy, uploaded_at AS uploadedAt FROM rectification_evidence`;

function withDetails(db: Db, r: Row, today: string): Rectification {
  const f = storedFindings(db, r.assessmentId).get(r.itemId);
  const history = statement(db, HISTORY_SQL).all(r.id) as Rectification['history'];
  const steps = history.filter((h) => h.dueDate === null);
  // The note and the acceptance are the history's unless the row holds its own (migration 153).
  const accepted = steps.filter((h) => h.newStatus === 'accepted').at(-1);
  return {
    ...r,
    note: r.note ?? steps.filter((h) => h.note !== null).at(-1)?.note ?? null,
    confirmedBy: r.confirmedBy ?? accepted?.userId ?? null,
    confirmedAt: r.confirmedAt ?? accepted?.changedAt ?? null,
    dueDateSet: r.dueDateSet === 1,
    overdue: isOverdue(r.status, r.dueDate, today),
    finding: f
      ? {
          label: f.label,
          problem: f.problem,
          recommendation: f.recommendation,
          priority: f.priority,
          redline: f.redline,
          refs: f.refs,
          ...(f.riskLevel && { riskLevel: f.riskLevel }),
        }
      : null,
    evidence: statement(db, `${EVIDENCE_SQL} WHERE rectification_id = ? ORDER BY id`).all(r.id) as RectificationEvidence[],
    history,
  };
}

const today = (now: string) => now.slice(0, 10);

/** The findings of one assessment and their rectification. */
export function listRectifications(db: Db, user: SessionUser, assessmentId: number, now: string): Rectification[] {
  requireResultsVisible(user, getAssessment(db, user, assessmentId));
  const rows = db.prepare(`${SELECT} WHERE r.assessment_id = ? ORDER BY r.id`).all(assessmentId) as Row[];
  return rows.map((r) => withDetails(db, r, today(now)));
}

/** Names a questionnaire section (the area of a finding) by its title in the current questionnaires. */
export function sectionTitler(registry: QuestionnaireRegistry): (sectionId: string) => string {
  return (sectionId) => {
    for (const q of registry.list()) {
      const s = q.sections.find((x) => x.id === sectionId);
      if (s) return s.title;
    }
    return sectionId;
  };
}

/** One rectification as the user may see it; 404 outside their scope. */
export function getRectification(db: Db, user: SessionUser, id: number, now: string): Rectification {
  located(db, user, id);
  return rectification(db, id, now);
}

function rectification(db: Db, id: number, now: string): Rectification {
  return withDetails(db, statement(db, `${SELECT} WHERE r.id = ?`).get(id) as Row, today(now));
}

/** The row and its assessment if the user may see both, results included; 404 otherwise. */
function located(db: Db, user: SessionUser, id: number): { row: Row; a: AssessmentRow } {
  const row = statement(db, `${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('整改项');
  let a: AssessmentRow;
  try {
    a = getAssessment(db, user, row.assessmentId);
  } catch {
    throw notFound('整改项');
  }
  requireResultsVisible(user, a);
  return { row, a };
}

function applyChange(db: Db, user: SessionUser, id: number, change: RectificationChange, now: string): void {
  const { row, a } = located(db, user, id);
  const rule = RECTIFICATION_WORKFLOW[row.status][change.status];
  if (!rule)
    throw conflict(`整改项当前为“${RECTIFICATION_LABELS[row.status]}”，不能改为“${RECTIFICATION_LABELS[change.status]}”`, { id });
  if (rule.side !== rectificationSide(user.role))
    throw forbidden(rule.side === 'enterprise' ? '整改进度由企业填报' : '整改结果需由诊断人员或主管部门确认');
  if (!RECTIFICATION_OPEN_IN.includes(a.status)) throw conflict('诊断审核通过后才能开始整改', { id });
  const note = change.note?.trim() || null;
  if (rule.noteRequired && !note)
    throw badRequest(change.status === 'rectified' ? '请填写整改情况说明' : '退回整改时请说明原因');
  const date = change.date ?? today(now);
  const confirming = change.status === 'accepted';
  // A note given, and an acceptance, are then the history's latest (withDetails reads them there).
  statement(
    db,
    `UPDATE rectifications SET status = ?, note = CASE WHEN ? THEN NULL ELSE note END, status_date = ?, updated_by = ?,
       updated_at = ?,
       confirmed_by = CASE WHEN ? THEN NULL ELSE confirmed_by END,
       confirmed_at = CASE WHEN ? THEN NULL ELSE confirmed_at END
     WHERE id = ?`,
  ).run(change.status, note === null ? 0 : 1, date, user.id, now, confirming ? 1 : 0, confirming ? 1 : 0, id);
  appendStep(db, id, { oldStatus: row.status, newStatus: change.status, note, userId: user.id, at: now });
}

export function updateRectification(db: Db, user: SessionUser, id: number, change: RectificationChange, now: string): Rectification {
  changeRectification(db, user, id, change, now);
  return rectification(db, id, now);
}

/** updateRectification without reading the row back, for writers that do not show it (the demo generator). */
export function changeRectification(db: Db, user: SessionUser, id: number, change: RectificationChange, now: string): void {
  db.transaction(() => applyChange(db, user, id, change, now)).immediate();
}

/**
 * A confirmer accepts several rectifications with one note, or sends them back with one reason: all or none (the
 * first refusal names the item and nothing is changed).
 */
export function bulkUpdateRectifications(db: Db, user: SessionUser, body: RectificationBulk, now: string): Rectification[] {
  const ids = [...new Set(body.ids)];
  db.transaction(() => {
    for (const id of ids) {
      try {
        applyChange(db, user, id, { status: body.status, ...(body.note !== undefined && { note: body.note }) }, now);
      } catch (err) {
        // Name the refused one among several; nothing of the batch is kept.
        if (err instanceof HttpError && ids.length > 1)
          throw new HttpError(err.statusCode, err.code, `整改项 ${id}：${err.message}；本次批量操作未做任何修改`, { id });
        throw err;
      }
    }
  }).immediate();
  return ids.map((id) => rectification(db, id, now));
}

/** A confirmer sets the due date (null: back to the priority's default); recorded in the history. */
export function setDueDate(db: Db, user: SessionUser, id: number, body: RectificationDue, now: string): Rectification {
  db.transaction(() => {
    const { row } = located(db, user, id);
    if (rectificationSide(user.role) !== 'confirmer') throw forbidden('整改期限由诊断人员或主管部门设定');
    if (row.status === 'accepted') throw conflict('已验收的整改项不能再修改期限');
    db.prepare('UPDATE rectifications SET due_date = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(body.dueDate, user.id, now, id);
    const effective = statement(db, 'SELECT effective_due FROM rectifications WHERE id = ?')
      .pluck()
      .get(id) as string | null;
    appendStep(db, id, {
      oldStatus: row.status,
      newStatus: row.status,
      note: body.note?.trim() || null,
      dueDate: effective ?? body.dueDate ?? '',
      userId: user.id,
      at: now,
    });
  }).immediate();
  return rectification(db, id, now);
}

// ---------- evidence ----------

/** The enterprise may attach files while the work is still its own (待整改 or 整改中). */
export function checkRectificationUpload(db: Db, user: SessionUser, id: number): void {
  const { row, a } = located(db, user, id);
  if (rectificationSide(user.role) !== 'enterprise') throw forbidden('整改佐证材料由企业上传');
  if (!RECTIFICATION_OPEN_IN.includes(a.status)) throw conflict('诊断审核通过后才能开始整改');
  if (!RECTIFICATION_OWED.includes(row.status))
    throw conflict(`整改项当前为“${RECTIFICATION_LABELS[row.status]}”，不能再上传佐证材料`);
}

export function uploadRectificationEvidence(
  db: Db,
  dataDir: string,
  user: SessionUser,
  id: number,
  file: { data: Buffer; fileName: string | undefined },
  now: string,
): { evidence: RectificationEvidence; created: boolean } {
  checkRectificationUpload(db, user, id);
  const type = detectFileType(file.data);
  const accepted = Object.values(CATEGORY_LABELS).join('、');
  if (isMacroEnabledOffice(file.data))
    throw new HttpError(415, 'macro_file', `含宏的 Office 文件（docm/xlsm/pptm）不能上传，请另存为不含宏的 docx/xlsx 后再上传；可上传：${accepted}`);
  if (!type) throw new HttpError(415, 'unsupported_file', `无法识别的文件类型；可上传：${accepted}`);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const fileName = sanitizeFileName(file.fileName, type);
  storeFile(dataDir, sha256, file.data);
  try {
    return db.transaction(() => {
      checkRectificationUpload(db, user, id);
      const existing = db.prepare(`${EVIDENCE_SQL} WHERE rectification_id = ? AND sha256 = ?`).get(id, sha256) as RectificationEvidence | undefined;
      if (existing) return { evidence: existing, created: false };
      const count = db.prepare('SELECT COUNT(*) FROM rectification_evidence WHERE rectification_id = ?').pluck().get(id) as number;
      if (count >= RECTIFICATION_MAX_FILES) throw conflict(`每个整改项最多上传 ${RECTIFICATION_MAX_FILES} 个佐证材料，请先删除不需要的文件`);
      const { lastInsertRowid } = db
        .prepare(
          'INSERT INTO rectification_evidence (rectification_id, sha256, file_name, mime, size, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, sha256, fileName, type.mime, file.data.length, user.id, now);
      return { evidence: db.prepare(`${EVIDENCE_SQL} WHERE id = ?`).get(Number(lastInsertRowid)) as RectificationEvidence, created: true };
    }).immediate();
  } catch (err) {
    removeIfUnreferenced(db, dataDir, sha256);
    throw err;
  }
}

/** The file's record if the user may see its rectification; 404 otherwise. */
export function getRectificationEvidence(db: Db, user: SessionUser, evidenceId: number): RectificationEvidence {
  const e = db.prepare(`${EVIDENCE_SQL} WHERE id = ?`).get(evidenceId) as RectificationEvidence | undefined;
  if (!e) throw notFound('附件');
  try {
    located(db, user, e.rectificationId);
  } catch {
    throw notFound('附件');
  }
  return e;
}

export function deleteRectificationEvidence(db: Db, dataDir: string, user: SessionUser, evidenceId: number): void {
  const sha256 = db.transaction(() => {
    const e = getRectificationEvidence(db, user, evidenceId);
    checkRectificationUpload(db, user, e.rectificationId);
    db.prepare('DELETE FROM rectification_evidence WHERE id = ?').run(evidenceId);
    return e.sha256;
  }).immediate();
  removeIfUnreferenced(db, dataDir, sha256);
}
