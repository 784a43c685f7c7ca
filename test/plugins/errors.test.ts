/**
 * One error contract: every 4xx/5xx, including those the framework and Node's HTTP parser produce, is
 * `{error:{code,message}}` with a Chinese message; validation messages are Chinese sentences naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin').headers;
});
afterAll(async () => {
  await t.close();
});

const CHINESE = /[\u4e00-\u9fff]/;
/** The message without the field names it quotes has no English words left. */
const englishWords = (message: string) => message.replace(/“[^”]*”/g, '').match(/[A-Za-z]{3,}/g) ?? [];

function expectProductError(status: number, body: string, code?: string) {
  const parsed = JSON.parse(body);
  expect(parsed.error, body).toBeTypeOf('object');
  expect(parsed.error.message).toMatch(CHINESE);
  if (code) expect(parsed.error.code).toBe(code);
  expect(status).toBeGreaterThanOrEqual(400);
}

describe('framework errors in the product shape', () => {
  it('answers a URL with broken percent-encoding with 400 bad_url', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/enterprises/%E0%A4%A', headers: admin });
    expect(res.statusCode).toBe(400);
    expectProductError(res.statusCode, res.body, 'bad_url');
  });

  it('answers an unknown route and an unknown method with 404 in Chinese', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['DELETE', '/api/enterprises']] as const) {
      const res = await t.app.inject({ method, url, headers: admin });
      expect(res.statusCode).toBe(404);
      expectProductError(res.statusCode, res.body, 'not_found');
      expect(res.json().error.message).toContain(`${method} ${url}`);
    }
    const long = await t.app.inject({ method: 'GET', url: `/api/${'x'.repeat(5000)}`, headers: admin });
    expect(long.json().error.message.length).toBeLessThan(200);
  });

  it('answers an unsupported media type with 415 in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { ...admin, 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expectProductError(res.statusCode, res.body, 'unsupported_media_type');
  });

  it('answers a body whose Content-Length disagrees with it in the product shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { ...admin, 'content-type': 'application/json', 'content-length': '1' },
      payload: '{"name":"x"}',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectProductError(res.statusCode, res.body);
  });

  it('answers oversized headers (431) from the HTTP parser in the product shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/health', headers: { cookie: `x=${'a'.repeat(40_000)}` } }, (r) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expectProductError(res.status, res.body, 'headers_too_large');
  });
});

describe('validation messages', () => {
  it('are whole Chinese sentences naming each field, with no English fragments', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: { name: 1, creditCode: '', contactName: 'a'.repeat(60) },
    });
    expect(res.statusCode).toBe(400);
    const { message, details } = res.json().error;
    expect(message).toMatch(/^请求内容不符合要求：.*。$/);
    for (const field of ['name', 'contactName', 'industry']) expect(message).toContain(`“${field}”`);
    expect(message).toContain('字段“contactName”不能超过 50 个字符');
    expect(message).toContain('字段“industry”是必填项');
    expect(englishWords(message)).toEqual([]);
    for (const d of details) expect(englishWords(d.message)).toEqual([]);
  });

  it('name the query parameter that is not a number', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/enterprises?page=abc', headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('查询参数不符合要求：字段“page”应为数字。');
  });
});
