/**
 * Every users route × every role: allowed, or 401 / 403 / 404 — and never an account of another district
 * or enterprise. "own" and "other" district officers are relative to the enterprise user being handled.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { addEnterprise } from '../../helpers/accounts.js';

type Actor = 'admin' | 'bureau' | 'districtOwn' | 'districtOther' | 'diagnostician' | 'enterprise' | 'anonymous';
const ACTORS: Actor[] = ['admin', 'bureau', 'districtOwn', 'districtOther', 'diagnostician', 'enterprise', 'anonymous'];

function world(app: FastifyInstance) {
  const chaoyang = districtId(app, '朝阳区');
  const kuancheng = districtId(app, '宽城区');
  const e1 = addEnterprise(app, '朝阳区');
  const e2 = addEnterprise(app, '宽城区');
  const targets = {
    admin: loginAs(app, 'admin').user,
    bureau: loginAs(app, 'bureau').user,
    district: loginAs(app, 'district', { districtId: chaoyang }).user,
    diagnostician: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [e1, e2] }).user,
    enterpriseOwn: loginAs(app, 'enterprise', { enterpriseId: e1 }).user,
    enterpriseOther: loginAs(app, 'enterprise', { enterpriseId: e2 }).user,
  };
  const sessions: Record<Actor, Record<string, string>> = {
    admin: loginAs(app, 'admin').headers,
    bureau: loginAs(app, 'bureau').headers,
    districtOwn: loginAs(app, 'district', { districtId: chaoyang }).headers,
    districtOther: loginAs(app, 'district', { districtId: kuancheng }).headers,
    diagnostician: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [e1] }).headers,
    enterprise: loginAs(app, 'enterprise', { enterpriseId: e1 }).headers,
    anonymous: {},
  };
  return { e1, e2, chaoyang, kuancheng, targets, sessions };
}

// One app for the file; every test gets its own fresh accounts and enterprises, so tests do not interfere.
let t: TestApp;
let w: ReturnType<typeof world>;
beforeAll(async () => {
  t = await createTestApp();
});
beforeEach(() => {
  w = world(t.app);
});
afterAll(async () => {
  await t.close();
});

const inject = (actor: Actor, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: w.sessions[actor], ...(payload ? { payload } : {}) });

const NOT_AN_ADMINISTRATOR = { diagnostician: 403, enterprise: 403, anonymous: 401 } as const;

describe('GET /api/users', () => {
  it.each(ACTORS)('%s sees only the accounts in its view', async (actor) => {
    const res = await inject(actor, 'GET', '/api/users');
    if (actor in NOT_AN_ADMINISTRATOR) {
      expect(res.statusCode).toBe(NOT_AN_ADMINISTRATOR[actor as keyof typeof NOT_AN_ADMINISTRATOR]);
      expect(res.body).not.toContain('"users"');
      return;
    }
    expect(res.statusCode).toBe(200);
    const ids = new Set(res.json().users.map((u: { id: number }) => u.id));
    const seen = Object.fromEntries(Object.entries(w.targets).map(([k, u]) => [k, ids.has(u.id)]));
    const expected = {
      admin: { admin: true, bureau: true, district: true, diagnostician: true, enterpriseOwn: true, enterpriseOther: true },
      bureau: { admin: false, bureau: false, district: true, diagnostician: true, enterpriseOwn: true, enterpriseOther: true },
      districtOwn: { admin: false, bureau: false, district: false, diagnostician: true, enterpriseOwn: true, enterpriseOther: false },
      districtOther: { admin: false, bureau: false, district: false, diagnostician: true, enterpriseOwn: false, enterpriseOther: true },
    }[actor as 'admin' | 'bureau' | 'districtOwn' | 'districtOther'];
    expect(seen).toEqual(expected);
  });

  it('filters by role', async () => {
    const res = await inject('admin', 'GET', '/api/users?role=enterprise');
    const users: { id: number; role: string }[] = res.json().users;
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['enterprise']));
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([w.targets.enterpriseOwn.id, w.targets.enterpriseOther.id]));
    expect((await inject('admin', 'GET', '/api/users?role=king')).statusCode).toBe(400);
  });
});

describe('GET /api/users/:id', () => {
  const visible: Record<Actor, (keyof ReturnType<typeof world>['targets'])[]> = {
    admin: ['admin', 'bureau', 'district', 'diagnostician', 'enterpriseOwn', 'enterpriseOther'],
    bureau: ['district', 'diagnostician', 'enterpriseOwn', 'enterpriseOther'],
    districtOwn: ['diagnostician', 'enterpriseOwn'],
    districtOther: ['diagnostician', 'enterpriseOther'],
    diagnostician: [],
    enterprise: [],
    anonymous: [],
  };
  it.each(ACTORS)('%s: 200 inside its view, 404 outside, 401/403 without the role', async (actor) => {
    for (const [name, user] of Object.entries(w.targets)) {
      const res = await inject(actor, 'GET', `/api/users/${user.id}`);
      const expected = actor in NOT_AN_ADMINISTRATOR
        ? NOT_AN_ADMINISTRATOR[actor as keyof typeof NOT_AN_ADMINISTRATOR]
        : visible[actor].includes(name as never) ? 200 : 404;
      expect({ name, status: res.statusCode }).toEqual({ name, status: expected });
      if (expected !== 200) expect(res.body).not.toContain(user.username);
    }
    if (!(actor in NOT_AN_ADMINISTRATOR)) expect((await inject(actor, 'GET', '/api/users/999999')).statusCode).toBe(404);
  });
});

/** Expected status per actor for a write concerning the 朝阳区 enterprise user or enterprise. */
const WRITE_ON_OWN_ENTERPRISE: Record<Actor, number> = {
  admin: 200, bureau: 200, districtOwn: 200, districtOther: 404, diagnostician: 403, enterprise: 403, anonymous: 401,
};

