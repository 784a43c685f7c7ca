/**
 * First start: a database without any account gets an administrator `admin` with a random password,
 * printed once. Later starts find an account and print nothing, so the password never appears again.
 */
import type { Db } from '../db/open.js';
import { generatePassword } from './passwords.js';
import { createUser } from './users.js';

export const INITIAL_ADMIN = 'admin';

/** Creates the first administrator if there is no account at all; returns whether it did. */
export async function ensureInitialAdmin(db: Db, print: (text: string) => void = console.log): Promise<boolean> {
  if (db.prepare('SELECT 1 FROM users LIMIT 1').get()) return false;
  const password = generatePassword();
  await createUser(db, {
    username: INITIAL_ADMIN,
    displayName: '系统管理员',
    role: 'admin',
    districtId: null,
    enterpriseId: null,
    password,
  });
  print(
    [
      '',
      '==================== 首次启动：已创建管理员账号 ====================',
      `  用户名：${INITIAL_ADMIN}`,
      `  初始密码：${password}`,
      '  此密码只显示这一次，请立即妥善记录。',
      '  登录：POST /api/auth/login（接口说明见 /api/openapi.json；网页登录页随网页端应用提供）。',
      '  修改：登录后 POST /api/auth/password 设置新密码；',
      `        忘记密码时运行 npm run user:reset-password -- --username ${INITIAL_ADMIN}`,
      '=====================================================================',
      '',
    ].join('\n'),
  );
  return true;
}
