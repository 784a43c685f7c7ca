/**
 * The rectification loop over HTTP: due dates by priority and set by a confirmer, overdue by the server clock,
 * scoped and filtered lists, evidence files, bulk accept / send back, and the dashboard counting the same rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedIn } from '../../helpers/app.js';
import { fileUpload } from '../../helpers/multipart.js';
import { assessmentAt, createWorld, type World } from '../assessments/world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Item = { id: number; itemId: string; label: string | null; status: string; dueDate: string | null; overdue: boolean; priority: string | null; sectionId: string | null; returnReason: string | null };
const work = async (as: LoggedIn, query = '') => (await w.call(as, 'GET', `/api/rectifications${query}`)).body as { items: Item[]; total: number; overdue: number };
const patch = (rid: number, as: LoggedIn, body: unknown) => w.call(as, 'PATCH', `/api/rectifications/${rid}`, body);
const byItem = (items: Item[], itemId: string) => items.find((i) => i.itemId === itemId)!;
const upload = (rid: number, as: LoggedIn, name: string, data: Buffer) => {
  const f = fileUpload(name, data, 'image/png');
  return w.app.inject({ method: 'POST', url: `/api/rectifications/${rid}/evidence`, headers: { ...as.headers, ...f.headers }, payload: f.payload });
};
/** Moves the report's issue date, so the default due dates fall in the past of the server's clock. */
const issuedOn = (id: number, day: string) => w.app.db.prepare('UPDATE assessments SET issued_at = ? WHERE id = ?').run(`${day}T09:00:00.000Z`, id);
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

describe('due dates and overdue', () => {
  it('defaults the due date from the priority, counted from the issued report, and marks owed work past it overdue', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const issued = (w.app.db.prepare('SELECT issued_at FROM assessments WHERE id = ?').pluck().get(id) as string).slice(0, 10);
    const { items } = await work(w.users.entOwn);
    expect(byItem(items, 'ctl.backup')).toMatchObject({ priority: 'high', sectionId: 'ctl', dueDate: addDays(issued, 30), overdue: false });
    expect(byItem(items, 'ctl.training')).toMatchObject({ priority: 'low', dueDate: addDays(issued, 180), overdue: false });

    issuedOn(id, '2025-01-02');
    const later = await work(w.users.entOwn);
    expect(byItem(later.items, 'ctl.backup')).toMatchObject({ dueDate: '2025-02-01', overdue: true });
    expect(later.overdue).toBe(later.total);
    // Work handed in is no longer overdue; work sent back is again.
    const backup = byItem(later.items, 'ctl.backup').id;
    await patch(backup, w.users.entOwn, { status: 'in_progress' });
    await patch(backup, w.users.entOwn, { status: 'rectified', note: '已部署每日备份' });
    expect((await w.call(w.users.entOwn, 'GET', `/api/rectifications/${backup}`)).body).toMatchObject({ status: 'rectified', overdue: false });
    const back = await patch(backup, w.users.diagAssigned, { status: 'in_progress', note: '缺少异地备份记录' });
    expect(back.body).toMatchObject({ status: 'in_progress', overdue: true, returnReason: '缺少异地备份记录' });
  });

  it('lists each item under the finding\'s label with its return reason, without the texts, history and evidence of the single view', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const rid = byItem((await work(w.users.entOwn)).items, 'ctl.backup').id;
    await patch(rid, w.users.entOwn, { status: 'in_progress' });
    await patch(rid, w.users.entOwn, { status: 'rectified', note: '已部署每日备份' });
    await patch(rid, w.users.diagAssigned, { status: 'in_progress', note: '缺少异地备份记录' });
    // A later due-date change is no status step: the reason stays.
    expect((await w.call(w.users.diagAssigned, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: '2099-01-01', note: '延期' })).status).toBe(200);
    const single = (await w.call(w.users.entOwn, 'GET', `/api/rectifications/${rid}`)).body;
    for (const as of [w.users.entOwn, w.users.diagAssigned]) {
      const { items } = await work(as, `?assessmentId=${id}`);
      expect(items.length).toBeGreaterThan(1);
      const item = byItem(items, 'ctl.backup');
      expect(item).toMatchObject({ label: single.finding.label, returnReason: '缺少异地备份记录', dueDate: '2099-01-01', assessmentId: id, enterpriseName: single.enterpriseName });
      for (const key of ['finding', 'history', 'evidence', 'note']) expect(item).not.toHaveProperty(key);
      for (const other of items.filter((i) => i.id !== rid)) {
        const detail = (await w.call(as, 'GET', `/api/rectifications/${other.id}`)).body;
        expect({ itemId: other.itemId, label: other.label, returnReason: other.returnReason }).toEqual({ itemId: detail.itemId, label: detail.finding.label, returnReason: detail.returnReason });
      }
    }
  });

  it('lets a confirmer set the due date (recorded in the history), not the enterprise', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    issuedOn(id, '2025-01-02');
    const rid = byItem((await work(w.users.entOwn)).items, 'ctl.training').id;
    expect((await w.call(w.users.entOwn, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: '2099-01-01' })).status).toBe(403);
    expect((await w.call(w.users.diagOther, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: '2099-01-01' })).status).toBe(404);
    const set = await w.call(w.users.diagAssigned, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: '2099-01-01', note: '涉及系统改造，延期' });
    expect(set.body).toMatchObject({ dueDate: '2099-01-01', dueDateSet: true, overdue: false });
    expect(set.body.history.at(-1)).toMatchObject({ dueDate: '2099-01-01', note: '涉及系统改造，延期', userId: w.users.diagAssigned.user.id });
    const reset = await w.call(w.users.districtOwn, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: null });
    expect(reset.body).toMatchObject({ dueDate: '2025-07-01', dueDateSet: false, overdue: true });
    expect((await w.call(w.users.diagAssigned, 'PUT', `/api/rectifications/${rid}/due-date`, { dueDate: '2099-02-30' })).status).toBe(400);
  });

  it('counts the dashboard overdue from the same due dates', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    issuedOn(id, '2025-01-02');
    const loop = async () => (await w.call(w.users.bureau, 'GET', '/api/dashboard/loop')).body.total;
    const listed = await work(w.users.bureau, '?overdue=true');
    expect((await loop()).overdue).toBe(listed.total);
    await w.call(w.users.diagAssigned, 'PUT', `/api/rectifications/${listed.items[0].id}/due-date`, { dueDate: '2099-01-01' });
    expect((await loop()).overdue).toBe(listed.total - 1);
    expect((await work(w.users.bureau, '?overdue=true')).total).toBe(listed.total - 1);
  });
});

