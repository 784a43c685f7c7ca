/**
 * Snapshots: the database and the evidence files it refers to, as one folder with a manifest of SHA-256 per file,
 * and their restore. Rules:
 * - Consistent: the database is copied with SQLite's online backup API (the server may keep serving), then exactly
 *   the evidence files that copy refers to. Evidence files are named by their content hash and never change, so a
 *   file copied a moment later is the file the snapshot refers to; one deleted in that moment makes the snapshot
 *   start over.
 * - Complete or absent: a snapshot is written under a `.partial` name and renamed when its manifest is written.
 * - Verified: restore checks every file against the manifest before touching anything, copies the evidence files
 *   (checking each copy), then replaces the database (which is validated and whose predecessor is kept, see
 *   backup.ts), and finally checks that every evidence file the restored database refers to is in place.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { DATABASE_FILE } from '../db/open.js';
import { BACKUP_DIR, RestoreError, restoreDatabase } from './backup.js';
import { evidencePath } from './evidence.js';
import { runningServerPid } from './server-lock.js';

export const MANIFEST_FILE = 'manifest.json';
/** The same hashes in the format `sha256sum -c SHA256SUMS` checks, for operators without this program at hand. */
export const SUMS_FILE = 'SHA256SUMS';
const ATTEMPTS = 3;

