/**
 * Scheduled snapshots for a server that runs unattended: with DSD_BACKUP_EVERY_HOURS > 0, a snapshot of the
 * database and evidence files (services/snapshot.ts) is written every N hours as <backup dir>/auto-<time>/, and
 * only the newest DSD_BACKUP_KEEP of those are kept (snapshots made by hand are never deleted). A failed run is
 * logged as an error and retried at the next interval; runs never overlap.
 */
import fp from 'fastify-plugin';
import { join } from 'node:path';
import type { Db } from '../db/open.js';
import { BACKUP_DIR } from '../services/backup.js';
import { createSnapshot, pruneSnapshots, type SnapshotResult } from '../services/snapshot.js';

export const SCHEDULED_PREFIX = 'auto';

/** One scheduled run: a new snapshot, then the oldest scheduled ones beyond `keep` removed. */
export async function scheduledBackup(
  db: Db,
  dataDir: string,
  outDir: string,
  keep: number,
): Promise<{ snapshot: SnapshotResult; removed: string[] }> {
  const snapshot = await createSnapshot(db, dataDir, outDir, SCHEDULED_PREFIX);
  return { snapshot, removed: pruneSnapshots(outDir, SCHEDULED_PREFIX, keep) };
}

export default fp(async (app) => {
  const { everyHours, keep } = app.config.backup;
  if (everyHours <= 0) return;
  const dir = app.config.backup.dir ?? join(app.config.dataDir, BACKUP_DIR);
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { snapshot, removed } = await scheduledBackup(app.db, app.config.dataDir, dir, keep);
      app.log.info({ dir: snapshot.dir, evidenceFiles: snapshot.evidenceFiles, bytes: snapshot.totalBytes, removed }, 'scheduled backup written');
    } catch (err) {
      app.log.error({ err }, 'scheduled backup failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyHours * 3_600_000).unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.log.info({ everyHours, keep, dir }, 'scheduled backups on');
});
