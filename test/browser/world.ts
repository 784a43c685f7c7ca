/**
 * The browser tests' world: a real server on a temporary database with the small fixture questionnaires (every item
 * kind), enterprises, users with real passwords for each role, and a Chromium. Built once per test file.
 */
import type { FastifyInstance } from 'fastify';
import { join, resolve } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { expect } from 'vitest';
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

/** By default on the small fixture questionnaires; `questionnaireDir` gives the real, composed ones. */
export async function createBrowserWorld(options: { questionnaireDir?: string } = {}): Promise<BrowserWorld> {
  buildWebApp();
  const t = await createTestApp({ questionnaireDir: options.questionnaireDir ?? FIXTURE_QUESTIONNAIRES });
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

/** One more enterprise in 朝阳区, assigned to the given diagnostician; returns its id. */
export function assignedEnterprise(w: Pick<BrowserWorld, 'app'>, userId: number, fields: Parameters<typeof createEnterprise>[2]): number {
  const id = createEnterprise(w.app, '朝阳区', fields);
  w.app.db.prepare('INSERT INTO assignments (user_id, enterprise_id) VALUES (?, ?)').run(userId, id);
  return id;
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

export type ItemKind = 'control' | 'yesno' | 'single' | 'multi' | 'number' | 'text' | 'date' | 'inventory' | 'evidence';

interface ShownItem {
  id: string;
  kind: ItemKind;
  answered: boolean;
  options: { value: string; exclusive: boolean }[];
  min?: number;
  max?: number;
  pattern: boolean;
}

/** The items the current section shows, in order (answering one may show or hide others). */
async function shownItems(page: Page): Promise<ShownItem[]> {
  const handles = await page.$$(inApp('dsd-questionnaire-page >>> dsd-item-field'));
  return Promise.all(
    handles.map((h) =>
      h.evaluate((el) => {
        const field = el as unknown as { def: Record<string, any>; value: unknown };
        const d = field.def;
        return {
          id: d.id as string,
          kind: d.kind as ItemKind,
          answered: field.value !== undefined,
          options: ((d.options ?? []) as { value: string; exclusive?: boolean }[]).map((o) => ({ value: o.value, exclusive: !!o.exclusive })),
          min: d.min as number | undefined,
          max: d.max as number | undefined,
          pattern: !!d.pattern,
        };
      }),
    ),
  );
}

/**
 * Answers, through the UI of the current section, the first shown and unanswered item of each kind asked for, in
 * order, as a person would. Returns what the server should end up storing for each item answered (a matcher for
 * inventories and files). Text items with a pattern (the credit code) are left alone.
 */
export async function answerByKind(page: Page, kinds: ItemKind[], evidenceFile: () => string = () => pngFile()): Promise<Record<string, unknown>> {
  const expected: Record<string, unknown> = {};
  const controls = ['full', 'partial', 'none'] as const;
  for (const kind of kinds) {
    const item = (await shownItems(page)).find((i) => i.kind === kind && !i.answered && !(kind === 'text' && i.pattern));
    if (!item) throw new Error(`no unanswered ${kind} item is shown in this section`);
    const within = `${itemSel(item.id)} >>>`;
    switch (kind) {
      case 'control': {
        const value = controls[Object.keys(expected).length % controls.length];
        await choose(page, item.id, value);
        expected[item.id] = value;
        break;
      }
      case 'yesno':
        await choose(page, item.id, 'yes');
        expected[item.id] = true;
        break;
      case 'single': {
        const value = item.options[0].value;
        if (item.options.length > 8) await page.locator(`${within} select`).fill(value);
        else await choose(page, item.id, value);
        expected[item.id] = value;
        break;
      }
      case 'multi': {
        const value = item.options.find((o) => !o.exclusive)!.value;
        await page.locator(`${within} input[value="${value}"]`).click();
        expected[item.id] = [value];
        break;
      }
      case 'number': {
        const value = Math.min(Math.max(12, item.min ?? 12), item.max ?? 12);
        await fillText(page, item.id, String(value));
        expected[item.id] = value;
        break;
      }
      case 'text':
        await fillText(page, item.id, `离线填写：${item.id}`);
        expected[item.id] = `离线填写：${item.id}`;
        break;
      case 'date':
        await page.locator(`${within} [id="in-${item.id}"]`).fill('2026-11-20');
        expected[item.id] = '2026-11-20';
        break;
      case 'inventory':
        await page.locator(`${within} dsd-inventory-table >>> button.secondary`).click();
        await page.locator(`${within} dsd-inventory-table >>> select[aria-label="第 1 行 存储位置"]`).fill('cloud');
        expected[item.id] = [expect.objectContaining({ location: 'cloud' })];
        break;
      case 'evidence': {
        const input = (await page.waitForSelector(`${within} input[type=file]`)) as ElementHandle<HTMLInputElement>;
        await input.uploadFile(evidenceFile());
        await page.waitForSelector(`${within} dsd-evidence-field >>> img.thumb`);
        expected[item.id] = [expect.objectContaining({ sha256: expect.any(String) })];
        break;
      }
    }
    // The write reached IndexedDB before the next item (a person's pace, not a race with the renderer).
    await page.waitForFunction(
      (root, id) => {
        const field = root!.shadowRoot!.querySelector('dsd-questionnaire-page')!.shadowRoot!.querySelector(`dsd-item-field[data-item="${id}"]`);
        return !!field && (field as unknown as { value: unknown }).value !== undefined;
      },
      { timeout: 10_000 },
      await page.$('dsd-app'),
      item.id,
    );
  }
  return expected;
}