describe('POST /api/users', () => {
  it.each(ACTORS)('%s creating an enterprise user of a 朝阳区 enterprise', async (actor) => {
    const res = await inject(actor, 'POST', '/api/users', { username: `new-${actor}`, role: 'enterprise', enterpriseId: w.e1 });
    const expected = WRITE_ON_OWN_ENTERPRISE[actor] === 200 ? 201 : WRITE_ON_OWN_ENTERPRISE[actor];
    expect(res.statusCode).toBe(expected);
    const stored = t.app.db.prepare('SELECT count(*) FROM users WHERE username = ?').pluck().get(`new-${actor}`);
    expect(stored).toBe(expected === 201 ? 1 : 0);
  });

  const mayCreate: Record<Actor, string[]> = {
    admin: ['admin', 'bureau', 'district', 'diagnostician'],
    bureau: ['district', 'diagnostician'],
    districtOwn: [],
    districtOther: [],
    diagnostician: [],
    enterprise: [],
    anonymous: [],
  };
  it.each(ACTORS)('%s creating accounts of the other roles', async (actor) => {
    for (const role of ['admin', 'bureau', 'district', 'diagnostician']) {
      const body = { username: `${role}-by-${actor}`, role, ...(role === 'district' ? { districtId: w.chaoyang } : {}) };
      const res = await inject(actor, 'POST', '/api/users', body);
      const expected = mayCreate[actor].includes(role) ? 201 : actor === 'anonymous' ? 401 : 403;
      expect({ role, status: res.statusCode }).toEqual({ role, status: expected });
    }
  });
});

