/**
 * A large city's copied stories (`storiesPerKind`, server/demo/clone.ts): each copy is its enterprise's own (name,
 * credit code, district, people), complete in every table an assessment has rows in, scored as the scorer scores its
 * answers, with an answer batch whose hash is that of its own content, and the summary tables agree with the raw ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAnswerValue, decodeBasis } from '../../server/db/answer-value.js';
import type { Db } from '../../server/db/open.js';
import { loadDemoData, type DemoSummary } from '../../server/demo/generate.js';
import { score } from '../../server/domain/scoring/index.js';
import { batchContentHash } from '../../server/services/answers.js';
import { scoringInput, storedScore } from '../../server/services/assessments.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectDashboardSummariesMatch, expectLoopSummariesMatch } from '../helpers/summaries.js';

/** Enterprises per field diagnostician: a city of this size then has more diagnosticians than districts. */
const PER_DIAGNOSTICIAN = 6;
const apps: TestApp[] = [];
let t: TestApp;
let db: Db;
let summary: DemoSummary;

async function city(storiesPerKind: number) {
  const app = await createTestApp();
  apps.push(app);
  // Staffed as a large city is (a work group per district), at this city's size.
  const s = await loadDemoData(app.app.db, app.app.questionnaires, { seed: 3, scale: 0.5, campaigns: 3, storiesPerKind, perDiagnostician: PER_DIAGNOSTICIAN });
  return { app, summary: s! };
}

beforeAll(async () => {
  ({ app: t, summary } = await city(1));
  db = t.app.db;
}, 300_000);
afterAll(async () => {
  for (const a of apps) await a.close();
});

/** Each enterprise's story as the dates and states of its assessments: a copy tells the same one as its original. */
function stories(): Map<string, number[]> {
  const rows = db
    .prepare(
      `SELECT enterprise_id AS e, group_concat(kind || status || variant || created_at || COALESCE(issued_at, ''), '|') AS story
       FROM (SELECT * FROM assessments ORDER BY id) GROUP BY enterprise_id ORDER BY enterprise_id`,
    )
    .all() as { e: number; story: string }[];
  const byStory = new Map<string, number[]>();
  for (const r of rows) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r.e]);
  return byStory;
}

