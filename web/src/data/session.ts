/**
 * Who is logged in. The server is the authority (GET /api/auth/me); this module keeps the answer for the pages,
 * hands the CSRF token to the API layer and the user id to the outbox sender, and tells listeners when it changes.
 */
import { ApiError, SESSION_EXPIRED_EVENT, api, setCsrfToken } from './api.js';
import type { Role, SessionUser } from './contract.js';
import { setSyncUser, syncAll } from './sync.js';

export const SESSION_EVENT = 'dsd-session';

let user: SessionUser | null = null;
/** The last user known on this device, for working offline after a reload. */
const LAST_USER_KEY = 'dsd-last-user';

export function currentUser(): SessionUser | null {
  return user;
}

function set(next: SessionUser | null, token = ''): void {
  user = next;
  setCsrfToken(token);
  setSyncUser(next?.id ?? null);
  if (next) localStorage.setItem(LAST_USER_KEY, JSON.stringify(next));
  window.dispatchEvent(new CustomEvent(SESSION_EVENT));
  if (next) void syncAll();
}

/**
 * Asks the server who is logged in. Offline, the last user of this device is assumed so that work continues
 * (anything typed waits in the outbox and is sent only once that user's session is confirmed).
 */
export async function restoreSession(): Promise<{ user: SessionUser | null; offline: boolean }> {
  try {
    const me = await api.me();
    set(me.user, me.csrfToken);
    return { user: me.user, offline: false };
  } catch (err) {
    if (err instanceof ApiError && err.offline) {
      // Not confirmed: the outbox is not sent until the server confirms this user (see the 'online' listener).
      const last = localStorage.getItem(LAST_USER_KEY);
      user = last ? (JSON.parse(last) as SessionUser) : null;
      setSyncUser(null);
      window.dispatchEvent(new CustomEvent(SESSION_EVENT));
      return { user, offline: true };
    }
    set(null);
    return { user: null, offline: false };
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const me = await api.login(username, password);
  set(me.user, me.csrfToken);
  return me.user;
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } finally {
    localStorage.removeItem(LAST_USER_KEY);
    set(null);
  }
}

// Back online after starting offline: ask the server who is logged in; sending starts once it answers.
window.addEventListener('online', () => {
  if (user) void restoreSession();
});

// A 401 ends the session here too, without touching anything stored on the device.
window.addEventListener(SESSION_EXPIRED_EVENT, () => set(null));

/** Each role's start page. */
export const START_PAGE: Record<Role, string> = {
  diagnostician: '/work',
  enterprise: '/portal',
  district: '/dashboard',
  bureau: '/dashboard',
  admin: '/dashboard',
};

const DASHBOARD = { href: '/dashboard', label: '工作台' };
const ROSTER = { href: '/roster', label: '名录导入' };
const ACCOUNTS = { href: '/accounts', label: '账号管理' };
const ACCEPTANCE = { href: '/rectifications', label: '整改验收' };

/** The navigation each role sees (the server still checks every request). */
export const NAVIGATION: Record<Role, { href: string; label: string }[]> = {
  diagnostician: [{ href: '/work', label: '诊断任务' }, ACCEPTANCE, { href: '/offline', label: '离线与同步' }],
  enterprise: [{ href: '/portal', label: '本企业诊断' }, { href: '/rectifications', label: '问题整改' }, { href: '/offline', label: '离线与同步' }],
  district: [DASHBOARD, ACCEPTANCE, ROSTER, ACCOUNTS],
  bureau: [
    DASHBOARD,
    ACCEPTANCE,
    ROSTER,
    ACCOUNTS,
    { href: '/upward/plan', label: '年度计划表' },
    { href: '/upward/trainings', label: '宣贯培训' },
    { href: '/upward/cases', label: '典型案例' },
  ],
  admin: [DASHBOARD, ACCEPTANCE, ROSTER, ACCOUNTS, { href: '/contacts', label: '区域联系人' }],
};
