/**
 * Migrations 141, 152 and 179: answers kept by their key alone (141), who wrote each and when read from its batch
 * (152), the item named by its number in item_keys (179), with every row, value, basis, author and time as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { storedAnswers } from '../../server/services/assessments.js';
import { assessmentAt, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

/** Every answer with who wrote it and when, as the columns of the layout before 152 held them. */
type Written = { assessment_id: number; item_id: string; value: string; updated_by: number; updated_at: string; basis: number | null };
const written = () =>
  w.app.db
    .prepare(
      `SELECT v.assessment_id, k.item_id, v.value, COALESCE(v.updated_by, b.user_id) AS updated_by,
              COALESCE(v.updated_at, b.applied_at) AS updated_at, v.basis
       FROM answers v JOIN item_keys k ON k.id = v.item
         LEFT JOIN answer_batches b ON b.assessment_id = v.assessment_id AND b.result_version = v.version
       ORDER BY v.assessment_id, k.item_id`,
    )
    .all() as Written[];

describe('answers layout', () => {
  it('moves every answer into the table kept by its key, its author and time read from its batch', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'submitted');
    db.prepare(`UPDATE answers SET basis = 1 WHERE assessment_id = ? AND item = (SELECT MIN(item) FROM answers WHERE assessment_id = ?)`).run(id, id);
    const before = written();
    const stored = storedAnswers(db, id);
    // As before both migrations: a rowid table with its own key index and the author and time in each row, and the
    // history index; plus an answer no batch explains (written by hand).
    db.exec(`CREATE TABLE answers_rowid AS
               SELECT v.assessment_id, k.item_id, v.value, COALESCE(v.updated_by, b.user_id) AS updated_by,
                      COALESCE(v.updated_at, b.applied_at) AS updated_at,
                      CASE v.basis WHEN 1 THEN 'onsite' WHEN 2 THEN 'document' WHEN 3 THEN 'verbal' END AS basis
               FROM answers v JOIN item_keys k ON k.id = v.item
                 LEFT JOIN answer_batches b ON b.assessment_id = v.assessment_id AND b.result_version = v.version;
             DROP TABLE answers; DROP TABLE item_keys; ALTER TABLE answers_rowid RENAME TO answers;
             CREATE INDEX answer_history_assessment ON answer_history(assessment_id, item_id)`);
    const admin = w.users.admin.user.id;
    db.prepare(`INSERT INTO answers VALUES (?, 'x.legacy', '12', ?, '2020-01-01T00:00:00.000Z', NULL)`).run(id, admin);
    const expected = [...before, { assessment_id: id, item_id: 'x.legacy', value: '12', updated_by: admin, updated_at: '2020-01-01T00:00:00.000Z', basis: null }]
      .sort((x, y) => (x.assessment_id - y.assessment_id) || (x.item_id < y.item_id ? -1 : x.item_id > y.item_id ? 1 : 0));
    const again = ['141-answers-without-rowid.sql', '152-answers-batch-version.sql', '179-answers-by-item-key.sql'];
    db.prepare('DELETE FROM schema_migrations WHERE name IN (SELECT value FROM json_each(?))').run(JSON.stringify(again));

    expect(migrate(db)).toEqual(again);
    expect(written()).toEqual(expected);
    expect(storedAnswers(db, id)).toEqual({ ...stored, answers: { ...stored.answers, 'x.legacy': 12 } });
    // Only the hand-written row keeps its own author and time.
    expect(db.prepare('SELECT COUNT(*) FROM answers WHERE updated_by IS NOT NULL OR version IS NULL').pluck().get()).toBe(1);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'answers'`).pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'answer_history_assessment'`).pluck().get()).toBe(0);
    expect(() => db.prepare(`INSERT INTO answers (assessment_id, item, value, version) SELECT assessment_id, item, value, version FROM answers LIMIT 1`).run()).toThrow(/UNIQUE/);
    expect(db.prepare(`SELECT COUNT(*) FROM pragma_table_info('answers') WHERE name = 'item_id'`).pluck().get()).toBe(0);
  });
});
