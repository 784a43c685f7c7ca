/**
 * npm run backup [-- --out DIR]
 * Backs up the database and the evidence files under DSD_DATA_DIR as one snapshot folder with a SHA-256 manifest,
 * <DSD_BACKUP_DIR>/dsd-<time>/ (default <data>/backups). Safe while the server runs.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { snapshotDataDir } from '../services/snapshot.js';
import { cliArgs, runCommand } from './data-db.js';

await runCommand('用法：npm run backup [-- --out 备份目录]（数据目录由环境变量 DSD_DATA_DIR 指定，默认 data）', async () => {
  const { values } = parseArgs({ args: cliArgs(), options: { out: { type: 'string' } }, strict: true });
  const config = loadConfig();
  const result = await snapshotDataDir(config.dataDir, values.out ? resolve(values.out) : (config.backup.dir ?? undefined));
  console.log(`已备份：${result.dir}`);
  console.log(
    `数据库 ${(result.databaseBytes / 1024).toFixed(0)} KB，佐证材料 ${result.evidenceFiles} 个文件，共 ${(result.totalBytes / 1024).toFixed(0)} KB；每个文件的 SHA-256 记录在 manifest.json 中。`,
  );
});