describe('a city of copied stories', () => {
  it('copies one story per industry and size to the other enterprises of that kind, and counts what it wrote', () => {
    const kinds = db.prepare('SELECT COUNT(DISTINCT industry_code || size) FROM enterprises WHERE refused = 0').pluck().get() as number;
    const told = stories();
    const withStory = [...told.values()].reduce((n, es) => n + es.length, 0);
    // The demo enterprise's own story is told apart from its kind's.
    expect(told.size).toBeLessThanOrEqual(kinds + 1);
    expect(withStory).toBeGreaterThan(3 * told.size);
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    for (const status of ['draft', 'submitted', 'reviewed', 'issued'] as const)
      expect(summary.assessments[status]).toBe(count(`SELECT COUNT(*) FROM assessments WHERE status = '${status}'`));
    expect(summary.rectifications).toBe(count('SELECT COUNT(*) FROM rectifications'));
  });

  it('writes a copy in every table its original has rows in, row for row', () => {
    const tables = (db.prepare(`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'assessment_id'`).pluck().all() as string[])
      // The summaries follow through their triggers; they are checked below.
      .filter((name) => !['finding_counts', 'score_facts'].includes(name));
    expect(tables).toEqual(expect.arrayContaining(['answers', 'answer_batches', 'answer_history', 'assessment_events', 'scores', 'rectifications']));
    const perAssessment = (enterprise: number) =>
      (db.prepare('SELECT id FROM assessments WHERE enterprise_id = ? ORDER BY id').pluck().all(enterprise) as number[]).map((a) => [
        ...tables.map((name) => db.prepare(`SELECT COUNT(*) FROM ${name} WHERE assessment_id = ?`).pluck().get(a)),
        db.prepare('SELECT COUNT(*) FROM rectification_history h JOIN rectifications r ON r.id = h.rectification_id WHERE r.assessment_id = ?').pluck().get(a),
      ]);
    let compared = 0;
    for (const [original, ...copies] of stories().values())
      for (const copy of copies) {
        expect(perAssessment(copy)).toEqual(perAssessment(original));
        compared++;
      }
    expect(compared).toBeGreaterThan(50);
  });

  it("holds each enterprise's own name, credit code and district in its profile answers", () => {
    const wrong = db
      .prepare(
        `SELECT a.id, k.item_id, n.value FROM answers n JOIN item_keys k ON k.id = n.item JOIN assessments a ON a.id = n.assessment_id
           JOIN enterprises e ON e.id = a.enterprise_id JOIN districts d ON d.id = e.district_id
         WHERE (k.item_id = 'profile.name' AND n.value <> json_quote(e.name))
            OR (k.item_id = 'profile.credit_code' AND n.value <> json_quote(e.credit_code))
            OR (k.item_id = 'profile.district' AND n.value <> json_quote(d.code))`,
      )
      .all();
    expect(wrong).toEqual([]);
    const answered = db.prepare(`SELECT COUNT(DISTINCT n.value) FROM answers n JOIN item_keys k ON k.id = n.item WHERE k.item_id = 'profile.name'`).pluck().get();
    expect(answered).toBe(db.prepare('SELECT COUNT(DISTINCT enterprise_id) FROM assessments').pluck().get());
  });

  it('names as authors only people who may act for the enterprise', () => {
    const rows = (sql: string) => db.prepare(sql).all();
    // A field diagnosis by the enterprise's assigned diagnostician, reviewed by its district's officer.
    expect(rows(`SELECT a.id FROM assessments a WHERE a.kind = 'field'
                   AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.user_id = a.created_by AND s.enterprise_id = a.enterprise_id)`)).toEqual([]);
    expect(rows(`SELECT a.id FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id JOIN users u ON u.id = a.reviewed_by
                 WHERE a.kind = 'field' AND (u.role <> 'district' OR u.district_id <> e.district_id)`)).toEqual([]);
    // A self-assessment by the enterprise's own account, reviewed by its diagnostician.
    expect(rows(`SELECT a.id FROM assessments a JOIN users u ON u.id = a.created_by WHERE a.kind = 'self' AND u.enterprise_id IS NOT a.enterprise_id`)).toEqual([]);
    expect(rows(`SELECT a.id FROM assessments a WHERE a.kind = 'self' AND a.reviewed_by IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.user_id = a.reviewed_by AND s.enterprise_id = a.enterprise_id)`)).toEqual([]);
    // Rectification steps by the enterprise or its diagnostician; every event and batch by one of its people.
    const people = `(u.enterprise_id = a.enterprise_id OR u.role IN ('bureau', 'district')
                     OR EXISTS (SELECT 1 FROM assignments s WHERE s.user_id = u.id AND s.enterprise_id = a.enterprise_id))`;
    expect(rows(`SELECT h.rectification_id FROM rectification_history h JOIN rectifications r ON r.id = h.rectification_id
                   JOIN assessments a ON a.id = r.assessment_id JOIN users u ON u.id = h.user_id WHERE NOT ${people}`)).toEqual([]);
    expect(rows(`SELECT v.id FROM assessment_events v JOIN assessments a ON a.id = v.assessment_id JOIN users u ON u.id = v.user_id WHERE NOT ${people}`)).toEqual([]);
    expect(rows(`SELECT b.assessment_id FROM answer_batches b JOIN assessments a ON a.id = b.assessment_id JOIN users u ON u.id = b.user_id WHERE NOT ${people}`)).toEqual([]);
    expect(rows(`SELECT r.id FROM rectifications r JOIN assessments a ON a.id = r.assessment_id WHERE r.enterprise_id IS NOT a.enterprise_id`)).toEqual([]);
  });

  it('stores scores that recompute equal from the copied answers', () => {
    const rows = db.prepare(`SELECT s.assessment_id AS id, a.questionnaire_id AS qid, a.questionnaire_version AS qv FROM scores s JOIN assessments a ON a.id = s.assessment_id`).all() as {
      id: number;
      qid: string;
      qv: string;
    }[];
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const { answers, options } = scoringInput(db, r.id);
      expect(score(t.app.questionnaires.get(r.qid, r.qv)!, answers, options)).toEqual(storedScore(db, r.id));
    }
  });

  it('keeps with each answer batch the hash of its own content, so a replay is recognised', () => {
    const batches = db.prepare('SELECT assessment_id AS id, batch_id AS batchId, content_sha256 AS hash FROM answer_batches').all() as { id: number; batchId: string; hash: string }[];
    const answers = db.prepare('SELECT k.item_id AS itemId, n.value, n.basis FROM answers n JOIN item_keys k ON k.id = n.item WHERE n.assessment_id = ? ORDER BY k.item_id');
    for (const b of batches) {
      // The generated batch is the assessment's only one: every stored answer, in item order, with its basis.
      const sent = (answers.all(b.id) as { itemId: string; value: string | Buffer; basis: number | null }[]).map((a) => ({
        itemId: a.itemId,
        value: JSON.parse(decodeAnswerValue(a.value)),
        ...(a.basis !== null && { basis: decodeBasis(a.basis)! }),
      }));
      expect(b.batchId).toBe(`demo-${b.id}`);
      expect(batchContentHash({ batchId: b.batchId, baseVersion: 0, answers: sent })).toBe(b.hash);
    }
  });

  it('keeps the summary tables equal to the tables they summarise', () => {
    expectDashboardSummariesMatch(db);
    expect(expectLoopSummariesMatch(db).length).toBeGreaterThan(0);
  });

  it('is staffed by one field diagnostician per so many enterprises, each serving one district', () => {
    const staff = db
      .prepare(
        `SELECT u.username, COUNT(*) AS carried, COUNT(DISTINCT e.district_id) AS districts
         FROM users u JOIN assignments s ON s.user_id = u.id JOIN enterprises e ON e.id = s.enterprise_id
         WHERE u.role = 'diagnostician' GROUP BY u.id`,
      )
      .all() as { username: string; carried: number; districts: number }[];
    const accounts = db.prepare(`SELECT COUNT(*) FROM users WHERE role = 'diagnostician' AND username LIKE 'demo-diag-%'`).pluck().get();
    expect(accounts).toBe(Math.ceil(summary.enterprises / PER_DIAGNOSTICIAN));
    const field = staff.filter((u) => u.username.startsWith('demo-diag-'));
    expect(field.length).toBeGreaterThan(18);
    for (const u of field) expect(u.districts, u.username).toBe(1);
    expect(staff.find((u) => u.username === 'demo-diagnostician')!.carried).toBeLessThanOrEqual(PER_DIAGNOSTICIAN);
  });

  it('is the same city for the same seed', async () => {
    const again = await city(1);
    const content = (d: Db) =>
      [
        'SELECT enterprise_id, kind, status, created_by, reviewed_by, created_at FROM assessments ORDER BY id',
        'SELECT assessment_id, item, value FROM answers ORDER BY assessment_id, item',
        'SELECT id, assessment_id, item_id, status FROM rectifications ORDER BY id',
      ].map((sql) => d.prepare(sql).raw().all());
    expect(content(again.app.app.db)).toEqual(content(db));
  }, 300_000);
});
