import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open.js';
import { referenceData } from '../../server/db/reference-data.js';
import { seedReferenceData } from '../../server/db/seed.js';
import { MAX_FAILURES } from '../../server/services/login-throttle.js';
import { DEMO_PASSWORD, authenticate, createDemoAccounts, createUser } from '../../server/services/users.js';

let dir: string;
let db: Db;
let qikai: number;
let enterprises: number[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsd-users-'));
  db = openDatabase(join(dir, 'dsd.sqlite'));
  seedReferenceData(db, referenceData());
  qikai = db.prepare(`SELECT id FROM districts WHERE name = '汽开区'`).pluck().get() as number;
  const insert = db.prepare(`INSERT INTO enterprises (credit_code, name, district_id, industry_code) VALUES (?, ?, ?, 'auto')`);
  enterprises = ['91220101MA00000001', '91220101MA00000002', '91220101MA00000003'].map((code, i) =>
    Number(insert.run(code, `演示企业${i}`, qikai).lastInsertRowid));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = { displayName: '张三', password: 'Correct-Horse-7', districtId: null, enterpriseId: null };

describe('demo accounts', () => {
  it('creates one account per role with the demo password, idempotently', async () => {
    const opts = { districtId: qikai, enterpriseId: enterprises[0], assignedEnterpriseIds: enterprises.slice(0, 2) };
    await createDemoAccounts(db, opts);
    await createDemoAccounts(db, opts);

    const rows = db.prepare(`SELECT username, role, district_id AS d, enterprise_id AS e FROM users ORDER BY username`).all();
    expect(rows).toEqual([
      { username: 'demo-admin', role: 'admin', d: null, e: null },
      { username: 'demo-bureau', role: 'bureau', d: null, e: null },
      { username: 'demo-diagnostician', role: 'diagnostician', d: null, e: null },
      { username: 'demo-district', role: 'district', d: qikai, e: null },
      { username: 'demo-enterprise', role: 'enterprise', d: null, e: enterprises[0] },
    ]);
    for (const r of rows as { username: string }[]) expect((await authenticate(db, r.username, DEMO_PASSWORD)).ok).toBe(true);
    expect(db.prepare(`SELECT enterprise_id FROM assignments ORDER BY enterprise_id`).pluck().all()).toEqual(enterprises.slice(0, 2));
  });
});

describe('account consistency', () => {
  it('requires a district for a district officer and an enterprise for an enterprise user', async () => {
    await expect(createUser(db, { ...base, username: 'd1', role: 'district' })).rejects.toThrow('必须指定所属区县');
    await expect(createUser(db, { ...base, username: 'e1', role: 'enterprise' })).rejects.toThrow('必须指定所属企业');
    await expect(createUser(db, { ...base, username: 'e2', role: 'enterprise', enterpriseId: 999_999 })).rejects.toThrow('所选企业不存在');
    await expect(createUser(db, { ...base, username: 'b1', role: 'bureau', districtId: qikai })).rejects.toThrow('只有区县工信部门账号可以指定区县');
    await expect(createUser(db, { ...base, username: 'x1', role: 'diagnostician', enterpriseId: enterprises[0] })).rejects.toThrow('只有企业用户账号可以指定企业');
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });

  it('refuses a duplicate user name regardless of case', async () => {
    await createUser(db, { ...base, username: 'zhang', role: 'bureau' });
    await expect(createUser(db, { ...base, username: 'ZHANG', role: 'bureau' })).rejects.toThrow('已被使用');
  });
});

describe('login lockout', () => {
  it(`locks a user name after ${MAX_FAILURES} failures, even for the right password, and counts unknown names too`, async () => {
    await createUser(db, { ...base, username: 'zhang', role: 'bureau' });
    for (let i = 0; i < MAX_FAILURES; i++) expect(await authenticate(db, 'zhang', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db, 'ZHANG', base.password)).toEqual({ ok: false, reason: 'locked' });

    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(db, 'nobody', 'wrong-password');
    expect(await authenticate(db, 'nobody', 'wrong-password')).toEqual({ ok: false, reason: 'locked' });
  });

  it('unlocks after the lock period and forgets failures after a success', async () => {
    await createUser(db, { ...base, username: 'zhang', role: 'bureau' });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await authenticate(db, 'zhang', 'wrong-password');
    expect((await authenticate(db, 'zhang', base.password)).ok).toBe(true);
    await authenticate(db, 'zhang', 'wrong-password');
    expect(db.prepare('SELECT failures FROM login_failures').pluck().get()).toBe(1);

    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(db, 'zhang', 'wrong-password');
    expect((await authenticate(db, 'zhang', base.password)).ok).toBe(false);
    // Let the lock and its window run out.
    db.prepare(`UPDATE login_failures SET locked_until = '2000-01-01T00:00:00.000Z', window_started_at = '2000-01-01T00:00:00.000Z'`).run();
    expect((await authenticate(db, 'zhang', base.password)).ok).toBe(true);
  });
});
