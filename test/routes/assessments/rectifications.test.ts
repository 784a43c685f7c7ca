import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedIn } from '../../helpers/app.js';
import { assessmentAt, batch, completeAnswers, createWorld, draft, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

const list = (id: number, as: LoggedIn = w.users.entOwn) => w.call(as, 'GET', `/api/assessments/${id}/rectifications`);
const patch = (rid: number, as: LoggedIn, body: unknown) => w.call(as, 'PATCH', `/api/rectifications/${rid}`, body);

describe('rectification', () => {
  it('lets the enterprise rectify and a confirmer accept, recording every change', async () => {
    // The enterprise sees the findings of a field assessment once the report is issued.
    const id = await assessmentAt(w, w.own, 'issued');
    const items = (await list(id)).body;
    const r = items.find((x: { itemId: string }) => x.itemId === 'ctl.backup');
    expect(r).toMatchObject({ status: 'open', finding: { problem: '备份不定期或未覆盖全部系统', recommendation: '每日备份', priority: 'high' } });

    expect((await patch(r.id, w.users.entOwn, { status: 'in_progress', note: '已采购备份设备' })).body.status).toBe('in_progress');
    expect((await patch(r.id, w.users.entOwn, { status: 'rectified' })).status).toBe(400);
    const done = await patch(r.id, w.users.entOwn, { status: 'rectified', note: '每日自动备份并异地保存', date: '2026-03-01' });
    expect(done.body).toMatchObject({ status: 'rectified', note: '每日自动备份并异地保存', statusDate: '2026-03-01' });

    expect((await patch(r.id, w.users.entOwn, { status: 'accepted' })).status).toBe(403);
    const accepted = await patch(r.id, w.users.diagAssigned, { status: 'accepted', note: '现场核验通过' });
    expect(accepted.body).toMatchObject({ status: 'accepted', confirmedBy: w.users.diagAssigned.user.id });
    expect(accepted.body.history.map((h: { oldStatus: string; newStatus: string }) => `${h.oldStatus}→${h.newStatus}`)).toEqual([
      'open→in_progress',
      'in_progress→rectified',
      'rectified→accepted',
    ]);
    expect(() => w.app.db.prepare('DELETE FROM rectification_history').run()).toThrow(/append-only/);
  });

  it('lets a confirmer send a rectification back with a reason', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const rid = (await list(id)).body[0].id;
    await patch(rid, w.users.entOwn, { status: 'in_progress' });
    await patch(rid, w.users.entOwn, { status: 'rectified', note: '已整改' });
    expect((await patch(rid, w.users.districtOwn, { status: 'in_progress' })).status).toBe(400);
    const back = await patch(rid, w.users.districtOwn, { status: 'in_progress', note: '缺少备份记录' });
    expect(back.body).toMatchObject({ status: 'in_progress', note: '缺少备份记录' });
  });

  it('refuses invalid transitions (409), wrong sides (403), early work (409) and other scopes (404)', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const rid = (await list(id)).body[0].id;
    expect((await patch(rid, w.users.entOwn, { status: 'accepted' })).status).toBe(409);
    expect((await patch(rid, w.users.entOwn, { status: 'rectified', note: 'x' })).status).toBe(409);
    expect((await patch(rid, w.users.diagAssigned, { status: 'in_progress' })).status).toBe(403);
    for (const outsider of [w.users.entOther, w.users.districtOther, w.users.diagOther])
      expect((await patch(rid, outsider, { status: 'in_progress' })).status).toBe(404);
    expect((await patch(rid, w.users.entOwn, { status: 'done' })).status).toBe(400);
    expect((await patch(rid, w.users.entOwn, { status: 'in_progress', date: '2026-02-30' })).status).toBe(400);
    expect((await list(id)).body[0].status).toBe('open');
    expect((await patch(999999, w.users.admin, { status: 'accepted' })).status).toBe(404);

    // A self-assessment: its findings are the enterprise's own from the start, but work starts after review.
    const submitted = await draft(w, w.users.entOwn, w.own, 'self');
    expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${submitted}/answers`, batch(0, completeAnswers()))).status).toBe(200);
    expect((await w.call(w.users.entOwn, 'POST', `/api/assessments/${submitted}/submit`)).status).toBe(200);
    const early = (await list(submitted)).body[0].id;
    const r = await patch(early, w.users.entOwn, { status: 'in_progress' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('审核通过后');
  });
});
