/**
 * Who is asking: resolves the session cookie to a user on every request, refuses state-changing requests
 * from another origin and those made with a session but without its CSRF token, and answers 401 to any
 * request under /api without a session unless its route is marked `config: { public: true }` — one check for
 * the whole API, run before body validation, so an anonymous malformed request is 401, not 400. Routes that
 * only some roles may use add `app.requireRole(...)`. Also registers the rate limiter (per route, via `config.rateLimit`)
 * and removes expired sessions at start and hourly.
 */
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { timingSafeEqual } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Role, SessionUser } from '../domain/roles.js';
import { HttpError } from '../http/errors.js';
import { SESSION_COOKIE, deleteExpiredSessions, hashToken } from '../services/sessions.js';
import { deleteStaleLoginFailures } from '../services/login-throttle.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: 401 without a session, 403 when the user's role is not among `roles`. */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, the API document). */
    public?: boolean;
    /**
     * Answers alike whoever asks and changes nothing (the public verification of an uploaded report): the session
     * is not read, so a plain HTML form can post to it without the CSRF token.
     */
    sessionless?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** The session's CSRF token, echoed by clients in the x-csrf-token header. */
    csrfToken: string | null;
    sessionTokenHash: string | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
export const SAFE_METHOD_NAMES = ['GET', 'HEAD', 'OPTIONS'] as const;

const REQUIRED_ROLES = Symbol('requiredRoles');

/**
 * The roles a route's preHandler(s) made by `app.requireRole` admit, or undefined when the route checks no role:
 * what the API document states, read from the check itself so the two cannot differ.
 */
export function rolesRequiredBy(preHandler: unknown): readonly Role[] | undefined {
  const handlers = Array.isArray(preHandler) ? preHandler : [preHandler];
  const lists = handlers
    .map((h) => (typeof h === 'function' ? (h as { [REQUIRED_ROLES]?: readonly Role[] })[REQUIRED_ROLES] : undefined))
    .filter((l): l is readonly Role[] => l !== undefined);
  if (lists.length === 0) return undefined;
  return lists.reduce((a, b) => a.filter((r) => b.includes(r)));
}
const SAFE_METHODS = new Set<string>(SAFE_METHOD_NAMES);
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** host[:port] without the scheme's default port, so `Host: x:80` and `Origin: http://x` compare equal. */
const normaliseHost = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

/**
 * Browsers send Origin on cross-origin and on state-changing requests; one naming another site is a
 * cross-site request (CSRF, login CSRF) whatever cookies it carries. Behind a reverse proxy the proxy must
 * pass the original Host header (nginx: `proxy_set_header Host $host`).
 */
function sameOrigin(origin: string, host: string): boolean {
  try {
    return normaliseHost(new URL(origin).host) === normaliseHost(host);
  } catch {
    return false; // "null" or garbage
  }
}

export { SESSION_COOKIE, hashToken };

function equalsConstantTime(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const unauthenticated = () => new HttpError(401, 'unauthenticated', '请先登录');

type SessionRow = SessionUser & { csrfToken: string };

export default fp(async (app) => {
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate_limited', `操作过于频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`),
  });

  const cleanup = () => {
    deleteExpiredSessions(app.db);
    deleteStaleLoginFailures(app.db);
  };
  cleanup();
  const timer = setInterval(cleanup, CLEANUP_INTERVAL_MS).unref();
  app.addHook('onClose', async () => clearInterval(timer));

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
    const origin = request.headers.origin;
    if (!SAFE_METHODS.has(request.method) && origin !== undefined && !sameOrigin(origin, request.host)) {
      throw new HttpError(403, 'origin', '请求来源与本站不一致，已拒绝：请直接在本系统页面中操作');
    }
    if (request.routeOptions.config?.sessionless) return;
    const token = request.cookies[SESSION_COOKIE];
    const tokenHash = token ? hashToken(token) : null;
    const row = tokenHash ? (findSession.get(tokenHash) as SessionRow | undefined) : undefined;
    if (!row) {
      if (request.routeOptions.url?.startsWith('/api/') && !request.routeOptions.config?.public) throw unauthenticated();
      return;
    }
    const { csrfToken, ...user } = row;
    request.user = user;
    request.csrfToken = csrfToken;
    request.sessionTokenHash = tokenHash;
    // A cookie alone must not be enough to change anything: cross-site forms cannot set this header.
    if (!SAFE_METHODS.has(request.method) && !equalsConstantTime(request.headers[CSRF_HEADER], csrfToken)) {
      throw new HttpError(403, 'csrf', 'CSRF 校验失败：请刷新页面后重试');
    }
  });

  app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
    const check: preHandlerAsyncHookHandler = async (request) => {
      if (!request.user) throw unauthenticated();
      if (!roles.includes(request.user.role)) throw new HttpError(403, 'forbidden', '当前账号无权执行此操作');
    };
    return Object.assign(check, { [REQUIRED_ROLES]: Object.freeze([...roles]) });
  });
});
