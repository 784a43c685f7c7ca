/**
 * Batch downloads of issued reports: per role who may pack what (a district officer only their own district), the
 * progress a poller sees, cancelling, and the ZIP itself opened and checked entry by entry. The reports here are rows
 * with small PDF-like files written straight to the data directory: rendering is tested elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeIssuedReport, unzip } from '../../helpers/reports.js';
import { assessmentAt, createWorld, type World } from '../assessments/world.js';

let w: World;

const issued = (assessmentId: number, enterpriseId: number, body: Buffer, annexBody?: Buffer) =>
  storeIssuedReport(w.app, w.dataDir, { assessmentId, enterpriseId, issuedBy: w.users.admin.user.id, body, annexBody });

async function finished(as: World['users']['admin'], id: string) {
  for (let i = 0; i < 200; i++) {
    const r = await w.call(as, 'GET', `/api/report-batches/${id}`);
    if (r.body.status !== 'running') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('batch did not finish');
}

let own1: { number: string; data: Buffer };
let own2: { number: string; data: Buffer; annex: Buffer | null };
let superseded: { number: string; data: Buffer };
beforeAll(async () => {
  w = await createWorld();
  const a1 = await assessmentAt(w, w.own, 'reviewed');
  const a2 = await assessmentAt(w, w.ownAuto, 'reviewed');
  const a3 = await assessmentAt(w, w.other, 'reviewed');
  superseded = issued(a1, w.own, Buffer.from('old'));
  own1 = issued(a1, w.own, Buffer.alloc(300_000, 7));
  w.app.db.prepare('UPDATE reports SET superseded_by = (SELECT id FROM reports WHERE number = ?) WHERE number = ?').run(own1.number, superseded.number);
  own2 = issued(a2, w.ownAuto, Buffer.from('auto report'), Buffer.from('auto annex'));
  issued(a3, w.other, Buffer.from('other district'));
}, 120_000);
afterAll(() => w.close());

describe('batch download of a district’s reports', () => {
  it('packs the current reports of the district into a ZIP the requester downloads, with progress', async () => {
    const start = await w.call(w.users.districtOwn, 'POST', '/api/report-batches', {});
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({ total: 2, status: 'running' });
    expect(start.body.fileName).toMatch(/^诊断报告-朝阳区-\d{8}\.zip$/);
    const done = await finished(w.users.districtOwn, start.body.id);
    expect(done).toMatchObject({ status: 'done', total: 2, packed: 2, missing: 0 });
    const res = await w.app.inject({ method: 'GET', url: `/api/report-batches/${start.body.id}/zip`, headers: w.users.districtOwn.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.rawPayload.length).toBe(done.bytes);
    const entries = unzip(res.rawPayload);
    // A report issued with an annex brings it along; one issued as a single file (before annexes) comes alone.
    expect([...entries.keys()]).toEqual([
      `${own1.number}-长春测试机械有限公司.pdf`,
      `${own2.number}-长春测试汽车零部件有限公司.pdf`,
      `${own2.number}-长春测试汽车零部件有限公司-附件.pdf`,
    ]);
    expect(entries.get(`${own1.number}-长春测试机械有限公司.pdf`)!.equals(own1.data)).toBe(true);
    expect(entries.get(`${own2.number}-长春测试汽车零部件有限公司.pdf`)!.equals(own2.data)).toBe(true);
    expect(entries.get(`${own2.number}-长春测试汽车零部件有限公司-附件.pdf`)!.equals(own2.annex!)).toBe(true);
  });

  it('packs an industry for the bureau, across districts', async () => {
    const start = await w.call(w.users.bureau, 'POST', '/api/report-batches', { industry: 'auto' });
    expect(start.status).toBe(202);
    const done = await finished(w.users.bureau, start.body.id);
    expect(done).toMatchObject({ status: 'done', total: 1 });
    const res = await w.app.inject({ method: 'GET', url: `/api/report-batches/${start.body.id}/zip`, headers: w.users.bureau.headers });
    expect([...unzip(res.rawPayload).keys()]).toEqual([`${own2.number}-长春测试汽车零部件有限公司.pdf`, `${own2.number}-长春测试汽车零部件有限公司-附件.pdf`]);
  });

  it('keeps each role in its scope: 403 for another district or a role without batches, 404 for another user’s batch', async () => {
    expect((await w.call(w.users.districtOwn, 'POST', '/api/report-batches', { district: '南关区' })).status).toBe(403);
    for (const who of ['diagAssigned', 'entOwn'] as const) expect((await w.call(w.users[who], 'POST', '/api/report-batches', { district: '朝阳区' })).status, who).toBe(403);
    expect((await w.call(null, 'POST', '/api/report-batches', { district: '朝阳区' })).status).toBe(401);
    expect((await w.call(w.users.bureau, 'POST', '/api/report-batches', {})).status).toBe(400);
    expect((await w.call(w.users.bureau, 'POST', '/api/report-batches', { industry: 'nope' })).status).toBe(400);
    const mine = await w.call(w.users.districtOwn, 'POST', '/api/report-batches', {});
    await finished(w.users.districtOwn, mine.body.id);
    for (const who of ['districtOther', 'bureau', 'admin'] as const) {
      expect((await w.call(w.users[who], 'GET', `/api/report-batches/${mine.body.id}`)).status, who).toBe(404);
      expect((await w.call(w.users[who], 'GET', `/api/report-batches/${mine.body.id}/zip`)).status, who).toBe(404);
      expect((await w.call(w.users[who], 'DELETE', `/api/report-batches/${mine.body.id}`)).status, who).toBe(404);
    }
    expect((await w.call(w.users.districtOwn, 'GET', '/api/report-batches/not-a-batch')).status).toBe(404);
  });

  it('cancels: the archive is gone and a download says so', async () => {
    const start = await w.call(w.users.admin, 'POST', '/api/report-batches', { district: '朝阳区' });
    const cancelled = await w.call(w.users.admin, 'DELETE', `/api/report-batches/${start.body.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await finished(w.users.admin, start.body.id)).status).toBe('cancelled');
    const zip = await w.call(w.users.admin, 'GET', `/api/report-batches/${start.body.id}/zip`);
    expect(zip.status).toBe(409);
    expect(zip.body.error.message).toContain('重新打包');
  });

  it('serves single downloads while a batch is packing', async () => {
    const start = await w.call(w.users.admin, 'POST', '/api/report-batches', { district: '朝阳区' });
    const id = (w.app.db.prepare('SELECT id FROM reports WHERE number = ?').get(own2.number) as { id: number }).id;
    const single = await w.app.inject({ method: 'GET', url: `/api/reports/${id}/pdf`, headers: w.users.admin.headers });
    expect(single.statusCode).toBe(200);
    expect(single.rawPayload.equals(own2.data)).toBe(true);
    expect((await finished(w.users.admin, start.body.id)).status).toBe('done');
  });
});
