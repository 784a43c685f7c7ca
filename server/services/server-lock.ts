/**
 * A pid file the server writes in its data directory while it runs, so that operator commands that must not
 * run under a live server (restore) can tell. A file left by a crashed server names a dead process and is ignored.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.pid';

/** Writes the lock; returns the function that removes it (only if it is still ours). */
export function writeServerLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (lockPid(file) === process.pid) rmSync(file, { force: true });
  };
}

/** The pid of a live server holding the data directory, or null. */
export function runningServerPid(dataDir: string): number | null {
  const pid = lockPid(join(dataDir, LOCK_FILE));
  if (pid === null || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

function lockPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
