/**
 * The server process killed with SIGKILL while the page is sending its outbox, for real: the server runs as its own
 * process on a temporary data directory, is killed twice — once right after it applied a batch whose reply the page
 * never gets, once the moment a batch leaves the page — and started again on the same data. Meanwhile the person
 * keeps answering. Afterwards the server holds every answer exactly once and the device's outbox is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { DATABASE_FILE } from '../../server/db/open.js';
import { addUser } from '../helpers/accounts.js';
import { createTestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { createEnterprise } from '../helpers/enterprises.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { buildWebApp, inApp, textOf, waitForOutboxEntry, waitForText } from '../helpers/web.js';
import { FIXTURE_QUESTIONNAIRES, choose, createFieldAssessment, fillText, sessionFor, setSessionCookie } from './world.js';

const badge = inApp('dsd-questionnaire-page >>> dsd-sync-badge');
const isAnswerBatch = (r: HTTPRequest) => r.method() === 'PUT' && r.url().endsWith('/answers');

async function until(what: string, check: () => boolean | Promise<boolean>, timeout = 20_000): Promise<void> {
  for (const start = Date.now(); Date.now() - start < timeout; await new Promise((r) => setTimeout(r, 100))) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

/** What the page does when the connection returns (its backoff timer may also resend first, so no click on 立即重试). */
const retryNow = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

/** Entries left in the page's outbox (IndexedDB). */
function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('dsd');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
  );
}

describe('a server killed while the outbox is being sent', () => {
  let dataDir = '';
  let port = 0;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let session: Record<string, string>;
  let assessmentId = 0;

  const start = async () => (server = await startServerProcess({ dataDir, questionnaireDir: FIXTURE_QUESTIONNAIRES, port }));
  const get = async (path: string) => (await fetch(`${server!.base}${path}`, { headers: session })).json();

  beforeAll(async () => {
    buildWebApp();
    // The data is made in-process, then the database is closed and handed to the server process.
    const t = await createTestApp({ questionnaireDir: FIXTURE_QUESTIONNAIRES });
    dataDir = t.dataDir;
    const enterprise = createEnterprise(t.app, '朝阳区', { name: '长春断电测试机械有限公司' });
    const diag = await addUser(t.app, 'kill-diag', 'diagnostician');
    t.app.db.prepare('INSERT INTO assignments (user_id, enterprise_id) VALUES (?, ?)').run(diag.id, enterprise);
    assessmentId = await createFieldAssessment(t, enterprise, diag.id);
    session = sessionFor(t, diag.id);
    await t.app.close();
    port = await freePort();
    await start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await server?.kill();
    await browser?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps answering through two kills and ends with every answer stored once', { timeout: 120_000 }, async () => {
    const page = await (await browser!.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await setSessionCookie(page, session);
    await page.goto(`${server!.base}/assessments/${assessmentId}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');

    // Every batch the page sends is recorded; the first one is held back until the server has been killed.
    const sent: string[] = [];
    let held: HTTPRequest | undefined;
    let killOnNextBatch = false;
    let killed: Promise<void> | undefined;
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (isAnswerBatch(r)) {
        sent.push(JSON.parse(r.postData() ?? '{}').batchId);
        if (!held) return void (held = r);
        if (killOnNextBatch) {
          killOnNextBatch = false;
          void r.continue();
          killed = server!.kill();
          return;
        }
      }
      void r.continue();
    });

    // 1. The server applies the first batch and dies before its reply leaves; the person goes on answering.
    await choose(page, 'profile.size', 'large');
    await until('the first batch', () => held !== undefined);
    await fillText(page, 'profile.name', '断电时填写的名称');
    await choose(page, 'profile.internet', 'yes');
    await waitForOutboxEntry(page, 'profile.internet');
    const applied = await fetch(held!.url(), { method: 'PUT', headers: held!.headers(), body: held!.postData() });
    expect(applied.status).toBe(200);
    await server!.kill();
    await held!.abort('connectionreset');

    // 2. While the server is down: more answers, shown as kept on the device, not as lost.
    await fillText(page, 'profile.staff', '120');
    await page.locator(`${inApp('dsd-item-field[data-item="profile.systems"]')} >>> input[value="none"]`).click();
    await waitForOutboxEntry(page, 'profile.systems');
    await until('a failed resend', () => sent.length >= 2);
    await waitForText(page, badge, '已保存在本机');
    const whileDown = await textOf(page, badge);
    expect(whileDown).toMatch(/（\d+ 项待发送）/);
    expect(whileDown).not.toContain('同步失败');

    // 3. Started again on the same data: the held batch is resent under its id and recognised.
    await start();
    await retryNow(page);
    await waitForText(page, badge, '已同步', 30_000);
    expect(await outboxSize(page)).toBe(0);

    // 4. Killed again the moment the next batch leaves the page (applied or not, whichever the race gives).
    killOnNextBatch = true;
    await choose(page, 'profile.size', 'small');
    await until('the kill', () => killed !== undefined);
    await killed;
    await waitForText(page, badge, '已保存在本机');
    await start();
    await retryNow(page);
    await waitForText(page, badge, '已同步', 30_000);
    expect(await outboxSize(page)).toBe(0);

    const stored = await get(`/api/assessments/${assessmentId}`);
    expect(stored.answers).toEqual({
      'profile.size': 'small',
      'profile.name': '断电时填写的名称',
      'profile.internet': true,
      'profile.staff': 120,
      'profile.systems': ['none'],
    });
    // One history entry per change: profile.size was changed twice, everything else once.
    const history = (await get(`/api/assessments/${assessmentId}/history`)) as { itemId: string; newValue: unknown }[];
    expect(history.map((h) => `${h.itemId}=${JSON.stringify(h.newValue)}`).sort()).toEqual(
      [
        'profile.size="large"',
        'profile.size="small"',
        'profile.name="断电时填写的名称"',
        'profile.internet=true',
        'profile.staff=120',
        'profile.systems=["none"]',
      ].sort(),
    );
    // Each batch id the page sent was applied exactly once, and every applied batch came from the page.
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const appliedIds = db.prepare('SELECT batch_id FROM answer_batches WHERE assessment_id = ?').pluck().all(assessmentId) as string[];
    db.close();
    expect([...appliedIds].sort()).toEqual([...new Set(sent)].sort());
    expect(sent.filter((b) => b === sent[0]).length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    await page.browserContext().close();
  });
});
