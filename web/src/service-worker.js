/**
 * The app's service worker (plain script; vite.config.ts fills in the build id and the list of built files).
 * It caches only the app shell, in a cache named after the build: an update installs the new shell beside the old
 * one and removes old shells only. Questionnaires, answers, files and the outbox live in IndexedDB, which no update
 * touches. Pages: network first (a new build shows at once), the cached shell when offline. API: never cached.
 */
const BUILD = self.__DSD_BUILD__;
const PRECACHE = self.__DSD_PRECACHE__;
const SHELL = `dsd-shell-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('dsd-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.open(SHELL).then((cache) => cache.match('/')).then((r) => r || Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
