/**
 * Client-side routing with real URLs: a table of path patterns, history.pushState for navigation, and one click
 * listener that turns clicks on same-origin links (inside shadow roots too) into navigation without a reload.
 * The server answers every path of this table with the app's page (server/plugins/web-app.ts), so reloads work.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RouteName =
  | 'home'
  | 'login'
  | 'work'
  | 'portal'
  | 'overview'
  | 'offline'
  | 'password'
  | 'assessment'
  | 'review'
  | 'result'
  | 'dashboard'
  | 'drill'
  | 'enterprise'
  | 'roster'
  | 'accounts'
  | 'contacts'
  | 'plan'
  | 'trainings'
  | 'cases'
  | 'rectifications'
  | 'rectification';

export interface Route {
  name: RouteName | 'not-found';
  params: Record<string, string>;
  path: string;
}

const TABLE: [RouteName, RegExp][] = [
  ['home', /^\/$/],
  ['login', /^\/login$/],
  ['work', /^\/work$/],
  ['portal', /^\/portal$/],
  ['overview', /^\/overview$/],
  ['offline', /^\/offline$/],
  ['password', /^\/account\/password$/],
  ['assessment', /^\/assessments\/(?<id>\d+)$/],
  ['review', /^\/assessments\/(?<id>\d+)\/review$/],
  ['result', /^\/assessments\/(?<id>\d+)\/result$/],
  ['dashboard', /^\/dashboard$/],
  ['drill', /^\/dashboard\/enterprises$/],
  ['enterprise', /^\/enterprises\/(?<id>\d+)$/],
  ['roster', /^\/roster$/],
  ['accounts', /^\/accounts$/],
  ['contacts', /^\/contacts$/],
  ['plan', /^\/upward\/plan$/],
  ['trainings', /^\/upward\/trainings$/],
  ['cases', /^\/upward\/cases$/],
  ['rectifications', /^\/rectifications$/],
  ['rectification', /^\/rectifications\/(?<id>\d+)$/],
];

export const ROUTE_EVENT = 'dsd-route';

export function currentRoute(): Route {
  const path = location.pathname;
  for (const [name, re] of TABLE) {
    const m = re.exec(path);
    if (m) return { name, params: { ...m.groups }, path };
  }
  return { name: 'not-found', params: {}, path };
}

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === location.pathname + location.search + location.hash) return;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new CustomEvent(ROUTE_EVENT));
}

let wired = false;
export function startRouter(): void {
  if (wired) return;
  wired = true;
  window.addEventListener('popstate', () => window.dispatchEvent(new CustomEvent(ROUTE_EVENT)));
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || !a.href || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    if (url.hash && url.pathname === location.pathname) {
      history.replaceState(null, '', url.pathname + url.search + url.hash);
      window.dispatchEvent(new CustomEvent(ROUTE_EVENT));
      return;
    }
    navigate(url.pathname + url.search + url.hash);
  });
}

/**
 * For a page whose content follows its URL's query (filters, a page number): calls `load` when the page connects and
 * again whenever the query changes while the page's path is shown (a filter link, a page link, the back button).
 */
export class QueryFollower implements ReactiveController {
  private _search: string | undefined;
  private readonly _onRoute = () => {
    if (location.pathname === this.path && location.search !== this._search) this._run();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly path: string,
    private readonly load: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(ROUTE_EVENT, this._onRoute);
    this._run();
  }

  hostDisconnected(): void {
    window.removeEventListener(ROUTE_EVENT, this._onRoute);
  }

  private _run(): void {
    this._search = location.search;
    void this.load();
  }
}
