/** Entry of the web app: the shell element and the service worker that lets it open without network. */
import './components/dsd-app.js';

if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without the worker the app still works online; offline reloads are what is lost.
    });
  });
}
