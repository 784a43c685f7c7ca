/**
 * Serving the built web app: client routes answer with the app's page (deep links and reloads work), hashed assets
 * are cached for a year, the page and the service worker are always revalidated, and unknown paths stay 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWebApp } from '../helpers/web.js';

describe('the web app over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    buildWebApp();
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['/', '/login', '/work', '/assessments/12', '/assessments/12/review', '/account/password'])('answers %s with the app page', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<dsd-app>');
  });

  it('caches hashed assets for a year and revalidates the service worker', async () => {
    const asset = readdirSync('web/dist/assets').find((f) => f.endsWith('.js'))!;
    const js = await t.app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await t.app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.body).toContain(`/assets/${asset}`);
  });

  it.each(['/no-such-page', '/api/no-such', '/assets/no-such.js', '/assessments/12/nothing'])(
    'answers the unknown address %s with 404 in the product\'s error shape',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('找不到请求的地址') } });
    },
  );

  it('serves the app page for client routes without a session, but keeps the API closed', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/work' })).statusCode).toBe(200);
    const api = await t.app.inject({ method: 'GET', url: '/api/assessments' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
