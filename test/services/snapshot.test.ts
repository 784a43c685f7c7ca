/**
 * Backups that restore everything: a snapshot holds the database and every evidence file with a SHA-256 manifest;
 * after the data folder is deleted, restoring it brings back every assessment and serves every evidence file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DATABASE_FILE } from '../../server/db/open.js';
import { RestoreError } from '../../server/services/backup.js';
import { MANIFEST_FILE, createSnapshot, listSnapshots, pruneSnapshots, restoreSnapshot } from '../../server/services/snapshot.js';
import { FIXTURE_QUESTIONNAIRES, batch, createWorld, draft, type World } from '../routes/assessments/world.js';

const PDF = (n: number) => Buffer.from(`%PDF-1.7\n% file ${n}\n1 0 obj <<>> endobj\n%%EOF\n`);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let w: World;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dsd-snapshot-'));
  dirs.push(d);
  return d;
};

async function upload(assessmentId: number, fileName: string, data: Buffer, as = w.users.entOwn) {
  const boundary = '----snapshot-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`;
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/assessments/${assessmentId}/evidence/ctl.policy_file`,
    headers: { ...as.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  expect(res.statusCode).toBe(201);
  return res.json().evidence as { id: number; sha256: string };
}

let files: { id: number; data: Buffer }[];
let assessments: unknown[];
beforeAll(async () => {
  w = await createWorld();
  const first = await draft(w, w.users.entOwn, w.own, 'self');
  await w.call(w.users.entOwn, 'PUT', `/api/assessments/${first}/answers`, batch(0, [{ itemId: 'profile.size', value: 'small' }]));
  const second = await draft(w, w.users.diagAssigned, w.ownAuto, 'field');
  files = [];
  for (const [i, data] of [PDF(1), PDF(2)].entries()) files.push({ id: (await upload(first, `材料${i}.pdf`, data)).id, data });
  files.push({ id: (await upload(second, '现场照片.png', PNG, w.users.diagAssigned)).id, data: PNG });
  assessments = (await w.call(w.users.admin, 'GET', '/api/assessments')).body;
});
afterAll(async () => {
  await w.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('snapshot backup and restore', () => {
  let snapshot: string;

  it('writes the database and every evidence file with a SHA-256 manifest', async () => {
    const out = tempDir();
    const result = await createSnapshot(w.app.db, w.dataDir, out);
    snapshot = result.dir;
    expect(result.evidenceFiles).toBe(3);
    expect(readdirSync(out)).toEqual([snapshot.split(/[/\\]/).at(-1)]);
    const manifest = JSON.parse(readFileSync(join(snapshot, MANIFEST_FILE), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(
      [DATABASE_FILE, ...files.map((f) => `evidence/${sha(f.data)}`)].sort(),
    );
    for (const f of manifest.files) expect(sha(readFileSync(join(snapshot, f.path)))).toBe(f.sha256);
    // One file, no WAL sidecars: the folder can be copied as it is.
    expect(existsSync(join(snapshot, `${DATABASE_FILE}-wal`))).toBe(false);
  });

  it('refuses to write a snapshot missing an evidence file, leaving nothing behind', async () => {
    const out = tempDir();
    const file = join(w.dataDir, 'evidence', sha(files[0].data));
    const kept = readFileSync(file);
    rmSync(file);
    try {
      await expect(createSnapshot(w.app.db, w.dataDir, out)).rejects.toThrow(/佐证材料文件.*缺失/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      writeFileSync(file, kept);
    }
  });

  it('brings back every assessment and evidence file after the data folder is deleted', async () => {
    const dataDir = w.dataDir;
    await w.app.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(existsSync(dataDir)).toBe(false);

    const { evidenceFiles } = await restoreSnapshot(dataDir, snapshot);
    expect(evidenceFiles).toBe(3);
    const restored: TestApp = await createTestApp({ dataDir, questionnaireDir: FIXTURE_QUESTIONNAIRES });
    try {
      // Sessions are in the database too: the same users are still logged in.
      const list = await restored.app.inject({ method: 'GET', url: '/api/assessments', headers: w.users.admin.headers });
      expect(list.json()).toEqual(assessments);
      for (const f of files) {
        const dl = await restored.app.inject({ method: 'GET', url: `/api/evidence/${f.id}`, headers: w.users.diagAssigned.headers });
        expect(dl.statusCode).toBe(200);
        expect(dl.rawPayload.equals(f.data)).toBe(true);
      }
    } finally {
      await restored.close();
    }
  });

  it('refuses a snapshot whose file does not match its hash, changing nothing', async () => {
    const dataDir = tempDir();
    const copy = tempDir();
    cpSync(snapshot, copy, { recursive: true });
    appendFileSync(join(copy, 'evidence', sha(files[0].data)), 'tampered');
    const err = await restoreSnapshot(dataDir, copy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect((err as Error).message).toContain('SHA-256 不符');
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
    expect(existsSync(join(dataDir, 'evidence'))).toBe(false);
  });

  it('refuses a folder without a manifest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), 'x');
    await expect(restoreSnapshot(tempDir(), dir)).rejects.toThrow(/manifest\.json/);
  });

  it('keeps only the newest K scheduled snapshots', () => {
    const out = tempDir();
    for (const name of ['auto-2026-01-03', 'auto-2026-01-01', 'auto-2026-01-04', 'auto-2026-01-02', 'dsd-2025-12-31']) mkdirSync(join(out, name));
    expect(pruneSnapshots(out, 'auto', 2).map((d) => d.split(/[/\\]/).at(-1))).toEqual(['auto-2026-01-01', 'auto-2026-01-02']);
    expect(listSnapshots(out, 'auto').map((d) => d.split(/[/\\]/).at(-1))).toEqual(['auto-2026-01-03', 'auto-2026-01-04']);
    // Snapshots made by hand are not the schedule's to delete.
    expect(existsSync(join(out, 'dsd-2025-12-31'))).toBe(true);
  });
});
