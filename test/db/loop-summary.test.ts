/**
 * The closing-the-loop summaries of migrations 160, 164, 185 and 189 (owed_due, rectification_tally,
 * enterprise_tally, rectification_areas) agree with the raw tables, with the rectification lists' own due dates, after every kind of
 * write: findings opened, moved on, given a due date, re-prioritised and removed; assessments issued; enterprises
 * moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../helpers/app.js';
import { buildFixture, CLOCK, type Fixture } from '../routes/dashboard/fixture.js';
import { expectLoopSummariesMatch } from '../helpers/summaries.js';

let t: TestApp;
let fx: Fixture;

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  fx = buildFixture(t.app, loginAs(t.app, 'bureau').user.id);
});
afterAll(() => t.close());

const FROM = 'FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id';
const compare = () => expectLoopSummariesMatch(t.app.db);

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
    // A finding inserted with its facts, as the scale generator's copies are (migration 187): right ones are kept,
    // wrong ones corrected, and the tallies count each once, where its facts put it.
    db.prepare(
      `INSERT INTO rectifications (assessment_id, item_id, priority, work_start, stage, district_id, enterprise_id)
       SELECT assessment_id, 'loop-facts-right', 'high', work_start, stage, district_id, enterprise_id FROM rectification_facts WHERE assessment_id = ?`,
    ).run(target);
    db.prepare(
      `INSERT INTO rectifications (assessment_id, item_id, priority, work_start, stage, district_id, enterprise_id)
       VALUES (?, 'loop-facts-wrong', 'low', '2020-01-01', 'issued', 999, 999)`,
    ).run(target);
    compare();
    const facts = db.prepare('SELECT work_start, stage, district_id, enterprise_id FROM rectification_facts WHERE assessment_id = ?').get(target);
    for (const item of ['loop-facts-right', 'loop-facts-wrong'])
      expect(db.prepare('SELECT work_start, stage, district_id, enterprise_id FROM rectifications WHERE item_id = ?').get(item)).toEqual(facts);
  });
});
