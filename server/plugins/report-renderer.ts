/**
 * The PDF renderer shared by the whole app (server/report/renderer.ts): one warm Chromium, launched on the first
 * report rather than at boot (most processes — tests, CLI commands — never render), and closed with the app so no
 * Chromium process outlives the server. It counts the renders asked of it, so background work can leave users a slot.
 */
import { availableParallelism } from 'node:os';
import fp from 'fastify-plugin';
import { PdfRenderer, type RendererOptions } from '../report/renderer.js';

declare module 'fastify' {
  interface FastifyInstance {
    reportRenderer: PdfRenderer;
  }
}

export default fp(async (app, opts: RendererOptions = {}) => {
  const renderer = new PdfRenderer({ concurrency: Math.max(1, Math.min(4, availableParallelism())), ...opts });
  app.decorate('reportRenderer', renderer);
  app.addHook('onClose', async () => {
    await renderer.close();
  });
});
