/**
 * Driving the web app in Chromium: the build (made once when missing or stale), logging in through the form,
 * finding elements inside the components' shadow roots (Puppeteer's `>>>`), taking the network away from the page
 * and its service worker, and axe-core checks.
 */
import type { Browser, Page } from 'puppeteer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
// @ts-expect-error the build script is plain JavaScript run by Node before the tests
import { ensureWebBuild } from '../../scripts/build-web.mjs';

export function buildWebApp(): void {
  (ensureWebBuild as () => boolean)();
}

/** CSS for an element inside the app, through every shadow root on the way. */
export const inApp = (selector: string) => `dsd-app >>> ${selector}`;
/** An item of the questionnaire page by item id. */
export const itemSel = (itemId: string) => inApp(`dsd-item-field[data-item="${itemId}"]`);

export async function login(page: Page, base: string, username: string, password: string, path = '/login'): Promise<void> {
  await page.goto(base + path, { waitUntil: 'networkidle0' });
  await page.locator(inApp('input[name=username]')).fill(username);
  await page.locator(inApp('input[name=password]')).fill(password);
  await page.locator(inApp('form button[type=submit]')).click();
}

/** The visible text of the first element matching a deep selector ('' when there is none). */
export async function textOf(page: Page, selector: string): Promise<string> {
  const el = await page.$(selector);
  if (!el) return '';
  // Text through nested shadow roots (a host's innerText leaves its shadow content out).
  return el.evaluate((e) => {
    const walk = (n: Node): string => {
      if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
      if (n instanceof HTMLElement && (n.tagName === 'STYLE' || n.tagName === 'SCRIPT')) return '';
      if (n instanceof HTMLElement && n.hidden) return '';
      let out = '';
      const root = (n as Element).shadowRoot;
      if (root) for (const c of root.childNodes) out += walk(c);
      for (const c of n.childNodes) out += walk(c);
      if (n instanceof HTMLElement && getComputedStyle(n).display === 'block') out += '\n';
      return out;
    };
    return walk(e);
  });
}

/** Waits until the deep selector's text contains the wanted text. */
export async function waitForText(page: Page, selector: string, wanted: string, timeout = 15_000): Promise<void> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeout) {
    last = await textOf(page, selector).catch(() => '');
    if (last.includes(wanted)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${wanted}" did not appear in ${selector}; last text: ${last.slice(0, 500)}`);
}

/** Cuts (or restores) the network of the page and of the service workers, which Chromium emulates separately. */
export async function setOffline(browser: Browser, page: Page, offline: boolean): Promise<void> {
  await page.setOfflineMode(offline);
  for (const target of browser.targets()) {
    if (target.type() !== 'service_worker') continue;
    const session = await target.createCDPSession();
    await session.send('Network.enable');
    await session.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
}

/** Waits until the page is controlled by the app's service worker (so a reload works without network). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, {
    timeout: 20_000,
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page and expects no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
  expect(violations, what).toEqual([]);
}

/** Waits until the page's outbox (IndexedDB) holds an entry for the item: the write finished. */
export async function waitForOutboxEntry(page: Page, itemId: string): Promise<void> {
  await page.waitForFunction(
    (item) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('dsd');
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            resolve((req.result as { itemId: string }[]).some((e) => e.itemId === item));
            open.result.close();
          };
        };
        open.onerror = () => resolve(false);
      }),
    { timeout: 10_000 },
    itemId,
  );
}
