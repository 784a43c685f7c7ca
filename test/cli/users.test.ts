/**
 * Runs the real `npm run user:create` and `npm run user:reset-password` commands (node_modules/.bin/tsx, as npm
 * does) against a database in a temporary DSD_DATA_DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { authenticate } from '../../server/services/users.js';
import { runCli } from '../helpers/cli.js';

const SLOW = 60_000;

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dsd-cli-users-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (script: string, args: string[]) => runCli(script, args, { DSD_DATA_DIR: dataDir });

async function canLogin(username: string, password: string): Promise<boolean> {
  const db = openDatabase(join(dataDir, 'dsd.sqlite'));
  try {
    return (await authenticate(db, username, password)).ok;
  } finally {
    db.close();
  }
}

describe('user commands', { timeout: SLOW }, () => {
  it('creates a district officer by district name with a given password', async () => {
    const r = await cli('create-user', ['--', '--username', 'qikai.officer', '--role', 'district', '--district', '汽开区', '--password', 'Qikai-Officer-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已创建账号 qikai.officer');
    expect(r.stdout).not.toContain('Qikai-Officer-1');
    expect(await canLogin('qikai.officer', 'Qikai-Officer-1')).toBe(true);
  });

  it('generates and prints a password when none is given', async () => {
    const r = await cli('create-user', ['--username', 'city.bureau', '--role', 'bureau']);
    expect(r.code).toBe(0);
    const password = /初始密码：(\S+)/.exec(r.stdout)?.[1];
    expect(await canLogin('city.bureau', password!)).toBe(true);
  });

  it('fails with a Chinese message and exit code 1 on bad input', async () => {
    const noDistrict = await cli('create-user', ['--username', 'x.officer', '--role', 'district']);
    expect(noDistrict.code).toBe(1);
    expect(noDistrict.stderr).toContain('必须指定所属区县');
    const badRole = await cli('create-user', ['--username', 'x.user', '--role', 'king']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role 须为');
    const unknownDistrict = await cli('create-user', ['--username', 'y.officer', '--role', 'district', '--district', '火星区']);
    expect(unknownDistrict.stderr).toContain('找不到区县「火星区」');
  });

  it('resets a password', async () => {
    await cli('create-user', ['--username', 'forgetful', '--role', 'diagnostician', '--password', 'Old-Password-1']);
    const r = await cli('reset-password', ['--username', 'forgetful']);
    expect(r.code).toBe(0);
    const password = /新密码：(\S+)/.exec(r.stdout)?.[1];
    expect(await canLogin('forgetful', password!)).toBe(true);
    expect(await canLogin('forgetful', 'Old-Password-1')).toBe(false);
    const unknown = await cli('reset-password', ['--username', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('找不到用户「nobody」');
  });
});
