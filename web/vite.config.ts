/**
 * Vite build of the web app: web/index.html → web/dist/ (git-ignored), served by the server. The service worker
 * is a plain script whose precache list is filled in here from the bundle, so it always matches the build.
 */
import { defineConfig, type Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Emits sw.js with the list of built files and a build id, so a new build installs a new cache. */
function serviceWorker(): Plugin {
  return {
    name: 'dsd-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const id = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(join(here, 'src', 'service-worker.js'), 'utf8');
      const source = template
        .replace('self.__DSD_BUILD__', JSON.stringify(id))
        .replace('self.__DSD_PRECACHE__', JSON.stringify(['/', ...files.filter((f) => f !== 'index.html').map((f) => `/${f}`)]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  build: {
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Every browser the app supports knows <link rel=modulepreload>; the polyfill would only add to the entry.
    modulePreload: { polyfill: false },
  },
  plugins: [serviceWorker()],
});
