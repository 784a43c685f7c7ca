/** Accounts with real passwords (for login tests) and bare enterprises to scope them to. */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../server/domain/roles.js';
import { createUser, type UserView } from '../../server/services/users.js';
import { districtId } from './app.js';

export const PASSWORD = 'Correct-Horse-7';

/** An enterprise row in the named district (credit-code validity is the enterprise registry's concern). */
export function addEnterprise(app: FastifyInstance, districtName: string): number {
  const code = `91220100${randomBytes(5).toString('hex').toUpperCase()}`;
  const { lastInsertRowid } = app.db
    .prepare(`INSERT INTO enterprises (credit_code, name, district_id, industry_code) VALUES (?, ?, ?, 'other')`)
    .run(code, `${districtName}测试企业${code.slice(-4)}`, districtId(app, districtName));
  return Number(lastInsertRowid);
}

export function addUser(
  app: FastifyInstance,
  username: string,
  role: Role = 'admin',
  scope: { districtId?: number; enterpriseId?: number } = {},
  password = PASSWORD,
): Promise<UserView> {
  return createUser(app.db, {
    username,
    displayName: username,
    role,
    districtId: scope.districtId ?? null,
    enterpriseId: scope.enterpriseId ?? null,
    password,
  });
}

/** POST /api/auth/login from a given client address. */
export function login(app: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
}

/** The session cookie and CSRF header of a successful login response. */
export function sessionHeaders(response: Awaited<ReturnType<typeof login>>): Record<string, string> {
  const cookie = response.cookies.find((c) => c.name === 'dsd_session');
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return { cookie: `dsd_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}
