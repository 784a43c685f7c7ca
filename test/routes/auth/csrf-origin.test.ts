import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { PASSWORD, addUser, login } from '../../helpers/accounts.js';

let t: TestApp;
let admin: LoggedIn;
let targetId: number;
beforeEach(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin');
  targetId = (await addUser(t.app, 'target', 'bureau')).id;
});
afterEach(async () => {
  await t.close();
});

const rename = (headers: Record<string, string>) =>
  t.app.inject({ method: 'PATCH', url: `/api/users/${targetId}`, headers, payload: { displayName: '被改名' } });
const displayName = () => t.app.db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(targetId);

describe('CSRF token', () => {
  it('refuses a state-changing request with a session but no token, changing nothing', async () => {
    const res = await rename({ cookie: admin.headers.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    expect(displayName()).toBe('target');
  });

  it('refuses a wrong token, changing nothing', async () => {
    const res = await rename({ ...admin.headers, 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(displayName()).toBe('target');
  });

  it('refuses another session\'s token', async () => {
    const other = loginAs(t.app, 'admin');
    expect((await rename({ cookie: admin.headers.cookie, 'x-csrf-token': other.headers['x-csrf-token'] })).statusCode).toBe(403);
    expect(displayName()).toBe('target');
  });

  it('accepts the right token', async () => {
    expect((await rename(admin.headers)).statusCode).toBe(200);
    expect(displayName()).toBe('被改名');
  });

  it('is not needed for reading', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.headers.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('Origin check', () => {
  it('refuses a state-changing request from another origin, even with a valid token', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'http://localhost:8080', 'null']) {
      const res = await rename({ ...admin.headers, origin });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('origin');
    }
    expect(displayName()).toBe('target');
  });

  it('accepts the own origin (default port or explicit)', async () => {
    expect((await rename({ ...admin.headers, host: 'dsd.example.cn', origin: 'https://dsd.example.cn' })).statusCode).toBe(200);
    expect((await rename({ ...admin.headers, host: 'localhost:3000', origin: 'http://localhost:3000' })).statusCode).toBe(200);
  });

  it('refuses a login posted from another site (login CSRF), creating no session', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const before = t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get();
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' },
      payload: { username: 'zhang.wei', password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(before);
    expect((await login(t.app, 'zhang.wei', PASSWORD)).statusCode).toBe(200);
  });

  it('does not apply to reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { ...admin.headers, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});
