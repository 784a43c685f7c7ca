/**
 * The shell: header with the role's navigation, the current page by URL, the login page when nobody is logged in
 * (the URL is kept, so a deep link opens after login), and device-wide notices (offline, someone else's unsent work).
 * Navigation hides what a role cannot use; the server still refuses what a role may not do.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SESSION_EXPIRED_EVENT } from '../data/api.js';
import { ROLE_LABELS, type Role, type SessionUser } from '../data/contract.js';
import { NAVIGATION, SESSION_EVENT, START_PAGE, currentUser, logout, restoreSession } from '../data/session.js';
import { allEntries } from '../data/store.js';
import { SYNC_EVENT, startSync } from '../data/sync.js';
import { ROUTE_EVENT, currentRoute, navigate, startRouter, type Route } from '../router.js';
import { shared } from '../styles/shared.js';
import '../pages/dsd-login-page.js';
import '../pages/dsd-work-page.js';
import '../pages/dsd-offline-page.js';
import '../pages/dsd-password-page.js';
import '../pages/dsd-questionnaire-page.js';

const CONSOLE: Role[] = ['admin', 'bureau', 'district'];

/** Which roles each page is for; assessment pages are for everyone and the server decides per assessment. */
const PAGE_ROLES: Partial<Record<Route['name'], Role[]>> = {
  work: ['diagnostician', 'admin'],
  portal: ['enterprise'],
  dashboard: CONSOLE,
  drill: CONSOLE,
  enterprise: CONSOLE,
  roster: CONSOLE,
  accounts: CONSOLE,
  contacts: ['admin'],
  plan: ['bureau'],
  trainings: ['bureau'],
  cases: ['bureau'],
};

/**
 * The console's and the portal's pages load on first visit, each as its own chunk (Chart.js is another, loaded by
 * the charts), so the field app's entry bundle does not grow with them. The service worker precaches every chunk.
 */
const LAZY: Partial<Record<Route['name'], () => Promise<unknown>>> = {
  portal: () => import('../pages/dsd-portal-page.js'),
  rectifications: () => import('../pages/dsd-rectifications-page.js'),
  rectification: () => import('../pages/dsd-rectification-page.js'),
  dashboard: () => import('../pages/dsd-dashboard-page.js'),
  drill: () => import('../pages/dsd-drill-page.js'),
  enterprise: () => import('../pages/dsd-enterprise-page.js'),
  roster: () => import('../pages/dsd-roster-page.js'),
  accounts: () => import('../pages/dsd-accounts-page.js'),
  contacts: () => import('../pages/dsd-contacts-page.js'),
  plan: () => import('../pages/dsd-plan-page.js'),
  trainings: () => import('../pages/dsd-trainings-page.js'),
  cases: () => import('../pages/dsd-cases-page.js'),
};

