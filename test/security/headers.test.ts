import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const urls = ['/api/health', '/api/auth/me', '/api/does-not-exist', '/'];

describe('security headers', () => {
  it.each(urls)('%s carries CSP, nosniff, frame and referrer policies', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it.each(urls)('%s does not reveal the server software', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers.server).toBeUndefined();
    expect(res.body).not.toMatch(/fastify|node\.js|express/i);
  });

  it('sends no HSTS and no upgrade-insecure-requests over plain HTTP (the app on a LAN address)', async () => {
    for (const url of ['/api/health', '/']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    }
  });

  it('sends HSTS and upgrade-insecure-requests when configured for HTTPS', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });

  it('answers malformed JSON, wrong content type and oversize bodies with 4xx and a Chinese message', async () => {
    const cases = [
      { headers: { 'content-type': 'application/json' }, payload: '{not json' },
      { headers: { 'content-type': 'application/json' }, payload: '' },
      { headers: { 'content-type': 'application/x-unknown' }, payload: 'x' },
      { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'a', password: 'b'.repeat(3_000_000) }) },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', ...c });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
