import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEnterprise } from '../helpers/enterprises.js';
import { DATABASE_FILE } from '../../server/db/open.js';
import { backupDatabase, restoreDatabase, RestoreError } from '../../server/services/backup.js';
import { LOCK_FILE, runningServerPid, writeServerLock } from '../../server/services/server-lock.js';

let t: TestApp;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dsd-backup-'));
  dirs.push(d);
  return d;
};
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 200; i++) createEnterprise(t.app, '朝阳区', { name: `备份测试企业${i}`, address: 'x'.repeat(2000) });
});
afterAll(async () => {
  await t.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let backupFile: string;
  let countAtStart: number;

  it('backs up a live database while it is being written', async () => {
    const db = t.app.db;
    countAtStart = (db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        createEnterprise(t.app, '绿园区', { name: `并发写入${written++}` });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const { file, bytes } = await backupDatabase(db, t.dataDir);
    writing = false;
    await writer;
    backupFile = file;
    expect(file).toMatch(/backups[/\\]dsd-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite$/);
    expect(bytes).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(count(file)).toBeGreaterThanOrEqual(countAtStart);
  });

  it('restores into a fresh data directory', async () => {
    const dir = tempDir();
    const { previous } = await restoreDatabase(dir, backupFile);
    expect(previous).toBeNull();
    expect(count(join(dir, DATABASE_FILE))).toBeGreaterThanOrEqual(countAtStart);
    const fresh = await createTestApp({ dataDir: dir });
    try {
      const names = fresh.app.db.prepare("SELECT name FROM enterprises WHERE name = '备份测试企业199'").all();
      expect(names).toHaveLength(1);
    } finally {
      await fresh.app.close();
    }
  });

  it('keeps the replaced database when restoring over one', async () => {
    const dir = tempDir();
    await restoreDatabase(dir, backupFile);
    const { previous } = await restoreDatabase(dir, backupFile);
    expect(previous).toMatch(/pre-restore-.*\.sqlite$/);
    expect(count(previous!)).toBe(count(join(dir, DATABASE_FILE)));
  });

  describe('refusals leave the existing database untouched', () => {
    let dir: string;
    let before: string;
    const refuse = async (file: string, message: string) => {
      await expect(restoreDatabase(dir, file)).rejects.toThrow(RestoreError);
      await expect(restoreDatabase(dir, file)).rejects.toThrow(message);
      expect(sha(join(dir, DATABASE_FILE))).toBe(before);
      expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
    };

    beforeAll(async () => {
      dir = tempDir();
      await restoreDatabase(dir, backupFile);
      before = sha(join(dir, DATABASE_FILE));
    });

    it('a file that is not a database', async () => {
      const junk = join(tempDir(), 'junk.sqlite');
      writeFileSync(junk, 'this is not a database at all');
      await refuse(junk, '不是 SQLite 数据库文件');
    });

    it('a SQLite database that is not a DSD database', async () => {
      const other = join(tempDir(), 'other.sqlite');
      const db = new Database(other);
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
      db.close();
      await refuse(other, '不是数安诊断的数据库');
    });

    it('a corrupt DSD database', async () => {
      const corrupt = join(tempDir(), 'corrupt.sqlite');
      copyFileSync(backupFile, corrupt);
      const bytes = readFileSync(corrupt);
      // Overwrite pages in the middle of the file (table and index b-tree pages), leaving the header intact.
      const page = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
      for (let p = 3; p < bytes.length / page - 1; p += 2) bytes.fill(0x5a, p * page + 8, p * page + 200);
      writeFileSync(corrupt, bytes);
      await expect(restoreDatabase(dir, corrupt)).rejects.toThrow(/已损坏|无法作为数据库读取/);
      expect(sha(join(dir, DATABASE_FILE))).toBe(before);
    });

    it('a missing file', async () => {
      await expect(restoreDatabase(dir, join(dir, 'nope.sqlite'))).rejects.toThrow();
      expect(sha(join(dir, DATABASE_FILE))).toBe(before);
    });

    it('while the server is running', async () => {
      // The test runner's parent process stands in for a live server.
      writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
      expect(runningServerPid(dir)).toBe(process.ppid);
      await refuse(backupFile, '服务正在运行');
      // A lock left by a process that has exited does not block a restore.
      writeFileSync(join(dir, LOCK_FILE), '999999999\n');
      expect(runningServerPid(dir)).toBeNull();
      rmSync(join(dir, LOCK_FILE));
    });
  });
});

describe('server lock', () => {
  it('is written at start and removed by its owner', () => {
    const dir = tempDir();
    const release = writeServerLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
