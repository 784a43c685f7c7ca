/**
 * Migrations 153 and 183: a rectification's note and acceptance are read from its history; the rows written before
 * (which repeated them) read back the same, and a value the history does not say is kept; the history kept by
 * rectification and step reads back in the same order as by rowid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { assessmentAt, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('rectification layout', () => {
  it('keeps no copy of the history in the row, and migration 153 clears the copies rows held', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'issued');
    const list = async () => (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/rectifications`)).body as Record<string, unknown>[];
    const patch = async (rid: number, as: typeof w.users.entOwn, body: unknown) =>
      expect((await w.call(as, 'PATCH', `/api/rectifications/${rid}`, body)).status).toBe(200);
    const [a, b, c] = (await list()).map((r) => r.id as number);
    await patch(a, w.users.entOwn, { status: 'in_progress', note: '已采购备份设备' });
    await patch(a, w.users.entOwn, { status: 'rectified', note: '每日自动备份' });
    await patch(a, w.users.diagAssigned, { status: 'accepted' });
    await patch(b, w.users.entOwn, { status: 'in_progress', note: '制定计划' });
    await patch(b, w.users.entOwn, { status: 'rectified', note: '已整改' });
    await patch(b, w.users.districtOwn, { status: 'in_progress', note: '缺少备份记录' });
    await patch(c, w.users.entOwn, { status: 'in_progress' });

    const before = await list();
    expect(before.find((r) => r.id === a)).toMatchObject({ note: '每日自动备份', confirmedBy: w.users.diagAssigned.user.id, confirmedAt: expect.any(String) });
    expect(before.find((r) => r.id === b)).toMatchObject({ status: 'in_progress', note: '缺少备份记录', returnReason: '缺少备份记录', confirmedBy: null });
    expect(before.find((r) => r.id === c)).toMatchObject({ note: null, confirmedAt: null });
    const copies = 'SELECT COUNT(*) FROM rectifications WHERE note IS NOT NULL OR confirmed_by IS NOT NULL OR confirmed_at IS NOT NULL';
    expect(db.prepare(copies).pluck().get()).toBe(0);
    // Each step's old status is the step before's new one: none stored.
    const storedOld = 'SELECT COUNT(*) FROM rectification_history WHERE old_status IS NOT NULL';
    expect(db.prepare(storedOld).pluck().get()).toBe(0);

    // As the rows were written before: the note and acceptance copied into the row; plus one row whose note no
    // history step gave (written by hand).
    for (const r of before)
      db.prepare('UPDATE rectifications SET note = ?, confirmed_by = ?, confirmed_at = ? WHERE id = ?').run(r.note, r.confirmedBy, r.confirmedAt, r.id);
    const d = before.find((r) => ![a, b, c].includes(r.id as number))!;
    db.prepare(`UPDATE rectifications SET note = '手工备注' WHERE id = ?`).run(d.id);
    db.exec('CREATE INDEX rectifications_item ON rectifications(item_id, assessment_id)');
    // And the history as it was kept before migration 183: by a rowid, with an index on the rectification.
    db.exec(`CREATE TABLE history_by_rowid (id INTEGER PRIMARY KEY, rectification_id INTEGER NOT NULL, old_status TEXT,
               new_status TEXT NOT NULL, note TEXT, user_id INTEGER NOT NULL, changed_at TEXT NOT NULL, due_date TEXT);
             INSERT INTO history_by_rowid (rectification_id, old_status, new_status, note, user_id, changed_at, due_date)
               SELECT rectification_id, COALESCE(old_status, LAG(new_status, 1, 'open') OVER (PARTITION BY rectification_id ORDER BY seq)),
                 new_status, note, user_id, changed_at, due_date FROM rectification_history
               ORDER BY rectification_id, seq;
             DROP TABLE rectification_history;
             ALTER TABLE history_by_rowid RENAME TO rectification_history;
             CREATE INDEX rectification_history_rectification ON rectification_history(rectification_id);`);
    db.prepare("DELETE FROM schema_migrations WHERE name IN ('153-rectification-from-history.sql', '183-rectification-history-by-item.sql')").run();

    expect(migrate(db)).toEqual(['153-rectification-from-history.sql', '183-rectification-history-by-item.sql']);
    expect(await list()).toEqual(before.map((r) => (r.id === d.id ? { ...r, note: '手工备注' } : r)));
    expect(db.prepare(copies).pluck().get()).toBe(1);
    expect(db.prepare(storedOld).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name IN ('rectifications_item', 'rectification_history_rectification')`).pluck().get()).toBe(0);
    expect(() => db.prepare('DELETE FROM rectification_history').run()).toThrow(/append-only/);
  });
});
