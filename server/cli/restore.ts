/**
 * npm run restore -- <backup file>
 * Replaces the database under DSD_DATA_DIR with a backup, after checking it; the server must be stopped.
 * The replaced database is kept under <data>/backups/pre-restore-<time>.sqlite.
 */
import { loadConfig } from '../config.js';
import { restoreDatabase } from '../services/backup.js';
import { cliArgs, runCommand } from './data-db.js';

await runCommand('用法：npm run restore -- <备份文件路径>（先停止服务；数据目录由 DSD_DATA_DIR 指定）', async () => {
  const [file, ...rest] = cliArgs();
  if (!file || rest.length > 0) throw new Error('请指定一个备份文件');
  const { previous } = await restoreDatabase(loadConfig().dataDir, file);
  console.log(`已从 ${file} 恢复数据库。`);
  if (previous) console.log(`恢复前的数据库已另存为：${previous}`);
});
