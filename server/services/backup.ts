/**
 * The database part of backups and restores (snapshot.ts adds the evidence files and the manifest). A backup uses
 * SQLite's online backup API, so it can run while the server is serving and writing. A restore checks that the
 * file is a sound DSD database before anything is touched, refuses while the server runs, and keeps a copy of the
 * database it replaces.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE, type Db } from '../db/open.js';
import { runningServerPid } from './server-lock.js';

export const BACKUP_DIR = 'backups';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');

/** Tables every DSD database has (from the initial schema); a file without them is something else. */
const REQUIRED_TABLES = [
  'schema_migrations',
  'districts',
  'industries',
  'enterprises',
  'users',
  'assessments',
  'answers',
  'answer_history',
  'scores',
  'rectifications',
  'roster_imports',
];

export class RestoreError extends Error {}

/** 2024-11-05T08-30-12-345Z: sortable, and valid in file names everywhere. */
const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** Backs up an open database to <dataDir>/backups/<prefix>-<timestamp>.sqlite. */
export async function backupDatabase(db: Db, dataDir: string, prefix = 'dsd'): Promise<{ file: string; bytes: number }> {
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  let file = join(dir, `${prefix}-${stamp(new Date())}.sqlite`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${prefix}-${stamp(new Date())}-${n}.sqlite`);
  await db.backup(file);
  return { file, bytes: statSync(file).size };
}

/** Throws a RestoreError saying what is wrong unless `file` is an intact DSD database this version can use. */
export function validateDatabaseFile(file: string): { migrations: string[] } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreError(`找不到备份文件 ${file}`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') {
    throw new RestoreError(`${file} 不是 SQLite 数据库文件，不能用于恢复`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new RestoreError(`${file} 不是数安诊断的数据库（缺少数据表：${missing.join('、')}），不能用于恢复`);
    }
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      const first = integrity.slice(0, 3).map((r) => r.integrity_check).join('；');
      throw new RestoreError(`${file} 已损坏（完整性检查未通过：${first}），不能用于恢复，请换一个备份`);
    }
    const migrations = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[];
    const known = new Set(readdirSync(MIGRATIONS_DIR));
    const unknown = migrations.filter((m) => !known.has(m));
    if (unknown.length > 0) {
      throw new RestoreError(`${file} 来自更新版本的数安诊断（包含本版本没有的迁移 ${unknown.join('、')}），请先升级程序再恢复`);
    }
    return { migrations };
  } catch (err) {
    if (err instanceof RestoreError) throw err;
    throw new RestoreError(`${file} 无法作为数据库读取（${(err as Error).message}），不能用于恢复`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the data directory's database with `file`. Refuses while the server runs; validates a staged copy
 * first, so a bad file leaves the current database untouched; backs up the current database before replacing it.
 */
export async function restoreDatabase(dataDir: string, file: string): Promise<{ previous: string | null }> {
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new RestoreError(`服务正在运行（进程 ${pid}），请先停止服务再恢复`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreError(`找不到备份文件 ${file}`);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DATABASE_FILE);
  const staged = `${target}.restoring`;
  copyFileSync(file, staged);
  try {
    validateDatabaseFile(staged);
  } catch (err) {
    removeWithSidecars(staged);
    throw err;
  }
  const previous = existsSync(target) ? await keepCurrent(dataDir, target) : null;
  // A WAL file left beside the new database would be replayed into it: remove the old one first.
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(staged, target);
  for (const suffix of ['-wal', '-shm']) rmSync(staged + suffix, { force: true });
  return { previous };
}

/** A copy of the database about to be replaced — as raw files when it is too damaged to back up. */
async function keepCurrent(dataDir: string, target: string): Promise<string> {
  let current: Database.Database | undefined;
  try {
    current = new Database(target, { fileMustExist: true });
    return (await backupDatabase(current, dataDir, 'pre-restore')).file;
  } catch {
    mkdirSync(join(dataDir, BACKUP_DIR), { recursive: true });
    const copy = join(dataDir, BACKUP_DIR, `pre-restore-${stamp(new Date())}-raw.sqlite`);
    for (const suffix of ['', '-wal']) if (existsSync(target + suffix)) copyFileSync(target + suffix, copy + suffix);
    return copy;
  } finally {
    current?.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}
