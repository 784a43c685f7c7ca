/**
 * Behind a reverse proxy (DSD_TRUST_PROXY) the login limits and the Origin check see the client, not the proxy;
 * without the setting, X-Forwarded-* headers are ignored so a client cannot choose its own address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { PASSWORD, addUser } from '../../helpers/accounts.js';
import { loadConfig } from '../../../server/config.js';

const PROXY = '10.9.9.9';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const viaProxy = (app: TestApp['app'], client: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'zhang.wei', password },
    remoteAddress: PROXY,
    headers: { 'x-forwarded-for': client, ...headers },
  });

describe('DSD_TRUST_PROXY', () => {
  it('is off by default and takes a hop count or a list of addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ DSD_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ DSD_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DSD_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ DSD_TRUST_PROXY: 'nginx.local' })).toThrow(/DSD_TRUST_PROXY.*nginx\.local/s);
    expect(() => loadConfig({ DSD_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/DSD_TRUST_PROXY/);
  });

  it('counts login failures per client behind a trusted proxy', async () => {
    t = await createTestApp({ trustProxy: [PROXY] });
    await addUser(t.app, 'zhang.wei', 'bureau');
    for (let i = 0; i < 5; i++) expect((await viaProxy(t.app, '203.0.113.5', 'Wrong-Password-1')).statusCode).toBe(401);
    expect((await viaProxy(t.app, '203.0.113.5', PASSWORD)).statusCode).toBe(429);
    expect((await viaProxy(t.app, '203.0.113.6', PASSWORD)).statusCode).toBe(200);
  });

  it('accepts a hop count', async () => {
    t = await createTestApp({ trustProxy: 1 });
    await addUser(t.app, 'zhang.wei', 'bureau');
    for (let i = 0; i < 5; i++) expect((await viaProxy(t.app, '203.0.113.5', 'Wrong-Password-1')).statusCode).toBe(401);
    expect((await viaProxy(t.app, '203.0.113.6', PASSWORD)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For when off, so a client cannot escape its limit by inventing addresses', async () => {
    t = await createTestApp();
    await addUser(t.app, 'zhang.wei', 'bureau');
    for (let i = 0; i < 5; i++) expect((await viaProxy(t.app, `203.0.113.${i}`, 'Wrong-Password-1')).statusCode).toBe(401);
    expect((await viaProxy(t.app, '203.0.113.99', PASSWORD)).statusCode).toBe(429);
  });

  it('checks Origin against the host the proxy forwards', async () => {
    const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': 'dsd.example.cn', origin: 'https://dsd.example.cn' };
    t = await createTestApp({ trustProxy: [PROXY] });
    await addUser(t.app, 'zhang.wei', 'bureau');
    expect((await viaProxy(t.app, '203.0.113.5', PASSWORD, headers)).statusCode).toBe(200);
    await t.close();
    t = await createTestApp();
    await addUser(t.app, 'zhang.wei', 'bureau');
    expect((await viaProxy(t.app, '203.0.113.5', PASSWORD, headers)).statusCode).toBe(403);
  });
});