const ManifestSchema = z.object({
  format: z.literal('dsd-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  files: z.array(
    z.object({
      // Only the database and content-addressed evidence files: nothing in a manifest can name another path.
      path: z.union([z.literal(DATABASE_FILE), z.string().regex(/^evidence\/[0-9a-f]{64}$/)]),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface SnapshotResult {
  dir: string;
  databaseBytes: number;
  evidenceFiles: number;
  totalBytes: number;
}

/** Hashes in chunks: a database may be larger than is wise to hold in memory at once. */
function sha256File(file: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
/** 2024-11-05T08-30-12-345Z: sortable, and valid in file names everywhere. */
const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** The evidence files a database refers to. */
function referencedEvidence(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // Answer evidence and rectification evidence share the folder (a database before migration 100 has only the first).
    const rectifications = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'rectification_evidence'").get()
      ? ' UNION SELECT sha256 FROM rectification_evidence'
      : '';
    return db.prepare(`SELECT DISTINCT sha256 FROM evidence${rectifications} ORDER BY sha256`).pluck().all() as string[];
  } finally {
    db.close();
  }
}

/**
 * Writes a snapshot of the open database and its evidence files to <outDir>/<prefix>-<time>/ and returns it.
 * `dataDir` is where the evidence files are read from.
 */
export async function createSnapshot(db: Db, dataDir: string, outDir = join(dataDir, BACKUP_DIR), prefix = 'dsd'): Promise<SnapshotResult> {
  mkdirSync(outDir, { recursive: true });
  const now = new Date();
  let dir = join(outDir, `${prefix}-${stamp(now)}`);
  for (let n = 2; existsSync(dir) || existsSync(`${dir}.partial`); n++) dir = join(outDir, `${prefix}-${stamp(now)}-${n}`);
  const partial = `${dir}.partial`;
  for (let attempt = 1; ; attempt++) {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(join(partial, 'evidence'), { recursive: true });
    try {
      const manifest = await writeSnapshot(db, dataDir, partial, now);
      writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(join(partial, SUMS_FILE), manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
      renameSync(partial, dir);
      const evidence = manifest.files.filter((f) => f.path !== DATABASE_FILE);
      return {
        dir,
        databaseBytes: manifest.files.find((f) => f.path === DATABASE_FILE)!.size,
        evidenceFiles: evidence.length,
        totalBytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
      };
    } catch (err) {
      if (!(err instanceof EvidenceChanged) || attempt >= ATTEMPTS) {
        rmSync(partial, { recursive: true, force: true });
        throw err instanceof EvidenceChanged
          ? new RestoreError(`备份时佐证材料文件 ${err.sha256} 缺失或内容与其编号不符，请检查数据目录中的 evidence 文件夹`)
          : err;
      }
    }
  }
}

class EvidenceChanged extends Error {
  constructor(readonly sha256: string) {
    super(`evidence ${sha256} changed during the snapshot`);
  }
}

async function writeSnapshot(db: Db, dataDir: string, dir: string, now: Date): Promise<Manifest> {
  const dbCopy = join(dir, DATABASE_FILE);
  await db.backup(dbCopy);
  // A single file, not WAL mode: the copy is complete without sidecar files.
  const copy = new Database(dbCopy, { fileMustExist: true });
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const files: Manifest['files'] = [{ path: DATABASE_FILE, size: statSync(dbCopy).size, sha256: sha256File(dbCopy) }];
  for (const sha256 of referencedEvidence(dbCopy)) {
    const source = evidencePath(dataDir, sha256);
    const target = join(dir, 'evidence', sha256);
    if (!existsSync(source)) throw new EvidenceChanged(sha256);
    copyFileSync(source, target);
    if (sha256File(target) !== sha256) throw new EvidenceChanged(sha256);
    files.push({ path: `evidence/${sha256}`, size: statSync(target).size, sha256 });
  }
  return { format: 'dsd-backup', version: 1, createdAt: now.toISOString(), files };
}

/** Backs up the data directory's database and evidence (the server may be running: this only reads). */
export async function snapshotDataDir(dataDir: string, outDir?: string): Promise<SnapshotResult> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new RestoreError(`数据目录 ${dataDir} 中没有数据库文件 ${DATABASE_FILE}`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return await createSnapshot(db, dataDir, outDir);
  } finally {
    db.close();
  }
}

/** Reads a snapshot's manifest and checks every file in it; throws a RestoreError listing what is wrong. */
export function verifySnapshot(dir: string): Manifest {
  const manifestFile = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) throw new RestoreError(`${dir} 中没有 ${MANIFEST_FILE}，不是完整的数安诊断备份`);
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch {
    throw new RestoreError(`${manifestFile} 无法读取或格式不正确，不能用于恢复`);
  }
  if (!manifest.files.some((f) => f.path === DATABASE_FILE)) throw new RestoreError(`备份清单中没有数据库文件 ${DATABASE_FILE}`);
  const problems: string[] = [];
  for (const f of manifest.files) {
    const file = join(dir, f.path);
    if (!existsSync(file)) problems.push(`${f.path} 缺失`);
    else if (statSync(file).size !== f.size || sha256File(file) !== f.sha256) problems.push(`${f.path} 的内容与清单中的 SHA-256 不符`);
  }
  if (problems.length > 0)
    throw new RestoreError(`备份 ${dir} 未通过校验（${problems.length} 个文件有问题：${problems.slice(0, 5).join('；')}），未做任何改动`);
  return manifest;
}

/**
 * Restores a snapshot into a data directory (the server must be stopped). Evidence files already present under
 * the same name are checked and replaced when damaged; files not in the snapshot are left alone.
 */
export async function restoreSnapshot(dataDir: string, dir: string): Promise<{ previous: string | null; evidenceFiles: number }> {
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new RestoreError(`服务正在运行（进程 ${pid}），请先停止服务再恢复`);
  const manifest = verifySnapshot(dir);
  const evidence = manifest.files.filter((f) => f.path !== DATABASE_FILE);
  mkdirSync(join(dataDir, 'evidence'), { recursive: true });
  for (const f of evidence) {
    const target = evidencePath(dataDir, f.sha256);
    if (existsSync(target) && sha256File(target) === f.sha256) continue;
    const staged = `${target}.restoring`;
    copyFileSync(join(dir, f.path), staged);
    if (sha256File(staged) !== f.sha256) {
      rmSync(staged, { force: true });
      throw new RestoreError(`复制 ${f.path} 后校验失败（磁盘错误？），数据库未被替换`);
    }
    renameSync(staged, target);
  }
  const { previous } = await restoreDatabase(dataDir, join(dir, DATABASE_FILE));
  const missing = referencedEvidence(join(dataDir, DATABASE_FILE)).filter((sha) => !existsSync(evidencePath(dataDir, sha)));
  if (missing.length > 0)
    throw new RestoreError(`恢复后的数据库引用了 ${missing.length} 个不存在的佐证材料文件（${missing.slice(0, 3).join('、')}）`);
  return { previous, evidenceFiles: evidence.length };
}

/** The snapshots under `outDir` whose names start with `prefix`, oldest first. */
export function listSnapshots(outDir: string, prefix: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith(`${prefix}-`) && !e.name.endsWith('.partial'))
    .map((e) => e.name)
    .sort()
    .map((name) => join(outDir, name));
}

/** Keeps the newest `keep` snapshots with the prefix and deletes the older ones; returns those deleted. */
export function pruneSnapshots(outDir: string, prefix: string, keep: number): string[] {
  const all = listSnapshots(outDir, prefix);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const dir of old) rmSync(dir, { recursive: true, force: true });
  return old;
}
