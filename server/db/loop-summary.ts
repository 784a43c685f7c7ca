/**
 * Fills owed_due (migration 095): owed rectifications of issued assessments per district and effective due date.
 * Migration 095 creates the table and the triggers that keep it; this fill reads the due date and priority columns
 * that migration 100 adds, which on a new database runs after 095, so it runs once every pending migration has.
 * The due date is the rule of services/rectifications.ts (`dueDateSql`) from the same constants.
 */
import { RECTIFICATION_DUE_DAYS, RECTIFICATION_OWED, type FindingPriority } from '../domain/workflow.js';
import type { Db } from './open.js';

const days = `(CASE r.priority ${(Object.entries(RECTIFICATION_DUE_DAYS) as [FindingPriority, number][])
  .map(([p, d]) => `WHEN '${p}' THEN ${d}`)
  .join(' ')} ELSE ${RECTIFICATION_DUE_DAYS.medium} END)`;
const due = `COALESCE(r.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || ${days} || ' days'))`;

export function fillOwedDue(db: Db): void {
  db.exec(`DELETE FROM owed_due;
    INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, ${due}, COUNT(*) FROM rectifications r JOIN assessments a ON a.id = r.assessment_id
    JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.status = 'issued' AND r.status IN (${RECTIFICATION_OWED.map((s) => `'${s}'`).join(', ')}) AND ${due} IS NOT NULL
    GROUP BY 1, 2`);
}