@customElement('dsd-app')
export class DsdApp extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; min-height: 100vh; }
      header { background: #0d3b6e; color: #fff; }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; padding: 0.5rem 1rem; max-width: 1280px; margin: 0 auto; }
      .brand { font-weight: 700; font-size: 1.1rem; color: #fff; text-decoration: none; margin-right: 0.5rem; }
      nav ul { list-style: none; display: flex; gap: 0.25rem; margin: 0; padding: 0; flex-wrap: wrap; }
      nav a { color: #fff; text-decoration: none; padding: 0.4rem 0.6rem; border-radius: var(--dsd-radius); display: inline-block; }
      nav a[aria-current='page'] { background: rgba(255, 255, 255, 0.2); }
      nav a:hover { background: rgba(255, 255, 255, 0.12); }
      .user { margin-left: auto; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
      .user a, .user button.link { color: #fff; }
      .role { font-size: 0.85rem; opacity: 0.85; }
      main { flex: 1; width: 100%; max-width: 1280px; margin: 0 auto; padding: 1rem; }
      .skip { position: absolute; left: -9999px; }
      .skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; color: var(--dsd-primary); padding: 0.5rem; z-index: 10; }
      .notice { max-width: 1280px; margin: 0.5rem auto 0; padding: 0 1rem; }
      footer { text-align: center; color: var(--dsd-muted); font-size: 0.85rem; padding: 1rem; }
      @media (max-width: 600px) { main { padding: 0.6rem; } .bar { padding: 0.4rem 0.6rem; } }
    `,
  ];

  @state() private _route: Route = currentRoute();
  @state() private _user: SessionUser | null = null;
  @state() private _ready = false;
  @state() private _offline = !navigator.onLine;
  @state() private _othersPending: { name: string; count: number }[] = [];
  @state() private _loginNotice = '';
  @state() private _loaded = new Set<Route['name']>();
  @state() private _loadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    startRouter();
    startSync();
    window.addEventListener(ROUTE_EVENT, () => this._onRoute());
    window.addEventListener(SESSION_EVENT, () => {
      this._user = currentUser();
      void this._checkOthers();
      // After login, /login and / lead to the role's start page.
      if (this._ready) this._onRoute();
    });
    window.addEventListener(SYNC_EVENT, () => void this._checkOthers());
    window.addEventListener('online', () => (this._offline = false));
    window.addEventListener('offline', () => (this._offline = true));
    window.addEventListener(SESSION_EXPIRED_EVENT, () => {
      this._loginNotice = '登录已过期，请重新登录。尚未同步的内容仍保存在本机，登录后自动发送。';
      this._user = null;
    });
    void this._start();
  }

  private async _start(): Promise<void> {
    const { user, offline } = await restoreSession();
    this._user = user;
    this._offline = offline || !navigator.onLine;
    this._ready = true;
    this._onRoute();
  }

  private _onRoute(): void {
    this._route = currentRoute();
    // The former overview page: its links lead to the dashboard.
    if (this._route.name === 'overview') {
      navigate('/dashboard' + location.search, { replace: true });
      return;
    }
    if (this._user && (this._route.name === 'home' || this._route.name === 'login')) {
      const back = new URLSearchParams(location.search).get('next');
      navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : START_PAGE[this._user.role], { replace: true });
      return;
    }
    const title = this.renderRoot.querySelector('main h1');
    document.title = title?.textContent ? `${title.textContent} · 数安诊断` : '数安诊断';
    window.scrollTo(0, 0);
  }

  private async _checkOthers(): Promise<void> {
    const me = this._user?.id;
    const counts = new Map<string, number>();
    if (me !== undefined)
      for (const e of await allEntries()) if (e.userId !== me) counts.set(e.userName, (counts.get(e.userName) ?? 0) + 1);
    this._othersPending = [...counts].map(([name, count]) => ({ name, count }));
  }

  private async _logout(): Promise<void> {
    try {
      await logout();
    } catch {
      // Offline: the session ends on this device; the server session expires on its own.
    }
    this._loginNotice = '';
    navigate('/login');
  }

  override updated(): void {
    const h1 = this.renderRoot.querySelector('main')?.firstElementChild?.shadowRoot?.querySelector('h1');
    if (h1?.textContent) document.title = `${h1.textContent} · 数安诊断`;
  }

  override render(): TemplateResult {
    const user = this._user;
    return html`
      <a class="skip" href="#main" @click=${this._skip}>跳到主要内容</a>
      <header>
        <div class="bar">
          <a class="brand" href="/">数安诊断</a>
          ${user
            ? html`<nav aria-label="主导航">
                  <ul>
                    ${NAVIGATION[user.role].map(
                      (n) => html`<li><a href=${n.href} aria-current=${this._route.path === n.href ? 'page' : nothing}>${n.label}</a></li>`,
                    )}
                  </ul>
                </nav>
                <div class="user">
                  <span>${user.displayName} <span class="role">（${ROLE_LABELS[user.role]}）</span></span>
                  <a href="/account/password">修改密码</a>
                  <button class="link" @click=${this._logout}>退出登录</button>
                </div>`
            : nothing}
        </div>
      </header>
      ${this._offline
        ? html`<div class="notice"><p class="alert warning" role="status">当前处于离线状态：填写的内容保存在本机，联网后自动同步。</p></div>`
        : nothing}
      ${user && this._othersPending.length
        ? html`<div class="notice">
            <p class="alert info" role="status">
              本设备上还有其他用户尚未同步的内容（${this._othersPending.map((o) => `${o.name}：${o.count} 项`).join('；')}），
              它们只会在该用户登录后以其身份发送，不会以您的身份提交。
            </p>
          </div>`
        : nothing}
      <main id="main" tabindex="-1">${this._ready ? this._page() : html`<p role="status">正在加载…</p>`}</main>
      <footer>数安诊断 · 工业领域数据安全诊断与自评估</footer>
    `;
  }

  private _skip(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private _page(): TemplateResult {
    const r = this._route;
    const user = this._user;
    if (!user) return html`<dsd-login-page .notice=${this._loginNotice}></dsd-login-page>`;
    const allowed = PAGE_ROLES[r.name];
    if (allowed && !allowed.includes(user.role))
      return html`<section><h1>无权访问此页面</h1><p>此页面不属于您的角色（${ROLE_LABELS[user.role]}）。<a href=${START_PAGE[user.role]}>返回首页</a></p></section>`;
    const id = Number(r.params.id);
    const load = LAZY[r.name];
    if (load && !this._loaded.has(r.name)) {
      const name = r.name;
      load().then(
        () => (this._loaded = new Set([...this._loaded, name])),
        () => (this._loadError = '页面加载失败：请检查网络后刷新。'),
      );
      return this._loadError ? html`<p class="alert error" role="alert">${this._loadError}</p>` : html`<p role="status">正在加载…</p>`;
    }
    switch (r.name) {
      case 'work':
        return html`<dsd-work-page .user=${user}></dsd-work-page>`;
      case 'portal':
        return html`<dsd-portal-page .user=${user}></dsd-portal-page>`;
      case 'dashboard':
        return html`<dsd-dashboard-page .user=${user}></dsd-dashboard-page>`;
      case 'drill':
        return html`<dsd-drill-page .user=${user}></dsd-drill-page>`;
      case 'enterprise':
        return html`<dsd-enterprise-page .user=${user} .enterpriseId=${id}></dsd-enterprise-page>`;
      case 'roster':
        return html`<dsd-roster-page .user=${user}></dsd-roster-page>`;
      case 'accounts':
        return html`<dsd-accounts-page .user=${user}></dsd-accounts-page>`;
      case 'contacts':
        return html`<dsd-contacts-page></dsd-contacts-page>`;
      case 'plan':
        return html`<dsd-plan-page></dsd-plan-page>`;
      case 'trainings':
        return html`<dsd-trainings-page></dsd-trainings-page>`;
      case 'cases':
        return html`<dsd-cases-page></dsd-cases-page>`;
      case 'offline':
        return html`<dsd-offline-page .user=${user}></dsd-offline-page>`;
      case 'password':
        return html`<dsd-password-page></dsd-password-page>`;
      case 'assessment':
      case 'review':
      case 'result':
        return html`<dsd-questionnaire-page .user=${user} .assessmentId=${id} .mode=${r.name}></dsd-questionnaire-page>`;
      case 'rectifications':
        return html`<dsd-rectifications-page .user=${user}></dsd-rectifications-page>`;
      case 'rectification':
        return html`<dsd-rectification-page .user=${user} .rectificationId=${id}></dsd-rectification-page>`;
      case 'home':
      case 'login':
      case 'overview':
        return html`<p role="status">正在跳转…</p>`;
      default:
        return html`<section><h1>页面不存在</h1><p>地址 ${r.path} 没有对应的页面。<a href="/">返回首页</a></p></section>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-app': DsdApp;
  }
}
