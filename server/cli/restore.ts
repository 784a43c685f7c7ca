/**
 * npm run restore -- <backup folder | database file>
 * Restores a snapshot made by `npm run backup` (database and evidence files, every file checked against the
 * manifest) into DSD_DATA_DIR; a single .sqlite file restores the database only. The server must be stopped.
 * The replaced database is kept under <data>/backups/pre-restore-<time>.sqlite.
 */
import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { restoreDatabase } from '../services/backup.js';
import { restoreSnapshot } from '../services/snapshot.js';
import { cliArgs, runCommand } from './data-db.js';

await runCommand('用法：npm run restore -- <备份文件夹或数据库文件>（先停止服务；数据目录由 DSD_DATA_DIR 指定）', async () => {
  const [path, ...rest] = cliArgs();
  if (!path || rest.length > 0) throw new Error('请指定一个备份文件夹或数据库文件');
  const dataDir = loadConfig().dataDir;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const { previous, evidenceFiles } = await restoreSnapshot(dataDir, path);
    console.log(`已从 ${path} 恢复数据库和 ${evidenceFiles} 个佐证材料文件，全部通过 SHA-256 校验。`);
    if (previous) console.log(`恢复前的数据库已另存为：${previous}`);
    return;
  }
  const { previous } = await restoreDatabase(dataDir, path);
  console.log(`已从 ${path} 恢复数据库（仅数据库；佐证材料文件不在其中）。`);
  if (previous) console.log(`恢复前的数据库已另存为：${previous}`);
});
