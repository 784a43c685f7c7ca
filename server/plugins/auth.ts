/**
 * Who is asking: resolves the session cookie to a user on every request, checks the CSRF token on
 * state-changing requests made with a session, and offers `app.requireRole(...)` for routes.
 */
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { createHash } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Role, SessionUser } from '../domain/roles.js';
import { HttpError } from '../http/errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: 401 without a session, 403 when the user's role is not among `roles`. */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** The session's CSRF token, echoed by clients in the x-csrf-token header. */
    csrfToken: string | null;
    sessionTokenHash: string | null;
  }
}

export const SESSION_COOKIE = 'dsd_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtId: number | null;
  enterpriseId: number | null;
  csrfToken: string;
}

export default fp(async (app) => {
  await app.register(cookie);
  const findSession = app.db.prepare(
    `SELECT u.id, u.username, u.display_name AS displayName, u.role, u.district_id AS districtId,
            u.enterprise_id AS enterpriseId, s.csrf_token AS csrfToken
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ','now') AND u.disabled = 0`,
  );

  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionTokenHash', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const tokenHash = hashToken(token);
    const row = findSession.get(tokenHash) as SessionRow | undefined;
    if (!row) return;
    const { csrfToken, ...user } = row;
    request.user = user;
    request.csrfToken = csrfToken;
    request.sessionTokenHash = tokenHash;
    // A cookie alone must not be enough to change anything: cross-site forms cannot set this header.
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== csrfToken) {
      throw new HttpError(403, 'csrf', 'CSRF 校验失败：请刷新页面后重试');
    }
  });

  app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
    return async (request) => {
      if (!request.user) throw new HttpError(401, 'unauthenticated', '请先登录');
      if (!roles.includes(request.user.role)) throw new HttpError(403, 'forbidden', '当前账号无权执行此操作');
    };
  });
});
