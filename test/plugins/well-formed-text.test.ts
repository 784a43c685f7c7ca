/**
 * Text that is not well-formed Unicode is refused with 400 on every way in (JSON bodies, multipart file names), and
 * nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createEnterprise } from '../helpers/enterprises.js';
import { fileUpload } from '../helpers/multipart.js';

let t: TestApp;
let admin: Record<string, string>;
let enterpriseId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin').headers;
  enterpriseId = createEnterprise(t.app, '朝阳区', { name: '长春编码测试有限公司' });
});
afterAll(async () => {
  await t.close();
});

const json = (method: 'PATCH' | 'POST', url: string, raw: string) =>
  t.app.inject({ method, url, headers: { ...admin, 'content-type': 'application/json' }, payload: raw });

describe('well-formed text', () => {
  it('refuses a lone surrogate in a JSON field with 400 naming the field, and stores nothing', async () => {
    const res = await json('PATCH', `/api/enterprises/${enterpriseId}`, '{"contactName":"x\\ud800y"}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'malformed_text', message: expect.stringContaining('contactName') });
    const stored = t.app.db.prepare('SELECT contact_name FROM enterprises WHERE id = ?').pluck().get(enterpriseId);
    expect(stored ?? '').not.toContain('\uFFFD');
  });

  it('refuses a lone low surrogate deep inside a body, and in an object key', async () => {
    for (const raw of ['{"contactName":"\\udc00"}', '{"contactName":"ok","x\\udbff":1}']) {
      const res = await json('PATCH', `/api/enterprises/${enterpriseId}`, raw);
      expect(res.statusCode, raw).toBe(400);
      expect(res.json().error.code).toBe('malformed_text');
    }
  });

  it('accepts well-formed text outside the basic plane (a surrogate pair)', async () => {
    const res = await json('PATCH', `/api/enterprises/${enterpriseId}`, '{"contactName":"张\\ud83d\\ude00"}');
    expect(res.statusCode).toBe(200);
    expect(res.json().contactName).toBe('张😀');
  });

  it('refuses a multipart file name that is not UTF-8', async () => {
    const { payload, headers } = fileUpload('名单.csv', Buffer.from('企业名称\n'));
    const bad = Buffer.from(payload.toString('latin1').replace('filename="', 'filename="\xff\xfe'), 'latin1');
    const res = await t.app.inject({ method: 'POST', url: '/api/roster/import?dryRun=1', headers: { ...admin, ...headers }, payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'malformed_text', message: expect.stringContaining('filename') });
  });
});