describe('PATCH /api/users/:id', () => {
  it.each(ACTORS)('%s renaming the 朝阳区 enterprise user', async (actor) => {
    const res = await inject(actor, 'PATCH', `/api/users/${w.targets.enterpriseOwn.id}`, { displayName: '改名' });
    expect(res.statusCode).toBe(WRITE_ON_OWN_ENTERPRISE[actor]);
    const name = t.app.db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(w.targets.enterpriseOwn.id);
    expect(name).toBe(res.statusCode === 200 ? '改名' : w.targets.enterpriseOwn.username);
  });

  it.each(['bureau', 'districtOwn'] as Actor[])('%s cannot touch an admin or a bureau account (404)', async (actor) => {
    for (const target of [w.targets.admin, w.targets.bureau]) {
      expect((await inject(actor, 'PATCH', `/api/users/${target.id}`, { disabled: true })).statusCode).toBe(404);
    }
    expect(t.app.db.prepare('SELECT count(*) FROM users WHERE disabled = 1').pluck().get()).toBe(0);
  });

  it('a district officer sees but cannot change a diagnostician', async () => {
    expect((await inject('districtOwn', 'GET', `/api/users/${w.targets.diagnostician.id}`)).statusCode).toBe(200);
    expect((await inject('districtOwn', 'PATCH', `/api/users/${w.targets.diagnostician.id}`, { disabled: true })).statusCode).toBe(404);
  });

  it('a district officer cannot move its enterprise user to another district\'s enterprise (404), nor promote it (403)', async () => {
    const id = w.targets.enterpriseOwn.id;
    expect((await inject('districtOwn', 'PATCH', `/api/users/${id}`, { enterpriseId: w.e2 })).statusCode).toBe(404);
    expect((await inject('districtOwn', 'PATCH', `/api/users/${id}`, { role: 'bureau', enterpriseId: null })).statusCode).toBe(403);
    const row = t.app.db.prepare('SELECT role, enterprise_id AS e FROM users WHERE id = ?').get(id);
    expect(row).toEqual({ role: 'enterprise', e: w.e1 });
  });

  it('bureau cannot promote an account to admin', async () => {
    const res = await inject('bureau', 'PATCH', `/api/users/${w.targets.diagnostician.id}`, { role: 'admin' });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/users/:id/password', () => {
  it.each(ACTORS)('%s resetting the 朝阳区 enterprise user\'s password', async (actor) => {
    const before = t.app.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(w.targets.enterpriseOwn.id);
    const res = await inject(actor, 'POST', `/api/users/${w.targets.enterpriseOwn.id}/password`, {});
    expect(res.statusCode).toBe(WRITE_ON_OWN_ENTERPRISE[actor]);
    const after = t.app.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(w.targets.enterpriseOwn.id);
    if (res.statusCode === 200) expect(after).not.toBe(before);
    else expect(after).toBe(before);
  });
});

describe('diagnostician assignments', () => {
  const list = async (actor: Actor) => inject(actor, 'GET', `/api/users/${w.targets.diagnostician.id}/assignments`);

  it.each(ACTORS)('%s reading a diagnostician\'s assignments sees only enterprises in its scope', async (actor) => {
    const res = await list(actor);
    if (actor in NOT_AN_ADMINISTRATOR) {
      expect(res.statusCode).toBe(NOT_AN_ADMINISTRATOR[actor as keyof typeof NOT_AN_ADMINISTRATOR]);
      return;
    }
    expect(res.statusCode).toBe(200);
    const ids = res.json().enterprises.map((e: { id: number }) => e.id).sort();
    const expected = { admin: [w.e1, w.e2], bureau: [w.e1, w.e2], districtOwn: [w.e1], districtOther: [w.e2] }[actor as 'admin'];
    expect(ids).toEqual(expected.sort());
  });

  it.each(ACTORS)('%s assigning a 朝阳区 enterprise', async (actor) => {
    const res = await inject(actor, 'PUT', `/api/users/${w.targets.diagnostician.id}/assignments`, { enterpriseIds: [w.e1] });
    expect(res.statusCode).toBe(WRITE_ON_OWN_ENTERPRISE[actor]);
    const stored = t.app.db.prepare('SELECT enterprise_id FROM assignments WHERE user_id = ? ORDER BY 1').pluck().all(w.targets.diagnostician.id);
    // admin and bureau replace the whole set; a district officer only its district's part; refusals change nothing.
    const expected = { admin: [w.e1], bureau: [w.e1], districtOwn: [w.e1, w.e2] }[actor as 'admin'] ?? [w.e1, w.e2];
    expect(stored).toEqual([...expected].sort((a, b) => a - b));
  });

  it('a district officer clearing its district\'s assignments leaves the other district\'s', async () => {
    const res = await inject('districtOwn', 'PUT', `/api/users/${w.targets.diagnostician.id}/assignments`, { enterpriseIds: [] });
    expect(res.json().enterprises).toEqual([]);
    expect(t.app.db.prepare('SELECT enterprise_id FROM assignments WHERE user_id = ?').pluck().all(w.targets.diagnostician.id)).toEqual([w.e2]);
  });

  it('refuses assignments for an account that is not a diagnostician, and unknown enterprises', async () => {
    const notDiag = await inject('admin', 'PUT', `/api/users/${w.targets.enterpriseOwn.id}/assignments`, { enterpriseIds: [w.e1] });
    expect(notDiag.statusCode).toBe(400);
    expect(notDiag.json().error.message).toBe('只有诊断人员账号可以分配企业');
    const unknown = await inject('admin', 'PUT', `/api/users/${w.targets.diagnostician.id}/assignments`, { enterpriseIds: [w.e1, 999999] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('999999');
    expect(t.app.db.prepare('SELECT count(*) FROM assignments WHERE user_id = ?').pluck().get(w.targets.diagnostician.id)).toBe(2);
  });

  it('bureau cannot read assignments of an account outside its view (404)', async () => {
    expect((await inject('bureau', 'GET', `/api/users/${w.targets.admin.id}/assignments`)).statusCode).toBe(404);
  });
});
