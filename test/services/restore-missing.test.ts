import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RestoreError, restoreDatabase } from '../../server/services/backup.js';

it('answers a missing or directory backup path with a Chinese RestoreError, leaving nothing staged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsd-restore-missing-'));
  try {
    for (const path of [join(dir, 'nope.sqlite'), dir]) {
      const err = await restoreDatabase(dir, path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toContain('找不到备份文件');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
