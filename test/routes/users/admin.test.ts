import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { PASSWORD, addEnterprise, addUser, login, sessionHeaders } from '../../helpers/accounts.js';

// One app for the file: every test uses its own user names and addresses (the login rate limit is per address).
let t: TestApp;
let admin: LoggedIn;
let ip = 0;
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin');
});
afterAll(async () => {
  await t.close();
});

const as = (who: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
const loginFresh = (username: string, password: string) => login(t.app, username, password, `10.9.${Math.floor(++ip / 250)}.${ip % 250}`);
const count = (username: string) => t.app.db.prepare('SELECT count(*) FROM users WHERE username = ?').pluck().get(username);

describe('creating accounts', () => {
  it('generates a strong password when none is given, returns it once, and it logs in', async () => {
    const res = await as(admin, 'POST', '/api/users', { username: 'wang.fang', displayName: '王芳', role: 'bureau' });
    expect(res.statusCode).toBe(201);
    const { user, generatedPassword } = res.json();
    expect(user).toMatchObject({ username: 'wang.fang', displayName: '王芳', role: 'bureau', disabled: false, lastLoginAt: null });
    expect(generatedPassword).toHaveLength(16);
    expect(res.body).not.toContain('password_hash');
    expect((await loginFresh('wang.fang', generatedPassword)).statusCode).toBe(200);
    const listed = await as(admin, 'GET', `/api/users/${user.id}`);
    expect(listed.body).not.toContain(generatedPassword);
  });

  it('uses a given password and does not echo it', async () => {
    const res = await as(admin, 'POST', '/api/users', { username: 'li.lei', role: 'diagnostician', password: 'Given-Secret-9' });
    expect(res.statusCode).toBe(201);
    expect(res.json().generatedPassword).toBeUndefined();
    expect(res.json().user.displayName).toBe('li.lei');
    expect((await loginFresh('li.lei', 'Given-Secret-9')).statusCode).toBe(200);
  });

  it('refuses a weak password, a bad or taken user name, with nothing stored', async () => {
    const weak = await as(admin, 'POST', '/api/users', { username: 'weak.one', role: 'bureau', password: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码不符合要求');
    expect(count('weak.one')).toBe(0);

    for (const username of ['ab', '张三', 'has space', '-dash', 'x'.repeat(65)]) {
      const res = await as(admin, 'POST', '/api/users', { username, role: 'bureau' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('用户名须为');
    }
    await addUser(t.app, 'taken', 'bureau');
    const dup = await as(admin, 'POST', '/api/users', { username: 'TAKEN', role: 'bureau' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('已被使用');
  });

  it('checks role and scope consistency', async () => {
    const e = addEnterprise(t.app, '南关区');
    const cases: [object, string][] = [
      [{ username: 'case1', role: 'district' }, '必须指定所属区县'],
      [{ username: 'case2', role: 'enterprise' }, '必须指定所属企业'],
      [{ username: 'case3', role: 'enterprise', enterpriseId: 999999 }, '所选企业不存在'],
      [{ username: 'case4', role: 'district', districtId: 999999 }, '所选区县不存在'],
      [{ username: 'case5', role: 'diagnostician', enterpriseId: e }, '只有企业用户账号可以指定企业'],
      [{ username: 'case6', role: 'bureau', districtId: districtId(t.app, '南关区') }, '只有区县工信部门账号可以指定区县'],
    ];
    for (const [body, message] of cases) {
      const res = await as(admin, 'POST', '/api/users', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect(t.app.db.prepare(`SELECT count(*) FROM users WHERE username LIKE 'case_'`).pluck().get()).toBe(0);
  });

  it('a district officer gets the same 404 for an unknown enterprise and another district\'s', async () => {
    const officer = loginAs(t.app, 'district', { districtId: districtId(t.app, '南关区') });
    const other = addEnterprise(t.app, '绿园区');
    const a = await as(officer, 'POST', '/api/users', { username: 'probe1', role: 'enterprise', enterpriseId: 999999 });
    const b = await as(officer, 'POST', '/api/users', { username: 'probe2', role: 'enterprise', enterpriseId: other });
    expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
    expect(a.json().error.message).toBe(b.json().error.message);
    const c = await as(officer, 'POST', '/api/users', { username: 'probe3', role: 'enterprise' });
    expect(c.statusCode).toBe(400);
  });
});

describe('changing accounts', () => {
  it('disabling ends the account\'s sessions at once and blocks login; enabling restores it', async () => {
    const user = await addUser(t.app, 'to.disable', 'bureau');
    const session = sessionHeaders(await loginFresh('to.disable', PASSWORD));
    const res = await as(admin, 'PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    expect(t.app.db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(user.id)).toBe(0);
    expect((await loginFresh('to.disable', PASSWORD)).statusCode).toBe(401);

    await as(admin, 'PATCH', `/api/users/${user.id}`, { disabled: false });
    expect((await loginFresh('to.disable', PASSWORD)).statusCode).toBe(200);
  });

  it('an administrator cannot disable itself or change its own role', async () => {
    for (const change of [{ disabled: true }, { role: 'bureau' }]) {
      const res = await as(admin, 'PATCH', `/api/users/${admin.user.id}`, change);
      expect(res.statusCode).toBe(400);
    }
    expect((await as(admin, 'PATCH', `/api/users/${admin.user.id}`, { displayName: '管理员甲' })).statusCode).toBe(200);
  });

  it('a role change ends sessions and drops a former diagnostician\'s assignments', async () => {
    const e = addEnterprise(t.app, '二道区');
    const diag = loginAs(t.app, 'diagnostician', { assignedEnterpriseIds: [e] });
    const res = await as(admin, 'PATCH', `/api/users/${diag.user.id}`, { role: 'district', districtId: districtId(t.app, '二道区') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'district', districtName: '二道区', enterpriseId: null });
    expect(t.app.db.prepare('SELECT count(*) FROM assignments WHERE user_id = ?').pluck().get(diag.user.id)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: diag.headers })).statusCode).toBe(401);
  });

  it('a role change must bring the new role\'s scope', async () => {
    const diag = loginAs(t.app, 'diagnostician');
    const res = await as(admin, 'PATCH', `/api/users/${diag.user.id}`, { role: 'enterprise' });
    expect(res.statusCode).toBe(400);
    expect(t.app.db.prepare('SELECT role FROM users WHERE id = ?').pluck().get(diag.user.id)).toBe('diagnostician');
  });

  it('a rename keeps the sessions', async () => {
    const user = loginAs(t.app, 'bureau');
    expect((await as(admin, 'PATCH', `/api/users/${user.user.id}`, { displayName: '新名字' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode).toBe(200);
  });
});

describe('resetting passwords', () => {
  it('sets a generated password, ends the sessions and lifts a lockout', async () => {
    const user = await addUser(t.app, 'forgetful', 'diagnostician');
    const session = sessionHeaders(await loginFresh('forgetful', PASSWORD));
    for (let i = 0; i < 10; i++) await loginFresh('forgetful', 'Wrong-Password-1');
    expect((await loginFresh('forgetful', PASSWORD)).statusCode).toBe(429);

    const res = await as(admin, 'POST', `/api/users/${user.id}/password`, {});
    expect(res.statusCode).toBe(200);
    const { generatedPassword } = res.json();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    expect((await loginFresh('forgetful', generatedPassword)).statusCode).toBe(200);
  });

  it('applies the policy to a given password', async () => {
    const user = await addUser(t.app, 'policy.check', 'diagnostician');
    const res = await as(admin, 'POST', `/api/users/${user.id}/password`, { password: 'policy.check' });
    expect(res.statusCode).toBe(400);
    expect((await as(admin, 'POST', `/api/users/${user.id}/password`, { password: 'Fine-Password-1' })).json()).toEqual({});
    expect((await loginFresh('policy.check', 'Fine-Password-1')).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('answers malformed ids, bodies and JSON with 400', async () => {
    expect((await as(admin, 'GET', '/api/users/abc')).statusCode).toBe(400);
    expect((await as(admin, 'PATCH', '/api/users/1', { disabled: 'yes' })).statusCode).toBe(400);
    expect((await as(admin, 'PUT', '/api/users/1/assignments', { enterpriseIds: ['x'] })).statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST', url: '/api/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
    for (const p of ['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/auth/password', '/api/users', '/api/users/{id}', '/api/users/{id}/password', '/api/users/{id}/assignments'])
      expect(paths).toHaveProperty([p]);
  });
});
