/**
 * The browser tests' world: a real server on a temporary database with the small fixture questionnaires (every item
 * kind), enterprises, users with real passwords for each role, and a Chromium. Built once per test file.
 */
import type { Browser } from 'puppeteer';
import type { FastifyInstance } from 'fastify';
import { join, resolve } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'puppeteer';
import { randomBytes } from 'node:crypto';
import { CSRF_HEADER, SESSION_COOKIE, hashToken } from '../../server/plugins/auth.js';
import { addUser, PASSWORD } from '../helpers/accounts.js';
import { createTestApp, districtId, type TestApp } from '../helpers/app.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { createEnterprise } from '../helpers/enterprises.js';
import { buildWebApp, inApp, itemSel } from '../helpers/web.js';

export { PASSWORD };
export const FIXTURE_QUESTIONNAIRES = resolve('test/fixtures/assessments/questionnaires');

export interface BrowserWorld {
  t: TestApp;
  app: FastifyInstance;
  base: string;
  browser: Browser;
  /** Enterprises assigned to the diagnosticians: 朝阳区 (core questionnaire) and 南关区. */
  enterprises: { own: number; other: number };
  users: Record<'admin' | 'bureau' | 'district' | 'diag' | 'diag2' | 'enterprise', { id: number; username: string }>;
  close(): Promise<void>;
}

export async function createBrowserWorld(): Promise<BrowserWorld> {
  buildWebApp();
  const t = await createTestApp({ questionnaireDir: FIXTURE_QUESTIONNAIRES });
  const app = t.app;
  const own = createEnterprise(app, '朝阳区', { name: '长春界面测试机械有限公司' });
  const other = createEnterprise(app, '南关区', { name: '长春他区保密测试有限公司' });
  const user = async (name: string, role: Parameters<typeof addUser>[2], scope: Parameters<typeof addUser>[3] = {}) => {
    const u = await addUser(app, name, role, scope);
    return { id: u.id, username: name };
  };
  const users = {
    admin: await user('ui-admin', 'admin'),
    bureau: await user('ui-bureau', 'bureau'),
    district: await user('ui-district', 'district', { districtId: districtId(app, '朝阳区') }),
    diag: await user('ui-diag', 'diagnostician'),
    diag2: await user('ui-diag2', 'diagnostician'),
    enterprise: await user('ui-enterprise', 'enterprise', { enterpriseId: own }),
  };
  for (const u of [users.diag, users.diag2])
    for (const e of [own, other]) app.db.prepare('INSERT INTO assignments (user_id, enterprise_id) VALUES (?, ?)').run(u.id, e);
  const base = await listen(t);
  const browser = await launchBrowser();
  return {
    t,
    app,
    base,
    browser,
    enterprises: { own, other },
    users,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Cookie and CSRF headers of a new session of the user, made in the database (no login, so no rate limit). */
export function sessionFor(w: Pick<BrowserWorld, 'app'>, userId: number): Record<string, string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('base64url');
  w.app.db
    .prepare(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now','+1 day'))`)
    .run(hashToken(token), userId, csrf);
  return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrf };
}

/** A field assessment created through the API as the given user; returns its id. */
export async function createFieldAssessment(w: Pick<BrowserWorld, 'app'>, enterpriseId: number, userId: number): Promise<number> {
  const created = await w.app.inject({ method: 'POST', url: '/api/assessments', headers: sessionFor(w, userId), payload: { enterpriseId, kind: 'field' } });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json().id as number;
}

/** GET as a user: what the server stored. */
export async function apiGet(w: BrowserWorld, userId: number, url: string): Promise<any> {
  const got = await w.app.inject({ method: 'GET', url, headers: sessionFor(w, userId) });
  return got.json();
}

/** Gives the page a session of the user without the login form (the form has its own test). */
export async function signIn(w: Pick<BrowserWorld, 'app'>, page: Page, userId: number): Promise<void> {
  await setSessionCookie(page, sessionFor(w, userId));
}

/** Puts a session made by sessionFor into the page's cookie jar. */
export async function setSessionCookie(page: Page, session: Record<string, string>): Promise<void> {
  const token = session.cookie.slice(SESSION_COOKIE.length + 1);
  await page.browserContext().setCookie({ name: SESSION_COOKIE, value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' });
}

// ---------- answering through the UI ----------

/** A real 1×1 PNG (the server decides file types from the bytes). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function pngFile(name = 'photo.png'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dsd-evidence-')), name);
  writeFileSync(path, PNG);
  return path;
}

export async function fillText(page: Page, itemId: string, value: string): Promise<void> {
  const input = page.locator(`${itemSel(itemId)} >>> [id="in-${itemId}"]`);
  await input.fill(value);
  // Leaving the field commits it, as a person tabbing on would.
  await page.keyboard.press('Tab');
}

export async function choose(page: Page, itemId: string, value: string): Promise<void> {
  await page.locator(`${itemSel(itemId)} >>> input[value="${value}"]`).click();
}

export async function nextSection(page: Page): Promise<void> {
  await page.locator(inApp('.pager button:last-child')).click();
}
