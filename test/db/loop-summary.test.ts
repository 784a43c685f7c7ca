/**
 * The closing-the-loop summaries of migrations 095, 160, 164 and 185 (district_findings, owed_due, rectification_tally,
 * enterprise_tally, rectification_areas) agree with the raw tables, with the rectification lists' own due dates, after every kind of
 * write: findings opened, moved on, given a due date, re-prioritised and removed; assessments issued; enterprises
 * moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../helpers/app.js';
import { buildFixture, CLOCK, type Fixture } from '../routes/dashboard/fixture.js';

let t: TestApp;
let fx: Fixture;

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  fx = buildFixture(t.app, loginAs(t.app, 'bureau').user.id);
});
afterAll(() => t.close());

const FROM = 'FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id';

function compare() {
  const db = t.app.db;
  const q = (sql: string) => db.prepare(sql).all();
  expect(q('SELECT district_id, status, n FROM district_findings WHERE n <> 0 ORDER BY 1, 2')).toEqual(
    q(`SELECT e.district_id, r.status, COUNT(*) AS n ${FROM} GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  const owed = q('SELECT district_id, due_on, n FROM owed_due WHERE n <> 0 ORDER BY 1, 2');
  expect(owed).toEqual(
    q(`SELECT e.district_id, r.effective_due AS due_on, COUNT(*) AS n ${FROM}
       WHERE a.status = 'issued' AND r.status IN ('open', 'in_progress') AND r.effective_due IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  expect(q('SELECT district_id, status, priority, section_id, dated, n FROM rectification_tally WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5')).toEqual(
    q(`SELECT e.district_id, r.status, COALESCE(r.priority, '') AS priority, COALESCE(r.section_id, '') AS section_id,
         r.effective_due IS NOT NULL AS dated, COUNT(*) AS n ${FROM}
       WHERE a.status IN ('reviewed', 'issued') GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(q('SELECT enterprise_id, status, dated, n FROM enterprise_tally WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
    q(`SELECT a.enterprise_id, r.status, r.effective_due IS NOT NULL AS dated, COUNT(*) AS n ${FROM}
       WHERE a.status IN ('reviewed', 'issued') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  );
  // Migration 185: per district and section, the rows of the tally that count findings.
  expect(q('SELECT district_id, section_id, tallies FROM rectification_areas WHERE tallies <> 0 ORDER BY 1, 2')).toEqual(
    q(`SELECT district_id, section_id, COUNT(*) AS tallies FROM (
         SELECT DISTINCT e.district_id, COALESCE(r.section_id, '') AS section_id, r.status, COALESCE(r.priority, ''), r.effective_due IS NOT NULL
         ${FROM} WHERE a.status IN ('reviewed', 'issued')) GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  return owed;
}

describe('closing-the-loop summaries', () => {
  it('match the raw tables after the fixture is built, with overdue work in it', () => {
    expect(compare().length).toBeGreaterThan(0);
  });

  it('follow status, due date and priority changes, removals, an issued report and an enterprise moving district', () => {
    const db = t.app.db;
    const ids = db.prepare(`SELECT r.id ${FROM} WHERE a.status = 'issued' ORDER BY r.id`).pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(3);
    db.prepare(`UPDATE rectifications SET status = 'in_progress' WHERE id = ?`).run(ids[0]);
    db.prepare(`UPDATE rectifications SET status = 'accepted' WHERE id = ?`).run(ids[1]);
    db.prepare(`UPDATE rectifications SET due_date = '2030-01-01' WHERE id = ?`).run(ids[2]);
    db.prepare(`UPDATE rectifications SET priority = 'high' WHERE id = ?`).run(ids[3]);
    compare();
    db.prepare('DELETE FROM rectifications WHERE id = ?').run(ids[0]);
    compare();
    // A reviewed assessment issued: its owed findings start counting from the issue date.
    const reviewed = db.prepare(`SELECT a.id FROM assessments a WHERE a.status <> 'issued' AND EXISTS (SELECT 1 FROM rectifications r WHERE r.assessment_id = a.id)`).pluck().get() as number | undefined;
    const target = reviewed ?? (db.prepare(`SELECT id FROM assessments WHERE status <> 'issued' LIMIT 1`).pluck().get() as number);
    if (reviewed === undefined) db.prepare(`INSERT INTO rectifications (assessment_id, item_id, priority) VALUES (?, 'loop-test', 'low')`).run(target);
    db.prepare(`UPDATE assessments SET status = 'issued', issued_at = '2025-06-01T00:00:00.000Z' WHERE id = ?`).run(target);
    compare();
    db.prepare(`UPDATE enterprises SET district_id = ? WHERE id = ?`).run(districtId(t.app, '南关区'), fx.e[0]);
    compare();
  });
});
