/**
 * A pid file the server writes in its data directory while it runs, so that operator commands that must not
 * run under a live server (restore) can tell. A file left by a crashed server names a dead process and is ignored.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.pid';

/**
 * Writes the lock; returns the function that removes it (only if it is still ours). Refuses when a live server
 * holds it: a second server (failing on the taken port, say) would otherwise remove the first one's lock on exit.
 */
export function writeServerLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const other = runningServerPid(dataDir);
  if (other !== null) throw new Error(`数据目录 ${dataDir} 已被正在运行的服务（进程 ${other}）使用，不能再启动一个服务`);
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
