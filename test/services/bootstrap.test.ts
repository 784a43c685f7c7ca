import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open.js';
import { ensureInitialAdmin } from '../../server/services/bootstrap.js';
import { authenticate } from '../../server/services/users.js';
import { hashPassword } from '../../server/services/passwords.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsd-bootstrap-'));
  db = openDatabase(join(dir, 'dsd.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('first start', () => {
  it('creates the admin once and prints its password only the first time', async () => {
    const printed: string[] = [];
    expect(await ensureInitialAdmin(db, (t) => printed.push(t))).toBe(true);
    expect(await ensureInitialAdmin(db, (t) => printed.push(t))).toBe(false);

    expect(printed).toHaveLength(1);
    const password = /初始密码：(\S+)/.exec(printed[0])?.[1];
    expect(password).toBeDefined();
    expect(printed[0]).toContain('用户名：admin');
    expect(printed[0]).toContain('npm run user:reset-password');

    const outcome = await authenticate(db, 'admin', password!);
    expect(outcome.ok && outcome.user.role).toBe('admin');
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    // The printed password is not what is stored.
    expect(db.prepare('SELECT password_hash FROM users').pluck().get()).not.toContain(password);
  });

  it('creates nothing when any account already exists', async () => {
    db.prepare(`INSERT INTO users (username, display_name, password_hash, role) VALUES ('ops', 'ops', ?, 'bureau')`)
      .run(await hashPassword('Whatever-123'));
    const printed: string[] = [];
    expect(await ensureInitialAdmin(db, (t) => printed.push(t))).toBe(false);
    expect(printed).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM users WHERE username = 'admin'`).pluck().get()).toBe(0);
  });
});
