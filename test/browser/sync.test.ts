/**
 * The outbox against an unreliable network: a reply lost after the server applied a batch (the resend is recognised
 * by its batch id), a server that is down for a while, and two tabs of one assessment sending at the same time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPRequest, Page } from 'puppeteer';
import { inApp, itemSel, waitForOutboxEntry, waitForText } from '../helpers/web.js';
import { apiGet, assignedEnterprise, choose, createBrowserWorld, createFieldAssessment, fillText, signIn, type BrowserWorld } from './world.js';

const badge = inApp('dsd-questionnaire-page >>> dsd-sync-badge');

/** Batch ids of the answer batches the page sent. */
function recordBatches(page: Page, into: string[]): void {
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/answers')) into.push(JSON.parse(r.postData() ?? '{}').batchId);
  });
}

/** A new field assessment of a new enterprise, opened by the second diagnostician in a browser context of its own. */
async function openNewAssessment(w: BrowserWorld, enterpriseName: string, hash = ''): Promise<{ id: number; page: Page }> {
  const enterprise = assignedEnterprise(w, w.users.diag2.id, { name: enterpriseName });
  const id = await createFieldAssessment(w, enterprise, w.users.diag2.id);
  const page = await (await w.browser.createBrowserContext()).newPage();
  await signIn(w, page, w.users.diag2.id);
  await page.goto(`${w.base}/assessments/${id}${hash}`, { waitUntil: 'networkidle0' });
  await waitForText(page, badge, '已同步');
  return { id, page };
}

