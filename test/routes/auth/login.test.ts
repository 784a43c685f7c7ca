import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { PASSWORD, addEnterprise, addUser, login, sessionHeaders } from '../../helpers/accounts.js';
import { hashToken } from '../../../server/plugins/auth.js';
import { deleteExpiredSessions } from '../../../server/services/sessions.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('POST /api/auth/login', () => {
  it('logs in, sets a strict HttpOnly session cookie and returns the user and a CSRF token', async () => {
    const created = await addUser(t.app, 'zhang.wei', 'bureau');
    const res = await login(t.app, 'zhang.wei', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      id: created.id, username: 'zhang.wei', displayName: 'zhang.wei', role: 'bureau', districtId: null, enterpriseId: null,
    });
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);

    const cookie = res.cookies.find((c) => c.name === 'dsd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 60 * 60 });
    expect(cookie.secure).toBeUndefined();
    expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(32);
    expect(res.headers['cache-control']).toBe('no-store');

    // Only the token's hash is stored.
    const stored = t.app.db.prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(stored).toEqual([hashToken(cookie.value)]);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: sessionHeaders(res) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(res.json());
    expect(t.app.db.prepare('SELECT last_login_at FROM users WHERE id = ?').pluck().get(created.id)).not.toBeNull();
  });

  it('accepts the user name in any case', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    expect((await login(t.app, 'Zhang.Wei', PASSWORD)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when configured for HTTPS', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      await addUser(secure.app, 'zhang.wei', 'bureau');
      const res = await login(secure.app, 'zhang.wei', PASSWORD);
      expect(res.cookies.find((c) => c.name === 'dsd_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('answers wrong password, unknown user and disabled account with the same 401 and no cookie', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const off = await addUser(t.app, 'li.na', 'bureau');
    t.app.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(off.id);

    const replies = [
      await login(t.app, 'zhang.wei', 'Wrong-Password-1'),
      await login(t.app, 'nobody', PASSWORD),
      await login(t.app, 'li.na', PASSWORD),
    ];
    for (const r of replies) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('用户名或密码错误');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  });

  it('refuses an empty or malformed body with 400, never 500', async () => {
    for (const payload of [{}, { username: '', password: 'x' }, { username: 'a' }, { username: 1, password: [] }]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(r.statusCode).toBe(400);
    }
    const bad = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('JSON');
    const huge = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(3 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('lets a whole office behind one address log in, each person after a mistyped password', async () => {
    for (let i = 0; i < 12; i++) await addUser(t.app, `staff.${i}`, 'bureau');
    for (let i = 0; i < 12; i++) {
      expect((await login(t.app, `staff.${i}`, 'Wrong-Password-1', '10.1.1.1')).statusCode).toBe(401);
      expect((await login(t.app, `staff.${i}`, PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    }
  });

  it('limits failures per address and user name to 5 a minute, without affecting other names or addresses', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    await addUser(t.app, 'li.na', 'bureau');
    for (let i = 0; i < 5; i++) expect((await login(t.app, 'Zhang.Wei', 'Wrong-Password-1', '10.1.1.1')).statusCode).toBe(401);
    const limited = await login(t.app, 'zhang.wei', PASSWORD, '10.1.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/请 \d+ 秒后再试/) });
    expect(limited.headers['set-cookie']).toBeUndefined();
    // A colleague at the same address, and the same person from another address, are not affected.
    expect((await login(t.app, 'li.na', PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    expect((await login(t.app, 'zhang.wei', PASSWORD, '10.1.1.2')).statusCode).toBe(200);
  });

  it('does not count malformed requests toward a user\'s failures', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    for (const payload of [{ username: 'zhang.wei' }, { username: 'zhang.wei', password: '' }, { username: 'zhang.wei', password: 7 }])
      for (let i = 0; i < 10; i++)
        expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: '10.1.1.1' })).statusCode).toBe(400);
    expect(t.app.db.prepare('SELECT count(*) FROM login_failures').pluck().get()).toBe(0);
    expect((await login(t.app, 'zhang.wei', PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('has a per-address ceiling of 200 login requests a minute, counting every request', async () => {
    for (let i = 0; i < 200; i++)
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.1.1.1' })).statusCode).toBe(400);
    const limited = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.1.1.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/操作过于频繁，请 \d+ 秒后再试/);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.1.1.2' })).statusCode).toBe(400);
  });

  it('locks a user name for 15 minutes after 10 failures, from whatever addresses', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    for (let i = 0; i < 10; i++) expect((await login(t.app, 'zhang.wei', 'Wrong-Password-1', `10.2.0.${i}`)).statusCode).toBe(401);
    const locked = await login(t.app, 'zhang.wei', PASSWORD, '10.3.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('已暂时锁定 15 分钟');
    expect(locked.headers['set-cookie']).toBeUndefined();
  });
});

describe('sessions', () => {
  it('stops accepting a session once it has expired, and the start-up cleanup removes it', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const headers = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    t.app.db.prepare(`UPDATE sessions SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 second')`).run();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);

    expect(deleteExpiredSessions(t.app.db)).toBe(1);
  });

  it('expires 12 hours after login', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    await login(t.app, 'zhang.wei', PASSWORD);
    const { created, expires } = t.app.db.prepare('SELECT created_at AS created, expires_at AS expires FROM sessions').get() as { created: string; expires: string };
    expect(Date.parse(expires) - Date.parse(created)).toBeGreaterThanOrEqual(12 * 3600 * 1000 - 1000);
    expect(Date.parse(expires) - Date.parse(created)).toBeLessThanOrEqual(12 * 3600 * 1000 + 1000);
  });

  it('replaces the session the browser already had on a new login', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const first = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: first, payload: { username: 'zhang.wei', password: PASSWORD } });
    expect(again.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first })).statusCode).toBe(401);
    expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
  });

  it('answers /me with 401 when not logged in or with an unknown cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'dsd_session=forged' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toBe('请先登录');
  });
});

