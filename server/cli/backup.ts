/**
 * npm run backup
 * Backs up the database under DSD_DATA_DIR to <data>/backups/dsd-<time>.sqlite. Safe while the server runs.
 */
import { loadConfig } from '../config.js';
import { backupDataDir } from '../services/backup.js';
import { runCommand } from './data-db.js';

await runCommand('用法：npm run backup（数据目录由环境变量 DSD_DATA_DIR 指定，默认 data）', async () => {
  const { file, bytes } = await backupDataDir(loadConfig().dataDir);
  console.log(`已备份数据库：${file}（${(bytes / 1024).toFixed(0)} KB）`);
  console.log('提示：佐证材料和报告等文件保存在数据目录的其他子目录中，请一并复制备份。');
});
