import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedIn } from '../../helpers/app.js';
import { batch, completeAnswers, createWorld, draft, type World } from './world.js';

let w: World;
let id: number;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0), Buffer.from('This program cannot be run in DOS mode')]);

function multipart(fileName: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = '----dsdtestboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(fileName: string, data: Buffer, opts: { as?: LoggedIn; itemId?: string; assessment?: number; mime?: string } = {}) {
  const m = multipart(fileName, data, opts.mime);
  const as = opts.as ?? w.users.entOwn;
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/assessments/${opts.assessment ?? id}/evidence/${opts.itemId ?? 'ctl.policy_file'}`,
    headers: { ...as.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const evidenceDir = () => join(w.dataDir, 'evidence');

beforeEach(async () => {
  w = await createWorld();
  id = await draft(w, w.users.entOwn, w.own, 'self');
});
afterEach(async () => {
  await w.close();
});

describe('evidence uploads', () => {
  it('stores a file under its hash, lists it in the item answer, and serves it as an attachment', async () => {
    const r = await upload('制度文件.pdf', PDF, { mime: 'application/pdf' });
    expect(r.status).toBe(201);
    expect(r.body.evidence).toMatchObject({ itemId: 'ctl.policy_file', fileName: '制度文件.pdf', mime: 'application/pdf', size: PDF.length });
    expect(r.body.version).toBe(1);
    expect(readdirSync(evidenceDir())).toEqual([r.body.evidence.sha256]);
    const a = (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body;
    expect(a.answers['ctl.policy_file']).toEqual([{ sha256: r.body.evidence.sha256, name: '制度文件.pdf', mime: 'application/pdf', size: PDF.length }]);
    expect(a.evidence).toHaveLength(1);

    const dl = await w.app.inject({ method: 'GET', url: `/api/evidence/${r.body.evidence.id}`, headers: w.users.districtOwn.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('制度文件.pdf')}`);
  });

  it('decides the type by magic bytes, not by the declared type or name', async () => {
    const exe = await upload('photo.png', EXE, { mime: 'image/png' });
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toContain('无法识别');
    const png = await upload('scan.pdf', PNG, { mime: 'application/pdf' });
    expect(png.status).toBe(201);
    expect(png.body.evidence).toMatchObject({ mime: 'image/png', fileName: 'scan.pdf.png' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('资产清单').addRow(['系统', '数据']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload('清单.xlsx', xlsx);
    expect(x.status).toBe(201);
    expect(x.body.evidence.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses files over 20 MB with 413 and stores nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
    const r = await upload('big.pdf', big);
    expect(r.status).toBe(413);
    expect(existsSync(evidenceDir()) ? readdirSync(evidenceDir()) : []).toEqual([]);
    expect((await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body.version).toBe(0);
  });

  it('keeps path tricks in file names harmless', async () => {
    const r1 = await upload('../../etc/passwd', Buffer.from('root:x:0:0\n'));
    expect(r1.status).toBe(201);
    expect(r1.body.evidence.fileName).toBe('passwd.txt');
    const r2 = await upload('..\\..\\evil\u0000.pdf', PDF);
    expect(r2.status).toBe(201);
    expect(r2.body.evidence.fileName).toBe('evil.pdf');
    expect(readdirSync(evidenceDir()).sort()).toEqual([r1.body.evidence.sha256, r2.body.evidence.sha256].sort());
    expect(existsSync(join(w.dataDir, '..', 'etc'))).toBe(false);
  });

  it('shortens long unicode names without splitting a character', async () => {
    const r = await upload(`a${'😀'.repeat(60)}.pdf`, PDF);
    expect(r.status).toBe(201);
    const name: string = r.body.evidence.fileName;
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).not.toContain('\uFFFD');
    expect(name).toBe(`a${'😀'.repeat(47)}.pdf`);
  });

  it('refuses a macro-enabled Office file, even named .xlsx, and stores nothing', async () => {
    const xlsm = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml xl/workbook.xml xl/vbaProject.bin', 'latin1')]);
    const r = await upload('清单.xlsx', xlsm);
    expect(r.status).toBe(415);
    expect(r.body.error).toMatchObject({ code: 'macro_file', message: expect.stringContaining('含宏') });
    expect(existsSync(evidenceDir()) ? readdirSync(evidenceDir()) : []).toEqual([]);
  });

  it('removes bidi control characters from file names', async () => {
    const r = await upload('制度\u202Efdp.exe', PDF);
    expect(r.status).toBe(201);
    expect(r.body.evidence.fileName).toBe('制度fdp.exe.pdf');
  });

  it('answers malformed multipart bodies with 400, never 500, and stores nothing', async () => {
    const send = (contentType: string, payload: string) =>
      w.app.inject({ method: 'POST', url: `/api/assessments/${id}/evidence/ctl.policy_file`, headers: { ...w.users.entOwn.headers, 'content-type': contentType }, payload });
    const noBoundary = await send('multipart/form-data', 'garbage');
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error).toMatchObject({ code: 'invalid_multipart', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const truncated = await send('multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello');
    expect(truncated.statusCode).toBe(400);
    expect((await send('multipart/form-data; boundary=xyz', '')).statusCode).toBe(400);
    expect((await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body).toMatchObject({ version: 0, evidence: [] });
  });

  it('answers 404, not 500, when a stored file is missing from the data directory', async () => {
    const r = await upload('a.pdf', PDF);
    rmSync(join(evidenceDir(), r.body.evidence.sha256));
    const dl = await w.app.inject({ method: 'GET', url: `/api/evidence/${r.body.evidence.id}`, headers: w.users.entOwn.headers });
    expect(dl.statusCode).toBe(404);
    expect(dl.json().error.message).toContain('附件文件');
  });

  it('deduplicates by content hash and limits the number of files per item', async () => {
    const first = await upload('a.pdf', PDF);
    const again = await upload('a-copy.pdf', PDF);
    expect(again.status).toBe(200);
    expect(again.body.evidence.id).toBe(first.body.evidence.id);
    expect(await upload('b.png', PNG)).toMatchObject({ status: 201 });
    const third = await upload('c.txt', Buffer.from('第三个附件'));
    expect(third.status).toBe(409);
    expect(third.body.error.message).toContain('最多上传 2 个');
    // Another assessment with the same file: one file on disk.
    const other = await draft(w, w.users.admin, w.own, 'field');
    expect((await upload('a.pdf', PDF, { as: w.users.admin, assessment: other })).status).toBe(201);
    expect(readdirSync(evidenceDir())).toHaveLength(2);
  });

  it('refuses non-evidence items, unknown items, other enterprises and non-drafts', async () => {
    expect((await upload('a.pdf', PDF, { itemId: 'profile.name' })).status).toBe(400);
    expect((await upload('a.pdf', PDF, { itemId: 'no.such' })).status).toBe(404);
    expect((await upload('a.pdf', PDF, { as: w.users.entOther })).status).toBe(404);
    expect((await upload('a.pdf', PDF, { as: w.users.districtOwn })).status).toBe(403);
    const plain = await w.app.inject({ method: 'POST', url: `/api/assessments/${id}/evidence/ctl.policy_file`, headers: { ...w.users.entOwn.headers, 'content-type': 'application/json' }, payload: '{}' });
    expect(plain.statusCode).toBe(415);
    await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()));
    await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`);
    expect((await upload('a.pdf', PDF)).status).toBe(409);
  });

  it('deletes in draft only, updating the answer and removing the unreferenced file', async () => {
    const r = await upload('a.pdf', PDF);
    const eid = r.body.evidence.id;
    expect((await w.call(w.users.entOther, 'DELETE', `/api/evidence/${eid}`)).status).toBe(404);
    expect((await w.call(w.users.entOther, 'GET', `/api/evidence/${eid}`)).status).toBe(404);
    const del = await w.call(w.users.entOwn, 'DELETE', `/api/evidence/${eid}`);
    expect(del.status).toBe(200);
    expect(del.body.version).toBe(2);
    expect(readdirSync(evidenceDir())).toEqual([]);
    const a = (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body;
    expect(a.answers).not.toHaveProperty('ctl.policy_file');
    expect((await w.call(w.users.entOwn, 'GET', `/api/evidence/${eid}`)).status).toBe(404);

    const re = await upload('a.pdf', PDF);
    expect(re.body).toHaveProperty('evidence');
    const kept = re.body.evidence.id;
    await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(3, completeAnswers()));
    await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`);
    expect((await w.call(w.users.entOwn, 'DELETE', `/api/evidence/${kept}`)).status).toBe(409);
  });
});
