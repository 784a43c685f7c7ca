/**
 * Serves the built web app (web/dist, made by scripts/build-web.mjs): hashed assets cached for a year, the page and
 * the service worker always revalidated (so an update reaches every device), and index.html for every client-side
 * route so that deep links and reloads work. Unknown paths stay 404.
 */
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the web app routes itself (web/src/router.ts); each is answered with the app's page. */
export const CLIENT_ROUTES = [
  '/',
  '/login',
  '/work',
  '/portal',
  '/overview',
  '/offline',
  '/account/password',
  '/assessments/:id',
  '/assessments/:id/review',
  '/assessments/:id/result',
  '/dashboard',
  '/dashboard/enterprises',
  '/enterprises/:id',
  '/roster',
  '/accounts',
  '/contacts',
  '/upward/plan',
  '/upward/trainings',
  '/upward/cases',
  '/rectifications',
  '/rectifications/:id',
];

export default fp<{ root: string }>(async (app, { root }) => {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built; run `node scripts/build-web.mjs`');
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('网页尚未构建：请用 npm start 启动（会自动构建），或运行 node scripts/build-web.mjs'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    // Vite puts content hashes in the names under assets/; everything else may change under the same name.
    setHeaders(reply, path) {
      reply.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const url of CLIENT_ROUTES)
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
});
