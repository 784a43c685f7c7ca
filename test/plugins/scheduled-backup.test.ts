/** Scheduled backups: every N hours a snapshot, keeping the newest K scheduled ones and never those made by hand. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loadConfig } from '../../server/config.js';
import { scheduledBackup } from '../../server/plugins/scheduled-backup.js';
import { listSnapshots } from '../../server/services/snapshot.js';

let t: TestApp | undefined;
let out: string;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
  rmSync(out, { recursive: true, force: true });
});

describe('scheduled backups', () => {
  it('are off by default and configured in hours, with a number to keep', () => {
    out = mkdtempSync(join(tmpdir(), 'dsd-sched-'));
    expect(loadConfig({}).backup).toEqual({ everyHours: 0, keep: 14, dir: null });
    expect(loadConfig({ DSD_BACKUP_EVERY_HOURS: '6', DSD_BACKUP_KEEP: '28', DSD_BACKUP_DIR: out }).backup).toEqual({ everyHours: 6, keep: 28, dir: out });
    expect(() => loadConfig({ DSD_BACKUP_KEEP: '0' })).toThrow(/DSD_BACKUP_KEEP/);
  });

  it('keep the newest K scheduled snapshots and leave those made by hand', async () => {
    out = mkdtempSync(join(tmpdir(), 'dsd-sched-'));
    t = await createTestApp();
    mkdirSync(join(out, 'dsd-2020-01-01T00-00-00-000Z'));
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await scheduledBackup(t.app.db, t.dataDir, out, 2)).snapshot.dir);
    expect(listSnapshots(out, 'auto')).toEqual(made.slice(1));
    expect(listSnapshots(out, 'dsd')).toHaveLength(1);
  });

  it('go to <data>/backups unless DSD_BACKUP_DIR says otherwise', async () => {
    out = mkdtempSync(join(tmpdir(), 'dsd-sched-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp({ backup: { everyHours: 1, keep: 3, dir: null } });
    await vi.advanceTimersByTimeAsync(3_600_000);
    await vi.waitFor(() => expect(listSnapshots(join(t!.dataDir, 'backups'), 'auto')).toHaveLength(1));
  });

  it('run every N hours in the server', async () => {
    out = mkdtempSync(join(tmpdir(), 'dsd-sched-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp({ backup: { everyHours: 6, keep: 2, dir: out } });
    expect(listSnapshots(out, 'auto')).toEqual([]);
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await vi.waitFor(() => expect(listSnapshots(out, 'auto')).toHaveLength(1));
  });
});
