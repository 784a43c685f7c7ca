/**
 * Roster files that are small but hostile or sloppy: a workbook with one far-away cell must not make the server
 * build every empty cell in between, and a row whose contact or address is longer than the registry accepts is
 * rejected (with the column) rather than stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, loginAs, type TestApp } from '../../helpers/app.js';
import { newCreditCode } from '../../helpers/enterprises.js';
import { fileUpload } from '../../helpers/multipart.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin').headers;
});
afterAll(async () => {
  await t.close();
});

const upload = (fileName: string, data: Buffer, query = '') => {
  const { payload, headers } = fileUpload(fileName, data);
  return t.app.inject({ method: 'POST', url: `/api/roster/import${query}`, payload, headers: { ...admin, ...headers } });
};

describe('roster import limits', () => {
  it('reads a workbook with a cell in the last column (XFD) without building every empty cell', { timeout: 30_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['企业名称', '统一社会信用代码', '所属区域']);
    ws.getCell('XFD1').value = '备注';
    const codes = Array.from({ length: 200 }, () => newCreditCode());
    codes.forEach((code, i) => ws.addRow([`远列企业${i}有限公司`, code, '朝阳区']));
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const started = Date.now();
    const res = await upload('远列.xlsx', data, '?dryRun=1');
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.added).toBe(new Set(codes).size);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a row whose contact, phone or address is longer than the registry accepts, storing nothing of it', async () => {
    const [a, b, c, ok] = [newCreditCode(), newCreditCode(), newCreditCode(), newCreditCode()];
    const csv = [
      '企业名称,统一社会信用代码,所属区域,联系人,联系电话,地址',
      `长联系人有限公司,${a},朝阳区,${'张'.repeat(51)},,`,
      `长电话有限公司,${b},朝阳区,,${'1'.repeat(51)},`,
      `长地址有限公司,${c},朝阳区,,,${'路'.repeat(301)}`,
      `正常有限公司,${ok},朝阳区,${'张'.repeat(50)},${'1'.repeat(50)},${'路'.repeat(300)}`,
    ].join('\n');
    const res = await upload('长字段.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toMatchObject({ added: 1, rejected: 3 });
    const reasons = body.rows.filter((r: { status: string }) => r.status === 'rejected').map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toContain('联系人');
    expect(reasons[1]).toContain('联系电话');
    expect(reasons[2]).toContain('地址');
    const stored = t.app.db.prepare('SELECT credit_code FROM enterprises WHERE credit_code IN (?, ?, ?, ?)').pluck().all(a, b, c, ok);
    expect(stored).toEqual([ok]);
  });

  it('answers malformed multipart bodies with 400 in Chinese, as the evidence upload does, and imports nothing', async () => {
    const send = (contentType: string, payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/roster/import', headers: { ...admin, 'content-type': contentType }, payload });
    const before = (await t.app.inject({ method: 'GET', url: '/api/roster/imports', headers: admin })).json().length;
    for (const [contentType, payload] of [
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n企业名称'],
    ]) {
      const res = await send(contentType, payload);
      expect(res.statusCode, `${contentType} ${payload}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_multipart', message: expect.stringMatching(/multipart\/form-data/) });
    }
    expect((await send('multipart/form-data; boundary=xyz', '')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/roster/imports', headers: admin })).json()).toHaveLength(before);
  });
});
