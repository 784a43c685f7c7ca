/**
 * Rectification (整改) of the findings of a submitted assessment. Who moves which status where is the table
 * RECTIFICATION_WORKFLOW in domain/workflow.ts; work starts once the assessment is reviewed. Every change is
 * appended to rectification_history.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { FindingEntry } from '../domain/scoring/types.js';
import type { SessionUser } from '../domain/roles.js';
import { RECTIFICATION_STATUS_LABELS as RECTIFICATION_LABELS } from '../domain/vocabularies.js';
import { RECTIFICATION_OPEN_IN, RECTIFICATION_WORKFLOW, rectificationSide } from '../domain/workflow.js';
import type { Rectification, RectificationChange } from '../schemas/rectifications.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { getAssessment, requireResultsVisible, storedScore } from './assessments.js';

export type { Rectification };

const SELECT = `SELECT id, assessment_id AS assessmentId, item_id AS itemId, status, note, status_date AS statusDate,
  updated_by AS updatedBy, updated_at AS updatedAt, confirmed_by AS confirmedBy, confirmed_at AS confirmedAt FROM rectifications`;

type Row = Omit<Rectification, 'finding' | 'history'>;

const HISTORY_SQL = `SELECT h.old_status AS oldStatus, h.new_status AS newStatus, h.note, h.user_id AS userId,
    u.display_name AS userName, h.changed_at AS changedAt
  FROM rectification_history h JOIN users u ON u.id = h.user_id WHERE h.rectification_id = ? ORDER BY h.id`;


function withDetails(db: Db, r: Row, f: FindingEntry | undefined): Rectification {
  return {
    ...r,
    finding: f
      ? { label: f.label, problem: f.problem, recommendation: f.recommendation, priority: f.priority, redline: f.redline, ...(f.riskLevel && { riskLevel: f.riskLevel }) }
      : null,
    history: statement(db, HISTORY_SQL).all(r.id) as Rectification['history'],
  };
}

export function listRectifications(db: Db, user: SessionUser, assessmentId: number): Rectification[] {
  requireResultsVisible(user, getAssessment(db, user, assessmentId));
  const rows = db.prepare(`${SELECT} WHERE assessment_id = ? ORDER BY id`).all(assessmentId) as Row[];
  const findings = new Map((storedScore(db, assessmentId)?.findings ?? []).map((f) => [f.itemId, f]));
  return rows.map((r) => withDetails(db, r, findings.get(r.itemId)));
}

/** One rectification with its finding, read from the stored score by SQLite without parsing the whole result. */
function rectification(db: Db, id: number): Rectification {
  const r = statement(db, `${SELECT} WHERE id = ?`).get(id) as Row;
  const finding = statement(
    db,
    `SELECT f.value FROM scores s, json_each(s.result, '$.findings') f
     WHERE s.assessment_id = ? AND json_extract(f.value, '$.itemId') = ?`,
  )
    .pluck()
    .get(r.assessmentId, r.itemId) as string | undefined;
  return withDetails(db, r, finding === undefined ? undefined : (JSON.parse(finding) as FindingEntry));
}

export function updateRectification(
  db: Db,
  user: SessionUser,
  id: number,
  change: RectificationChange,
  now: string,
): Rectification {
  db.transaction(() => {
    const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw notFound('整改项');
    let a;
    try {
      a = getAssessment(db, user, row.assessmentId);
    } catch {
      throw notFound('整改项');
    }
    requireResultsVisible(user, a);
    const rule = RECTIFICATION_WORKFLOW[row.status][change.status];
    if (!rule)
      throw conflict(`整改项当前为“${RECTIFICATION_LABELS[row.status]}”，不能改为“${RECTIFICATION_LABELS[change.status]}”`);
    if (rule.side !== rectificationSide(user.role))
      throw forbidden(rule.side === 'enterprise' ? '整改进度由企业填报' : '整改结果需由诊断人员或主管部门确认');
    if (!RECTIFICATION_OPEN_IN.includes(a.status)) throw conflict('诊断审核通过后才能开始整改');
    const note = change.note?.trim() || null;
    if (rule.noteRequired && !note)
      throw badRequest(change.status === 'rectified' ? '请填写整改情况说明' : '退回整改时请说明原因');
    const date = change.date ?? now.slice(0, 10);
    const confirming = change.status === 'accepted';
    db.prepare(
      `UPDATE rectifications SET status = ?, note = COALESCE(?, note), status_date = ?, updated_by = ?,
         updated_at = ?,
         confirmed_by = CASE WHEN ? THEN ? ELSE confirmed_by END,
         confirmed_at = CASE WHEN ? THEN ? ELSE confirmed_at END
       WHERE id = ?`,
    ).run(change.status, note, date, user.id, now, confirming ? 1 : 0, user.id, confirming ? 1 : 0, now, id);
    db.prepare('INSERT INTO rectification_history (rectification_id, old_status, new_status, note, user_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, row.status, change.status, note, user.id, now);
  }).immediate();
  return rectification(db, id);
}
