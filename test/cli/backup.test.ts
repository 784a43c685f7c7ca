/** Runs the real `npm run backup` and `npm run restore` CLIs (through tsx, as npm does) against a data directory. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/db/open.js';
import { DATABASE_FILE } from '../../server/db/open.js';
import { referenceData } from '../../server/db/reference-data.js';
import { seedReferenceData } from '../../server/db/seed.js';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = (script: string, dataDir: string, args: string[] = []) => runCli(script, args, { DSD_DATA_DIR: dataDir });

describe('npm run backup / restore', () => {
  it('backs up one data directory and restores into another', { timeout: 90_000 }, async () => {
    const source = mkdtempSync(join(tmpdir(), 'dsd-cli-src-'));
    const target = mkdtempSync(join(tmpdir(), 'dsd-cli-dst-'));
    dirs.push(source, target);
    const db = openDatabase(join(source, DATABASE_FILE));
    seedReferenceData(db, referenceData());
    db.prepare("INSERT INTO district_contacts (district_id, side, name) VALUES (1, 'bureau', '备份联系人')").run();
    db.close();

    const backup = await cli('backup', source);
    expect(backup.code).toBe(0);
    const file = join(source, 'backups', readdirSync(join(source, 'backups'))[0]);
    expect(backup.stdout).toContain(file);
    expect(readdirSync(file).sort()).toEqual(['SHA256SUMS', 'dsd.sqlite', 'evidence', 'manifest.json']);

    const restore = await cli('restore', target, ['--', file]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('SHA-256 校验');
    const restored = new Database(join(target, DATABASE_FILE), { readonly: true });
    expect(restored.prepare('SELECT name FROM district_contacts').pluck().all()).toEqual(['备份联系人']);
    restored.close();

    const junk = join(target, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    const refused = await cli('restore', target, [junk]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不是 SQLite 数据库文件');
  });
});
