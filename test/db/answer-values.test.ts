/**
 * Large answer values (a data inventory) are stored compressed and read back as written, through the API, the
 * history and a conflict; migration 181 converts those stored as text before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_VALUE } from '../../server/db/answer-value.js';
import { migrate } from '../../server/db/open.js';
import { answerHistory } from '../../server/services/answers.js';
import { batch, worldWithSelfDraft, type World } from '../routes/assessments/world.js';

let w: World;
let id: number;
beforeAll(async () => ({ w, id } = await worldWithSelfDraft()));
afterAll(() => w.close());

const row = (type: string, i: number) => ({ type, scale: i % 2 ? 'industry' : 'enterprise' });
const inventory = Array.from({ length: 12 }, (_, i) => row('design.drawings', i));
const stored = () =>
  w.app.db.prepare(`SELECT typeof(value) AS type, length(value) AS bytes FROM answers WHERE assessment_id = ? AND item = (SELECT id FROM item_keys WHERE item_id = 'data.inventory')`).get(id) as {
    type: string;
    bytes: number;
  };
const read = async () => (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body.answers['data.inventory'];

describe('large answer values', () => {
  it('stores an inventory compressed and reads it back as written', async () => {
    const r = await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, [{ itemId: 'data.inventory', value: inventory }]));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const written = await read();
    expect(written).toHaveLength(12);
    expect(written[5]).toMatchObject(row('design.drawings', 5));
    expect(Buffer.byteLength(JSON.stringify(written))).toBeGreaterThanOrEqual(LARGE_VALUE);
    expect(stored().type).toBe('blob');
    expect(stored().bytes).toBeLessThan(JSON.stringify(written).length / 3);
    // Changed: the old value in the history, the new one as written; a stale batch conflicts on it with the value.
    const shorter = inventory.slice(0, 2);
    expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(1, [{ itemId: 'data.inventory', value: shorter }]))).status).toBe(200);
    expect(stored().type).toBe('text');
    const history = answerHistory(w.app.db, id, 'data.inventory');
    expect(history.map((h) => (h.newValue as unknown[]).length)).toEqual([12, 2]);
    expect(history[1].oldValue).toEqual(written);
    const stale = await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(1, [{ itemId: 'data.inventory', value: inventory }]));
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.conflicts[0].serverValue).toHaveLength(2);
    expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(2, [{ itemId: 'data.inventory', value: inventory }]))).status).toBe(200);
    expect(stored().type).toBe('blob');
  });

  it('migration 181 compresses large values stored as text, and they read the same', async () => {
    const before = await read();
    w.app.db.prepare(`UPDATE answers SET value = ? WHERE assessment_id = ? AND item = (SELECT id FROM item_keys WHERE item_id = 'data.inventory')`).run(JSON.stringify(before), id);
    expect(stored().type).toBe('text');
    expect(await read()).toEqual(before);
    w.app.db.prepare("DELETE FROM schema_migrations WHERE name = '181-answer-values-compressed.sql'").run();
    expect(migrate(w.app.db)).toEqual(['181-answer-values-compressed.sql']);
    expect(stored().type).toBe('blob');
    expect(await read()).toEqual(before);
  });
});
