/**
 * A second server started on a data directory already in use (and failing, say, on the taken port) must not
 * overwrite and then remove the first server's lock: `npm run restore` would then replace a live database.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LOCK_FILE, runningServerPid, writeServerLock } from '../../server/services/server-lock.js';

it('refuses to take over the lock of a live server and leaves it in place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsd-lock-'));
  try {
    // The test runner's parent process stands in for the first, live server.
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => writeServerLock(dir)).toThrow(/正在运行|已被/);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.ppid));
    expect(runningServerPid(dir)).toBe(process.ppid);
    // A lock left by a process that has exited is taken over.
    writeFileSync(join(dir, LOCK_FILE), '999999999\n');
    const release = writeServerLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
