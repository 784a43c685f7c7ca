/**
 * npm run user:reset-password -- --username U [--password P]
 * Sets a new password for an account in the database under DSD_DATA_DIR and ends its sessions. Without
 * --password a strong one is generated and printed once.
 */
import { parseArgs } from 'node:util';
import { generatePassword } from '../services/passwords.js';
import { setPassword } from '../services/users.js';
import { cliArgs, openConfiguredDatabase, runCommand } from './data-db.js';

const USAGE = '用法：npm run user:reset-password -- --username 用户名 [--password 新密码]';

await runCommand(USAGE, async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: { username: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.username) throw new Error('缺少 --username');
  const db = openConfiguredDatabase();
  try {
    const id = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(values.username) as number | undefined;
    if (id === undefined) throw new Error(`找不到用户「${values.username}」`);
    const password = values.password ?? generatePassword();
    await setPassword(db, id, password);
    console.log(`已重置 ${values.username} 的密码，其所有会话已失效。`);
    if (values.password === undefined) console.log(`新密码：${password}\n此密码只显示这一次，请安全转交并提醒对方登录后修改。`);
  } finally {
    db.close();
  }
});