describe('lists', () => {
  it('shows each role its scope only, and filters by priority, area, status and overdue', async () => {
    const own = await assessmentAt(w, w.own, 'issued');
    await assessmentAt(w, w.other, 'issued');
    const ownCount = (await w.call(w.users.admin, 'GET', `/api/assessments/${own}/rectifications`)).body.length;
    expect(ownCount).toBeGreaterThan(2);
    for (const as of [w.users.entOwn, w.users.diagAssigned, w.users.districtOwn]) {
      const { items, total } = await work(as);
      expect(total).toBe(ownCount);
      expect(new Set(items.map((i) => (i as unknown as { enterpriseId: number }).enterpriseId))).toEqual(new Set([w.own]));
    }
    expect((await work(w.users.bureau)).total).toBe(ownCount * 2);
    expect((await work(w.users.entOther)).items.every((i) => (i as unknown as { enterpriseId: number }).enterpriseId === w.other)).toBe(true);

    const high = await work(w.users.entOwn, '?priority=high');
    expect(high.items.map((i) => i.itemId).sort()).toEqual(['ctl.backup', 'ctl.first_responsible']);
    expect((await work(w.users.entOwn, '?area=data')).items.map((i) => i.itemId)).toEqual(['data.catalogue_filed']);
    const rid = high.items[0].id;
    await patch(rid, w.users.entOwn, { status: 'in_progress' });
    expect((await work(w.users.entOwn, '?status=in_progress')).items.map((i) => i.id)).toEqual([rid]);
    expect((await work(w.users.entOwn, '?overdue=true')).total).toBe(0);
    expect((await work(w.users.entOwn, '?overdue=false')).total).toBe(ownCount);
    expect((await w.call(w.users.entOwn, 'GET', '/api/rectifications?overdue=maybe')).status).toBe(400);
  });

  it('keeps a field assessment\'s findings from the enterprise until the report is issued', async () => {
    await assessmentAt(w, w.own, 'reviewed');
    expect((await work(w.users.entOwn)).total).toBe(0);
    expect((await work(w.users.diagAssigned)).total).toBeGreaterThan(0);
  });

  it('answers another enterprise\'s rectification 404 on every route', async () => {
    await assessmentAt(w, w.own, 'issued');
    const rid = (await work(w.users.entOwn)).items[0].id;
    for (const as of [w.users.entOther, w.users.diagOther, w.users.districtOther]) {
      expect((await w.call(as, 'GET', `/api/rectifications/${rid}`)).status).toBe(404);
      expect((await patch(rid, as, { status: 'in_progress' })).status).toBe(404);
    }
    expect((await upload(rid, w.users.entOther, 'a.png', PNG)).statusCode).toBe(404);
    expect((await w.call(w.users.diagOther, 'POST', '/api/rectifications/bulk', { ids: [rid], status: 'accepted' })).status).toBe(404);
  });
});

