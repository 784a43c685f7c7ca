/**
 * npm run user:create -- --username U --role R [--display-name 姓名] [--district 区县名或代码]
 *                        [--enterprise 统一社会信用代码] [--password P]
 * Creates an account in the database under DSD_DATA_DIR. Without --password a strong one is generated and
 * printed once.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../domain/roles.js';
import { normalizeUscc } from '../domain/uscc.js';
import { generatePassword } from '../services/passwords.js';
import { createUser } from '../services/users.js';
import { cliArgs, openConfiguredDatabase, runCommand } from './data-db.js';

const USAGE = `用法：npm run user:create -- --username 用户名 --role ${ROLES.join('|')} [--display-name 姓名]
       [--district 区县名称或代码]（区县账号必填） [--enterprise 统一社会信用代码]（企业账号必填） [--password 密码]`;

await runCommand(USAGE, async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      district: { type: 'string' },
      enterprise: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.username) throw new Error('缺少 --username');
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role 须为 ${ROLES.join('、')} 之一`);
  const db = openConfiguredDatabase();
  try {
    let districtId: number | null = null;
    if (values.district !== undefined) {
      districtId = db.prepare('SELECT id FROM districts WHERE name = ? OR code = ?').pluck().get(values.district, values.district) as number | undefined ?? null;
      if (districtId === null) throw new Error(`找不到区县「${values.district}」（可用名称如 朝阳区，或代码如 chaoyang）`);
    }
    let enterpriseId: number | null = null;
    if (values.enterprise !== undefined) {
      enterpriseId = db.prepare('SELECT id FROM enterprises WHERE credit_code = ?').pluck().get(normalizeUscc(values.enterprise)) as number | undefined ?? null;
      if (enterpriseId === null) throw new Error(`找不到统一社会信用代码为 ${values.enterprise} 的企业，请先导入企业名录`);
    }
    const password = values.password ?? generatePassword();
    const user = await createUser(db, {
      username: values.username,
      displayName: values['display-name'] ?? values.username,
      role: values.role as Role,
      districtId,
      enterpriseId,
      password,
    });
    console.log(`已创建账号 ${user.username}（${user.role}，编号 ${user.id}）。`);
    if (values.password === undefined) console.log(`初始密码：${password}\n此密码只显示这一次，请安全转交并提醒对方登录后修改。`);
  } finally {
    db.close();
  }
});
