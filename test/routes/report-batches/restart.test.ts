/**
 * Batch downloads across a restart, on one data directory: a finished archive is still there to download; a batch the
 * shutdown interrupted, and one a killed process left half-written, say why they failed, with their files removed;
 * an archive whose hour is up is removed at start and its batch says 已过期.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { storeIssuedReport, unzip } from '../../helpers/reports.js';
import { FIXTURE_QUESTIONNAIRES, assessmentAt, call, createWorld, type World } from '../assessments/world.js';

let w: World;
let current: TestApp['app'];
let restarted: TestApp | undefined;
let report: { number: string; data: Buffer };
beforeAll(async () => {
  w = await createWorld();
  current = w.app;
  const a = await assessmentAt(w, w.own, 'reviewed');
  report = storeIssuedReport(w.app, w.dataDir, { assessmentId: a, enterpriseId: w.own, issuedBy: w.users.admin.user.id, body: Buffer.alloc(200_000, 1) });
}, 60_000);
afterAll(async () => {
  await (restarted ? restarted.close() : w.app.close());
  rmSync(w.dataDir, { recursive: true, force: true });
});

const restartAt = async (clock?: () => string) => {
  await (restarted ? restarted.close() : w.app.close());
  restarted = await createTestApp({ dataDir: w.dataDir, questionnaireDir: FIXTURE_QUESTIONNAIRES, ...(clock ? { clock } : {}) });
  current = restarted.app;
};

async function finished(as: World['users']['admin'], id: string) {
  for (let i = 0; i < 200; i++) {
    const r = await call(current, as, 'GET', `/api/report-batches/${id}`);
    if (r.body.status !== 'running') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('batch did not finish');
}

const batchFiles = () => readdirSync(join(w.dataDir, 'batches')).sort();

describe('report batches across a restart', () => {
  let done: { id: string; fileName: string };
  it('keeps a finished archive and says why the interrupted ones failed', async () => {
    done = await finished(w.users.districtOwn, (await call(current, w.users.districtOwn, 'POST', '/api/report-batches', {})).body.id);
    expect(done).toMatchObject({ status: 'done', packed: 1 });
    // Still packing when the server stops.
    const cut = await call(current, w.users.bureau, 'POST', '/api/report-batches', { district: '朝阳区' });
    expect(cut.body.status).toBe('running');
    // Left "running" with half a file by a process that was killed.
    w.app.db
      .prepare(`INSERT INTO report_batches (id, user_id, status, file_name, file_path, total, created_at) VALUES ('killed', ?, 'running', 'x.zip', ?, 9, ?)`)
      .run(w.users.admin.user.id, join('batches', 'killed.zip'), w.app.now());
    writeFileSync(join(w.dataDir, 'batches', 'killed.zip'), 'PK half');
    writeFileSync(join(w.dataDir, 'batches', 'stray.zip'), 'PK nobody’s');

    await restartAt();

    const again = await call(current, w.users.districtOwn, 'GET', `/api/report-batches/${done.id}`);
    expect(again.body).toEqual(done);
    const zip = await current.inject({ method: 'GET', url: `/api/report-batches/${done.id}/zip`, headers: w.users.districtOwn.headers });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-disposition']).toContain(encodeURIComponent(done.fileName));
    const entries = unzip(zip.rawPayload);
    expect([...entries.keys()]).toEqual([`${report.number}-长春测试机械有限公司.pdf`]);
    expect(entries.get(`${report.number}-长春测试机械有限公司.pdf`)!.equals(report.data)).toBe(true);

    const stopped = await call(current, w.users.bureau, 'GET', `/api/report-batches/${cut.body.id}`);
    expect(stopped.body).toMatchObject({ status: 'failed', error: '服务器关闭，打包中断，请重新打包' });
    const killed = await call(current, w.users.admin, 'GET', '/api/report-batches/killed');
    expect(killed.body).toMatchObject({ status: 'failed', error: '服务器重启，打包中断，请重新打包' });
    expect((await call(current, w.users.admin, 'GET', '/api/report-batches/killed/zip')).status).toBe(409);
    expect(batchFiles()).toEqual([`${done.id}.zip`]);
  }, 60_000);

  it('removes an archive whose hour is up when the server starts again', async () => {
    const later = new Date(Date.now() + 2 * 3600_000).toISOString();
    await restartAt(() => later);
    expect(batchFiles()).toEqual([]);
    expect((await call(current, w.users.districtOwn, 'GET', `/api/report-batches/${done.id}`)).body.status).toBe('expired');
    const zip = await call(current, w.users.districtOwn, 'GET', `/api/report-batches/${done.id}/zip`);
    expect(zip.status).toBe(409);
    expect(zip.body.error.message).toContain('重新打包');
  }, 60_000);
});
