/** Login, logout, the current user and changing one's own password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, MeSchema as Me } from '../../schemas/auth.js';
import { HttpError, badRequest } from '../../http/errors.js';
import { AttemptThrottle } from '../../services/address-throttle.js';
import { LOCK_MINUTES } from '../../services/login-throttle.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, createSession, deleteSession } from '../../services/sessions.js';
import { authenticate, passwordMatches, setPassword } from '../../services/users.js';

/** Password changes per client address: slows guessing the current password with a stolen session. */
const GUESS_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };
/**
 * Login requests of any kind per client address: a ceiling high enough for a whole office or district network
 * behind one address; failures are limited per (address, user name) and per user name below it.
 */
const LOGIN_CEILING = { rateLimit: { max: 200, timeWindow: '1 minute' } };

const auth: FastifyPluginAsyncZod = async (app) => {
  // Answers about who is logged in must never be served from a cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const attempts = new AttemptThrottle();
  const prune = setInterval(() => attempts.prune(Date.now()), 60_000).unref();
  app.addHook('onClose', async () => clearInterval(prune));

  app.post(
    '/api/auth/login',
    {
      config: { ...LOGIN_CEILING, public: true, errorCodes: { 401: ['invalid_credentials'], 429: ['locked'] } },
      schema: {
        tags: ['auth'],
        summary: '登录：成功后设置会话 Cookie，返回用户与 CSRF 令牌',
        body: LoginBody,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      // Only well-formed requests get here, so malformed ones never count toward a user's failures.
      const key = AttemptThrottle.key(request.ip, request.body.username);
      const waitMs = attempts.take(key, Date.now());
      if (waitMs !== undefined)
        throw new HttpError(429, 'rate_limited', `该账号从本地址登录失败次数过多，请 ${Math.max(1, Math.ceil(waitMs / 1000))} 秒后再试`);
      const outcome = await authenticate(app.db, request.body.username, request.body.password);
      if (!outcome.ok) {
        if (outcome.reason === 'locked')
          throw new HttpError(429, 'locked', `该账号登录失败次数过多，已暂时锁定 ${LOCK_MINUTES} 分钟，请稍后再试或联系管理员重置密码`);
        throw new HttpError(401, 'invalid_credentials', '用户名或密码错误');
      }
      attempts.clear(key);
      // A new login replaces the session this browser had (no session fixation, no stale sessions).
      if (request.sessionTokenHash) deleteSession(app.db, request.sessionTokenHash);
      const session = createSession(app.db, outcome.user.id);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: app.config.secureCookies,
        maxAge: SESSION_TTL_SECONDS,
      });
      return { user: outcome.user, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '退出登录：删除当前会话', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.sessionTokenHash) deleteSession(app.db, request.sessionTokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前登录用户与 CSRF 令牌（未登录时 401）', response: { 200: Me } } },
    async (request) => {
      if (!request.user || !request.csrfToken) throw new HttpError(401, 'unauthenticated', '请先登录');
      return { user: request.user, csrfToken: request.csrfToken };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: GUESS_LIMIT,
      schema: {
        tags: ['auth'],
        summary: '修改自己的密码（需当前密码）；其他会话随之失效',
        body: ChangePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      if (!(await passwordMatches(app.db, user.id, request.body.currentPassword)))
        throw badRequest('当前密码不正确');
      if (request.body.newPassword === request.body.currentPassword) throw badRequest('新密码不能与当前密码相同');
      await setPassword(app.db, user.id, request.body.newPassword, request.sessionTokenHash);
      return reply.status(204).send(null);
    },
  );
};
export default auth;
