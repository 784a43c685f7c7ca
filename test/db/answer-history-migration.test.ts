/**
 * Migration 151: the answer history keeps the value each change replaced and its batch's version; the history read
 * back (who, when, batch, old and new value of every change) is what it was, including rows no batch explains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { answerHistory } from '../../server/services/answers.js';
import { batch, worldWithSelfDraft, type World } from '../routes/assessments/world.js';

let w: World;
let id: number;
beforeAll(async () => ({ w, id } = await worldWithSelfDraft()));
afterAll(() => w.close());

describe('answer history layout', () => {
  it('reads every change back as it was stored with both values, user, time and batch', async () => {
    const db = w.app.db;
    const put = async (base: number, answers: Parameters<typeof batch>[1], batchId?: string) => {
      const r = await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(base, answers, batchId));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await put(0, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'profile.name', value: '甲公司' }], 'first-batch');
    await put(1, [{ itemId: 'profile.size', value: 'large' }]);
    await put(2, [{ itemId: 'profile.name', value: null }]);
    await put(3, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'profile.name', value: '乙公司' }]);

    const history = answerHistory(db, id);
    expect(history.map((h) => [h.itemId, h.oldValue, h.newValue])).toEqual([
      ['profile.name', null, '甲公司'],
      ['profile.size', null, 'small'],
      ['profile.size', 'small', 'large'],
      ['profile.name', '甲公司', null],
      ['profile.name', null, '乙公司'],
      ['profile.size', 'large', 'small'],
    ]);
    expect(history[1]).toMatchObject({ batchId: 'first-batch', userId: w.users.entOwn.user.id, userName: expect.any(String) });
    expect(answerHistory(db, id, 'profile.name').map((h) => h.newValue)).toEqual(['甲公司', null, '乙公司']);
    // No copy of a value that is the current answer or the next change's old value.
    expect(db.prepare('SELECT COUNT(*) FROM answer_history WHERE assessment_id = ? AND new_value IS NOT NULL').pluck().get(id)).toBe(0);
  });

  it('migration 151 keeps every change of a history stored with both values, and rows no batch explains', async () => {
    const db = w.app.db;
    for (const [base, value] of [[4, 'large'], [5, null], [6, 'small']] as const)
      expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(base, [{ itemId: 'profile.size', value }]))).status).toBe(200);
    const assessments = db.prepare('SELECT id FROM assessments ORDER BY id').pluck().all() as number[];
    const before = assessments.map((a) => answerHistory(db, a));
    const owner = new Map(db.prepare('SELECT id, assessment_id FROM answer_history').raw().all() as [number, number][]);

    // The layout before: both values, user, batch and time in every row; plus a row of an import without a batch and
    // one whose new value is not what the next row replaced.
    db.exec(`DROP TABLE answer_history;
      CREATE TABLE answer_history (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, old_value TEXT, new_value TEXT,
        user_id INTEGER NOT NULL REFERENCES users(id), batch_id TEXT,
        changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
      CREATE INDEX answer_history_batch ON answer_history(assessment_id, batch_id);`);
    const insert = db.prepare(
      'INSERT INTO answer_history (id, assessment_id, item_id, old_value, new_value, user_id, batch_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    for (const rows of before)
      for (const h of rows)
        insert.run(h.id, owner.get(h.id!), h.itemId, json(h.oldValue), json(h.newValue), h.userId, h.batchId, h.changedAt);
    const last = db.prepare('SELECT MAX(id) FROM answer_history').pluck().get() as number;
    insert.run(last + 1, id, 'profile.name', null, '"导入"', w.users.admin.user.id, null, '2020-01-01T00:00:00.000Z');
    insert.run(last + 2, id, 'profile.name', '"不一致"', null, w.users.entOwn.user.id, null, '2020-01-02T00:00:00.000Z');
    const expected = db.prepare('SELECT * FROM answer_history ORDER BY id').all();
    // Answers named their item by its text id then (migration 179 numbers them).
    db.exec(`CREATE TABLE answers_by_text AS SELECT v.assessment_id, k.item_id, v.value,
               CASE v.basis WHEN 1 THEN 'onsite' WHEN 2 THEN 'document' WHEN 3 THEN 'verbal' END AS basis, v.version, v.updated_by, v.updated_at
               FROM answers v JOIN item_keys k ON k.id = v.item;
             DROP TABLE answers; DROP TABLE item_keys; ALTER TABLE answers_by_text RENAME TO answers;`);
    db.prepare("DELETE FROM schema_migrations WHERE name IN ('151-answer-history-changes.sql', '179-answers-by-item-key.sql')").run();

    expect(migrate(db)).toEqual(['151-answer-history-changes.sql', '179-answers-by-item-key.sql']);
    const after = db.prepare('SELECT id FROM assessments ORDER BY id').pluck().all() as number[];
    const restored = after.flatMap((a) => answerHistory(db, a)).sort((x, y) => x.id! - y.id!);
    expect(
      restored.map((h) => ({
        id: h.id,
        item_id: h.itemId,
        old_value: json(h.oldValue),
        new_value: json(h.newValue),
        user_id: h.userId,
        batch_id: h.batchId,
        changed_at: h.changedAt,
      })),
    ).toEqual((expected as Record<string, unknown>[]).map(({ assessment_id: _, ...rest }) => rest));
    expect(() => db.prepare('DELETE FROM answer_history').run()).toThrow(/append-only/);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'answer_history_batch'`).pluck().get()).toBe(0);
  });
});
