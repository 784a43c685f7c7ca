/**
 * An item's first answer is not a history row while the answer row says it (migration 180, writeBatch): the history
 * read back is the same before and after the migration removes such rows from a database written the older way, and
 * a first answer becomes a row of its own once the item changes again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { answerHistory } from '../../server/services/answers.js';
import { batch, worldWithSelfDraft, type World } from '../routes/assessments/world.js';

let w: World;
let id: number;
beforeAll(async () => ({ w, id } = await worldWithSelfDraft()));
afterAll(() => w.close());

const rows = () => w.app.db.prepare('SELECT COUNT(*) FROM answer_history WHERE assessment_id = ?').pluck().get(id) as number;
const put = async (base: number, answers: Parameters<typeof batch>[1]) => {
  const r = await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(base, answers));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { changedItems: string[] };
};

describe('first answers kept by their answer rows', () => {
  it('stores no row for first answers, one for the first answer and one for the change when an item changes', async () => {
    const first = await put(0, [
      { itemId: 'profile.staff', value: 120 },
      { itemId: 'profile.size', value: 'small' },
      { itemId: 'profile.name', value: '甲公司' },
    ]);
    expect(first.changedItems).toEqual(['profile.name', 'profile.size', 'profile.staff']);
    expect(rows()).toBe(0);
    expect(answerHistory(w.app.db, id).map((h) => [h.id, h.itemId, h.oldValue, h.newValue])).toEqual([
      [null, 'profile.name', null, '甲公司'],
      [null, 'profile.size', null, 'small'],
      [null, 'profile.staff', null, 120],
    ]);
    // The same value again: nothing changed, the first answer is written down (the row now names a later batch).
    expect((await put(1, [{ itemId: 'profile.size', value: 'small' }])).changedItems).toEqual([]);
    await put(2, [{ itemId: 'profile.size', value: 'large' }]);
    await put(3, [{ itemId: 'profile.name', value: null }]);
    expect(rows()).toBe(4);
    const history = answerHistory(w.app.db, id);
    expect(history.map((h) => [h.itemId, h.oldValue, h.newValue])).toEqual([
      ['profile.name', null, '甲公司'],
      ['profile.size', null, 'small'],
      ['profile.staff', null, 120],
      ['profile.size', 'small', 'large'],
      ['profile.name', '甲公司', null],
    ]);
    // Every row, first answers included, names the first batch's user and id.
    const firstBatch = history.filter((h) => h.oldValue === null);
    expect(new Set(firstBatch.map((h) => h.batchId)).size).toBe(1);
    expect(firstBatch.every((h) => h.userId === w.users.entOwn.user.id)).toBe(true);
    // A stale batch from before the first answers conflicts on them as on any change.
    const stale = await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, [{ itemId: 'profile.staff', value: 80 }]));
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.conflicts).toEqual([{ itemId: 'profile.staff', serverValue: 120, yourValue: 80 }]);
  });

  it('migration 180 removes the first-answer rows an older database holds and reads the same history', () => {
    const db = w.app.db;
    const before = answerHistory(db, id);
    // As the older writer stored them: a row for every first answer.
    db.prepare(
      `INSERT INTO answer_history (assessment_id, version, item_id, old_value)
       SELECT assessment_id, version, k.item_id, NULL FROM answers v JOIN item_keys k ON k.id = v.item WHERE assessment_id = ?
         AND NOT EXISTS (SELECT 1 FROM answer_history h WHERE h.assessment_id = v.assessment_id AND h.item_id = k.item_id)`,
    ).run(id);
    expect(rows()).toBe(5);
    db.prepare("DELETE FROM schema_migrations WHERE name = '180-first-answers-unrecorded.sql'").run();
    expect(migrate(db)).toEqual(['180-first-answers-unrecorded.sql']);
    expect(rows()).toBe(4);
    expect(answerHistory(db, id)).toEqual(before);
    expect(() => db.prepare('DELETE FROM answer_history').run()).toThrow(/append-only/);
  });
});