describe('POST /api/auth/logout', () => {
  it('deletes the session and clears the cookie', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const headers = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'dsd_session')!;
    expect(cleared.value).toBe('');
    expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('needs the CSRF token (a foreign page cannot log the user out)', async () => {
    await addUser(t.app, 'zhang.wei', 'bureau');
    const { cookie } = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(403);
    expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
  });
});

describe('POST /api/auth/password', () => {
  const change = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword, newPassword } });

  it('changes the own password, keeps this session and ends the others', async () => {
    await addUser(t.app, 'zhang.wei', 'diagnostician');
    const here = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    const elsewhere = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    expect((await change(here, PASSWORD, 'New-Secret-2026')).statusCode).toBe(204);

    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: here })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: elsewhere })).statusCode).toBe(401);
    expect((await login(t.app, 'zhang.wei', PASSWORD)).statusCode).toBe(401);
    expect((await login(t.app, 'zhang.wei', 'New-Secret-2026')).statusCode).toBe(200);
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    await addUser(t.app, 'zhang.wei', 'enterprise', { enterpriseId: addEnterprise(t.app, '朝阳区') });
    const headers = sessionHeaders(await login(t.app, 'zhang.wei', PASSWORD));
    const wrong = await change(headers, 'Not-My-Password-1', 'New-Secret-2026');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('当前密码不正确');
    const weak = await change(headers, PASSWORD, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码至少需要 10 个字符');
    expect((await change(headers, PASSWORD, 'zhang.wei')).json().error.message).toContain('密码不能与用户名相同');
    expect((await login(t.app, 'zhang.wei', PASSWORD)).statusCode).toBe(200);
  });

  it('needs a login', async () => {
    expect((await change({}, PASSWORD, 'New-Secret-2026')).statusCode).toBe(401);
  });
});