describe('evidence', () => {
  it('stores the enterprise\'s photo with the answer evidence rules and shows it only within scope', async () => {
    await assessmentAt(w, w.own, 'issued');
    const rid = (await work(w.users.entOwn)).items[0].id;
    const created = await upload(rid, w.users.entOwn, '../../备份记录.png', PNG);
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e).toMatchObject({ rectificationId: rid, fileName: '备份记录.png', mime: 'image/png', size: PNG.length });
    expect((await upload(rid, w.users.entOwn, 'again.png', PNG)).statusCode).toBe(200);
    expect((await upload(rid, w.users.entOwn, 'x.png', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x4d, 0x5a, 0x90, 0x00]))).statusCode).toBe(415);
    expect((await upload(rid, w.users.diagAssigned, 'a.png', PNG)).statusCode).toBe(403);

    const got = await w.app.inject({ method: 'GET', url: `/api/rectification-evidence/${e.id}`, headers: w.users.diagAssigned.headers });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    for (const as of [w.users.entOther, w.users.diagOther, w.users.districtOther]) {
      expect((await w.call(as, 'GET', `/api/rectification-evidence/${e.id}`)).status).toBe(404);
      expect((await w.call(as, 'DELETE', `/api/rectification-evidence/${e.id}`)).status).toBe(as === w.users.entOther ? 404 : 403);
    }
    expect((await w.call(w.users.entOwn, 'GET', `/api/rectifications/${rid}`)).body.evidence).toHaveLength(1);

    await patch(rid, w.users.entOwn, { status: 'in_progress' });
    await patch(rid, w.users.entOwn, { status: 'rectified', note: '已整改，见照片' });
    expect((await upload(rid, w.users.entOwn, 'late.png', Buffer.concat([PNG, Buffer.from('x')]))).statusCode).toBe(409);
    expect((await w.call(w.users.entOwn, 'DELETE', `/api/rectification-evidence/${e.id}`)).status).toBe(409);
  });
});

describe('bulk', () => {
  it('accepts several with one note, or changes none when one cannot be accepted', async () => {
    await assessmentAt(w, w.own, 'issued');
    const ids = (await work(w.users.entOwn)).items.map((i) => i.id);
    for (const rid of ids.slice(0, 2)) {
      await patch(rid, w.users.entOwn, { status: 'in_progress' });
      await patch(rid, w.users.entOwn, { status: 'rectified', note: '已整改' });
    }
    const refused = await w.call(w.users.diagAssigned, 'POST', '/api/rectifications/bulk', { ids: ids.slice(0, 3), status: 'accepted', note: '现场核验通过' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`整改项 ${ids[2]}`);
    expect((await work(w.users.entOwn, '?status=rectified')).total).toBe(2);

    expect((await w.call(w.users.entOwn, 'POST', '/api/rectifications/bulk', { ids: ids.slice(0, 2), status: 'accepted' })).status).toBe(403);
    expect((await w.call(w.users.diagAssigned, 'POST', '/api/rectifications/bulk', { ids: ids.slice(0, 2), status: 'in_progress' })).status).toBe(400);
    const done = await w.call(w.users.diagAssigned, 'POST', '/api/rectifications/bulk', { ids: ids.slice(0, 2), status: 'accepted', note: '现场核验通过' });
    expect(done.status).toBe(200);
    expect(done.body.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    expect(done.body[0].history.at(-1)).toMatchObject({ newStatus: 'accepted', note: '现场核验通过' });
  });
});
