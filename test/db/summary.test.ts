/**
 * The summary tables of migrations 090, 092 and 162 agree with the tables they summarise after every kind of write the product
 * makes: enterprises added, refused and moved; assessments created, issued, reopened; scores upserted and deleted;
 * findings opened, moved on and removed.
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

/** Each summary as stored, and as recomputed from the raw tables. */
function compare() {
  const db = t.app.db;
  const q = (sql: string) => db.prepare(sql).all();
  expect(q('SELECT * FROM finding_counts ORDER BY assessment_id, status')).toEqual(
    q(`SELECT assessment_id, status, COUNT(*) AS n FROM rectifications GROUP BY assessment_id, status ORDER BY assessment_id, status`),
  );
  expect(q('SELECT district_id, item_id, enterprises, findings FROM item_counts ORDER BY district_id, item_id')).toEqual(
    q(`SELECT e.district_id, r.item_id, COUNT(DISTINCT a.enterprise_id) AS enterprises, COUNT(*) AS findings
       FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id
       GROUP BY e.district_id, r.item_id ORDER BY e.district_id, r.item_id`),
  );
  expect(q('SELECT enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level FROM enterprise_summary ORDER BY enterprise_id')).toEqual(
    q(`SELECT e.id AS enterprise_id, e.district_id, e.industry_code,
         CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
              WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress' ELSE 'not_started' END AS diagnosis_status,
         (SELECT MIN(issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued') AS first_issued_at,
         li.id AS assessment_id, s.risk_level, s.maturity_level
       FROM enterprises e
       LEFT JOIN assessments li ON li.id = (SELECT id FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued' ORDER BY issued_at DESC, id DESC LIMIT 1)
       LEFT JOIN scores s ON s.assessment_id = li.id ORDER BY e.id`),
  );
  const facts = (db.prepare('SELECT assessment_id, result FROM scores ORDER BY assessment_id').all() as { assessment_id: number; result: string }[])
    .map(({ assessment_id, result }) => {
      const s = JSON.parse(result).summary ?? {};
      const flag = (v: boolean | undefined) => (v === undefined ? null : Number(v));
      return { assessment_id, redlines: s.redlines ?? null, classification_done: flag(s.classificationDone), catalogue_filed: flag(s.catalogueFiled), candidates_held: flag(s.candidatesHeld), key_candidate: flag(s.keyEnterpriseCandidate) };
    });
  expect(q('SELECT * FROM score_facts ORDER BY assessment_id')).toEqual(facts);
  expect(q('SELECT district_id, industry_code, risk_level, maturity_level, n FROM level_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
    q(`SELECT district_id, industry_code, COALESCE(risk_level, '') AS risk_level, COALESCE(maturity_level, -1) AS maturity_level, COUNT(*) AS n
       FROM enterprise_summary WHERE diagnosis_status = 'diagnosed' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
  );
  expect(q('SELECT * FROM readiness_counts WHERE diagnosed <> 0 ORDER BY district_id')).toEqual(
    q(`SELECT s.district_id, COUNT(*) AS diagnosed, SUM(COALESCE(f.redlines, 0) > 0) AS with_redlines, SUM(COALESCE(f.redlines, 0)) AS redlines,
         SUM(COALESCE(f.classification_done, 0)) AS classification_done, SUM(COALESCE(f.catalogue_filed, 0)) AS catalogue_filed,
         SUM(COALESCE(f.candidates_held, 0)) AS candidates_held, SUM(COALESCE(f.key_candidate, 0)) AS key_candidates
       FROM enterprise_summary s LEFT JOIN score_facts f ON f.assessment_id = s.assessment_id
       WHERE s.diagnosis_status = 'diagnosed' GROUP BY s.district_id ORDER BY s.district_id`),
  );
}

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