describe('sending the outbox', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('resends a batch whose reply was lost, and the server applies it once', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');
    const sent: string[] = [];
    recordBatches(page, sent);
    // The first batch reaches the server, but the browser sees the connection drop before the reply.
    let dropped = false;
    await page.setRequestInterception(true);
    page.on('request', async (r: HTTPRequest) => {
      if (!dropped && r.method() === 'PUT' && r.url().endsWith('/answers')) {
        dropped = true;
        await fetch(r.url(), { method: 'PUT', headers: r.headers(), body: r.postData() });
        await r.abort('connectionreset');
        return;
      }
      await r.continue();
    });
    await choose(page, 'profile.size', 'large');
    // The badge said 已同步 before the change too: wait for the resend itself, then for the state.
    for (let i = 0; i < 300 && sent.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    await waitForText(page, badge, '已同步', 30_000);
    expect(sent.length).toBe(2);
    expect(sent[0]).toBe(sent[1]);
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    expect(history.map((h) => h.itemId)).toEqual(['profile.size']);
    await page.browserContext().close();
  });

  it('keeps changes while the server is down and sends them when it answers again', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.other, w.users.diag.id);
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');
    // Every API call fails as if the server process were gone (the browser itself stays online).
    let down = true;
    await page.setRequestInterception(true);
    page.on('request', (r) => void (down && r.url().includes('/api/') ? r.abort('connectionrefused') : r.continue()));
    await choose(page, 'profile.size', 'small');
    await fillText(page, 'profile.name', '服务器中断时填写');
    await waitForText(page, badge, '已保存在本机');
    down = false;
    // As when the connection comes back (the backoff timer may also get there first, so no click on 立即重试).
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForText(page, badge, '已同步', 30_000);
    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers).toEqual({ 'profile.size': 'small', 'profile.name': '服务器中断时填写' });
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    expect(history.map((h) => h.itemId).sort()).toEqual(['profile.name', 'profile.size']);
    await page.browserContext().close();
  });

  it('sends remarks and 待核实 flags, an evidence item\'s too, and another device shows them', { timeout: 60_000 }, async () => {
    const { id, page } = await openNewAssessment(w, '长春备注同步测试有限公司', '#ctl.policy_file');
    const evidence = itemSel('ctl.policy_file');
    await page.locator(`${evidence} >>> .extras input[type=checkbox]`).click();
    await page.locator(`${evidence} >>> .extras button.link`).click();
    await page.locator(`${evidence} >>> textarea[id="note-ctl.policy_file"]`).fill('制度文件下次补交原件');
    await page.keyboard.press('Tab');
    await page.locator(`${itemSel('ctl.backup')} >>> .extras input[type=checkbox]`).click();
    await waitForOutboxEntry(page, 'ctl.backup');
    await waitForText(page, badge, '已同步', 30_000);
    const stored = await apiGet(w, w.users.diag2.id, `/api/assessments/${id}`);
    expect(stored.notes).toEqual({ 'ctl.policy_file': '制度文件下次补交原件' });
    expect(stored.flags).toEqual(['ctl.backup', 'ctl.policy_file']);
    expect(stored.answers).toEqual({});

    // Another device of the same person: the remark and both flags are there.
    const other = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, other, w.users.diag2.id);
    await other.goto(`${w.base}/assessments/${id}#ctl.policy_file`, { waitUntil: 'networkidle0' });
    const noteShown = await other.waitForSelector(`${evidence} >>> textarea[id="note-ctl.policy_file"]`);
    expect(await noteShown!.evaluate((t) => (t as HTMLTextAreaElement).value)).toBe('制度文件下次补交原件');
    for (const item of ['ctl.policy_file', 'ctl.backup']) {
      const flag = await other.waitForSelector(`${itemSel(item)} >>> .extras input[type=checkbox]`);
      expect(await flag!.evaluate((c) => (c as HTMLInputElement).checked)).toBe(true);
    }
    await page.browserContext().close();
    await other.browserContext().close();
  });

  it('sends once the remarks and flags an earlier app version kept on the device only', { timeout: 60_000 }, async () => {
    const { id, page } = await openNewAssessment(w, '长春旧版备注测试有限公司');
    // The device copy as the earlier version left it: a flag and an evidence remark that never had an outbox entry.
    await page.evaluate(
      (assessmentId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('dsd');
          open.onsuccess = () => {
            const store = open.result.transaction('assessments', 'readwrite').objectStore('assessments');
            const get = store.get(assessmentId);
            get.onsuccess = () => {
              const { marksOnServer: _, ...old } = get.result;
              const put = store.put({ ...old, flags: ['ctl.backup'], notes: { 'ctl.policy_file': '旧版本只存在本机的备注' } });
              put.onsuccess = () => resolve();
              put.onerror = () => reject(put.error);
            };
          };
        }),
      id,
    );
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步', 30_000);
    const stored = await apiGet(w, w.users.diag2.id, `/api/assessments/${id}`);
    expect(stored.notes).toEqual({ 'ctl.policy_file': '旧版本只存在本机的备注' });
    expect(stored.flags).toEqual(['ctl.backup']);
    await page.browserContext().close();
  });

  it('does not send the same entry from two tabs of the same assessment', { timeout: 60_000 }, async () => {
    const context = await w.browser.createBrowserContext();
    const [one, two] = [await context.newPage(), await context.newPage()];
    await signIn(w, one, w.users.diag2.id);
    // The enterprise's open draft (an earlier test may have started it), or a new one.
    const drafts = await apiGet(w, w.users.diag.id, `/api/assessments?status=draft&enterprise=${w.enterprises.own}`);
    const id: number = drafts.items[0]?.id ?? (await createFieldAssessment(w, w.enterprises.own, w.users.diag.id));
    const sent: string[] = [];
    recordBatches(one, sent);
    recordBatches(two, sent);
    await one.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await two.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    for (const [page, value] of [[one, 'yes'], [two, 'no'], [one, 'yes']] as const) {
      await page.bringToFront();
      await choose(page, 'profile.internet', value);
      await two.evaluate(() => window.dispatchEvent(new Event('online')));
      await one.evaluate(() => window.dispatchEvent(new Event('online')));
    }
    // The last change reaches the server (the badges may say 已同步 between two changes).
    for (let i = 0; i < 300; i++) {
      if ((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers['profile.internet'] === true) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForText(one, badge, '已同步', 30_000);
    await two.bringToFront();
    await waitForText(two, badge, '已同步', 30_000);
    expect(new Set(sent).size).toBe(sent.length);
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history?itemId=profile.internet`)) as unknown[];
    expect(history.length).toBeLessThanOrEqual(3);
    expect((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers['profile.internet']).toBe(true);
    await context.close();
  });
});
