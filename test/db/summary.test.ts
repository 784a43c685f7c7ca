/**
 * The summary tables of migrations 090, 092 and 162 agree with the tables they summarise after every kind of write the product
 * makes: enterprises added, refused and moved; assessments created, issued, reopened; scores upserted and deleted;
 * findings opened, moved on and removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../helpers/app.js';
import { buildFixture, CLOCK, type Fixture } from '../routes/dashboard/fixture.js';
import { expectDashboardSummariesMatch } from '../helpers/summaries.js';

let t: TestApp;
let fx: Fixture;

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  fx = buildFixture(t.app, loginAs(t.app, 'bureau').user.id);
});
afterAll(() => t.close());

const compare = () => expectDashboardSummariesMatch(t.app.db);

describe('summary tables', () => {
  it('match the raw tables after the fixture is built', () => compare());

  it('follow an enterprise re-scored and one moving district among other diagnosed enterprises', () => {
    const db = t.app.db;
    const [e1, , , , e5] = fx.e;
    const latest = (e: number) =>
      db.prepare("SELECT id FROM assessments WHERE enterprise_id = ? AND status = 'issued' ORDER BY issued_at DESC LIMIT 1").pluck().get(e) as number;
    const rescore = (e: number, summary: object) =>
      db.prepare(`UPDATE scores SET risk_level = 'medium', result = ? WHERE assessment_id = ?`).run(JSON.stringify({ summary }), latest(e));
    // e5 joins e1's district, then each is re-scored while the other's figures stay counted there.
    db.prepare('UPDATE enterprises SET district_id = (SELECT district_id FROM enterprises WHERE id = ?) WHERE id = ?').run(e1, e5);
    compare();
    rescore(e5, { redlines: 1, classificationDone: true, catalogueFiled: false, candidatesHeld: true });
    compare();
    rescore(e1, { redlines: 3, classificationDone: false, catalogueFiled: true, candidatesHeld: false, keyEnterpriseCandidate: true });
    compare();
    db.prepare('UPDATE enterprises SET district_id = ? WHERE id = ?').run(districtId(t.app, '南关区'), e5);
    compare();
  });

  it('follow score upserts, reopening, removed findings and an enterprise moving district', () => {
    const db = t.app.db;
    const [e1, , , , e5] = fx.e;
    const a1 = db.prepare("SELECT id FROM assessments WHERE enterprise_id = ? AND status = 'issued'").pluck().get(e1) as number;
    // Re-scoring upserts the score (the path the rescore command takes).
    db.prepare(
      `INSERT INTO scores (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result) VALUES (?, 'test', '0', 'test', 'test', 0, 'medium', 4, 4, ?)
       ON CONFLICT (assessment_id) DO UPDATE SET risk_level = excluded.risk_level, maturity_level = excluded.maturity_level, result = excluded.result`,
    ).run(a1, JSON.stringify({ summary: { redlines: 5, classificationDone: false, catalogueFiled: true, candidatesHeld: false } }));
    db.prepare(`INSERT INTO rectifications (assessment_id, item_id) VALUES (?, 'A') ON CONFLICT (assessment_id, item_id) DO NOTHING`).run(a1);
    db.prepare(`INSERT INTO rectifications (assessment_id, item_id) VALUES (?, 'D') ON CONFLICT (assessment_id, item_id) DO NOTHING`).run(a1);
    compare();
    expect(db.prepare('SELECT risk_level, maturity_level FROM enterprise_summary WHERE enterprise_id = ?').get(e1)).toEqual({ risk_level: 'medium', maturity_level: 4 });
    expect(db.prepare('SELECT redlines, catalogue_filed FROM score_facts WHERE assessment_id = ?').get(a1)).toEqual({ redlines: 5, catalogue_filed: 1 });
    // A new assessment of a diagnosed enterprise rewrites its summary row: its report's facts leave and come back.
    const diagnosed = db.prepare(`SELECT enterprise_id FROM enterprise_summary WHERE diagnosis_status = 'diagnosed'`).pluck().all();
    for (const e of diagnosed)
      db.prepare(
        `INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, created_by)
         VALUES (?, 'self', 'draft', 'test', '0', (SELECT MIN(id) FROM users))`,
      ).run(e);
    compare();
    // Reopening withdraws the report: findings and score go, the enterprise is back in progress.
    db.prepare("UPDATE assessments SET status = 'draft', issued_at = NULL WHERE id = ?").run(a1);
    db.prepare('DELETE FROM rectifications WHERE assessment_id = ?').run(a1);
    db.prepare('DELETE FROM scores WHERE assessment_id = ?').run(a1);
    compare();
    expect(db.prepare('SELECT diagnosis_status FROM enterprise_summary WHERE enterprise_id = ?').pluck().get(e1)).toBe('in_progress');
    db.prepare('UPDATE enterprises SET district_id = ? WHERE id = ?').run(districtId(t.app, '朝阳区'), e5);
    compare();
    db.prepare("UPDATE rectifications SET status = 'accepted' WHERE status <> 'accepted'").run();
    compare();
    expect(() => db.prepare("UPDATE rectifications SET item_id = 'Z'").run()).toThrow(/keeps its item/);
  });
});
