/**
 * Offline work, in Chromium against the real server: the network is cut (for the page and its service worker),
 * every item kind is answered including an inventory row and an evidence photo, the page is reloaded and the tab
 * closed and reopened while offline (the app comes back from the service worker, the answers from IndexedDB), and
 * when the network returns everything reaches the server exactly once. The same at the size: 30 items of every
 * kind in a composed industry questionnaire (`answerByKind` answers a section's items by kind as a person would).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, ElementHandle, Page } from 'puppeteer';
import { expectAccessible, inApp, itemSel, setOffline, textOf, waitForOutboxEntry, waitForServiceWorker, waitForText } from '../helpers/web.js';
import {
  answerByKind,
  apiGet,
  assignedEnterprise,
  choose,
  createBrowserWorld,
  createFieldAssessment,
  fillText,
  nextSection,
  pngFile,
  signIn,
  type BrowserWorld,
  type ItemKind,
} from './world.js';

const badge = inApp('dsd-questionnaire-page >>> dsd-sync-badge');

async function inputValue(page: Page, itemId: string): Promise<string> {
  const el = await page.waitForSelector(`${itemSel(itemId)} >>> [id="in-${itemId}"]`);
  return el!.evaluate((i) => (i as HTMLInputElement).value);
}

/** The diagnostician's assessment open in a new browser context, synced and controlled by the service worker. */
async function openSynced(w: BrowserWorld, id: number): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await w.browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(w, page, w.users.diag.id);
  await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
  await waitForText(page, badge, '已同步');
  await waitForServiceWorker(page);
  return { context, errors };
}

describe('offline answering', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('keeps every answer through reloads and a closed tab, then sends each exactly once', async () => {
    const id = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
    const { context, errors } = await openSynced(w, id);
    let page = (await context.pages())[0];

    await setOffline(w.browser, page, true);
    await fillText(page, 'profile.name', '离线填写的企业名称');
    await choose(page, 'profile.size', 'small');
    await choose(page, 'profile.internet', 'no');
    await fillText(page, 'profile.staff', '85');
    await page.locator(`${itemSel('profile.systems')} >>> input[value="none"]`).click();
    await nextSection(page);
    await page.locator(`${itemSel('data.inventory')} >>> dsd-inventory-table >>> button.secondary`).click();
    await page.locator(`${itemSel('data.inventory')} >>> dsd-inventory-table >>> select[aria-label="第 1 行 存储位置"]`).fill('cloud');
    await choose(page, 'data.catalogue_filed', 'no');
    await nextSection(page);
    await choose(page, 'ctl.first_responsible', 'partial');
    await choose(page, 'ctl.backup', 'full');
    await choose(page, 'ctl.training', 'na');
    const file = pngFile('离线照片.png');
    const input = (await page.waitForSelector(`${itemSel('ctl.policy_file')} >>> input[type=file]`)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.waitForSelector(`${itemSel('ctl.policy_file')} >>> dsd-evidence-field >>> img.thumb`);
    await fillText(page, 'ctl.remark', '网络中断时填写');
    await waitForText(page, badge, '已保存在本机');
    await waitForOutboxEntry(page, 'ctl.remark');
    // Nothing reached the server yet.
    expect((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers).toEqual({});

    // Reload while offline: the shell comes from the service worker, the answers from IndexedDB.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春界面测试机械有限公司');
    expect(await inputValue(page, 'profile.name')).toBe('离线填写的企业名称');
    expect(await textOf(page, inApp('dsd-questionnaire-page'))).toContain('服务器暂时无法连接');

    // Close the tab and open a new one, still offline.
    await page.close();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setOfflineMode(true);
    await page.goto(`${w.base}/assessments/${id}#ctl.remark`, { waitUntil: 'domcontentloaded' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> #section-title'), '三、管理');
    expect(await inputValue(page, 'ctl.remark')).toBe('网络中断时填写');
    await page.waitForSelector(`${itemSel('ctl.policy_file')} >>> dsd-evidence-field >>> img.thumb`);
    await waitForText(page, badge, '已保存在本机');

    // Network back: the outbox is sent.
    await setOffline(w.browser, page, false);
    await waitForText(page, badge, '已同步', 30_000);

    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers).toMatchObject({
      'profile.name': '离线填写的企业名称',
      'profile.size': 'small',
      'profile.internet': false,
      'profile.staff': 85,
      'profile.systems': ['none'],
      'data.catalogue_filed': false,
      'ctl.first_responsible': 'partial',
      'ctl.backup': 'full',
      'ctl.training': 'na',
      'ctl.remark': '网络中断时填写',
    });
    expect(stored.answers['data.inventory']).toEqual([expect.objectContaining({ type: 'design.drawings', location: 'cloud' })]);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(stored.evidence.map((e: { sha256: string }) => e.sha256)).toEqual([sha]);
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string; batchId: string }[];
    const counts = Object.fromEntries(Object.keys(stored.answers).map((k) => [k, history.filter((h) => h.itemId === k).length]));
    // Exactly once each: offline edits of one item (the inventory row added, then edited) travel as one change.
    expect(counts).toEqual(Object.fromEntries(Object.keys(stored.answers).map((k) => [k, 1])));
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('offline answering at full size: 30 items of a composed industry questionnaire', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld({ questionnaireDir: resolve('questionnaires') });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('keeps 30 offline answers of every kind through a reload and a closed tab, then stores each once', { timeout: 240_000 }, async () => {
    const enterprise = assignedEnterprise(w, w.users.diag.id, { name: '长春离线整车制造有限公司', industryCode: 'auto' });
    const id = await createFieldAssessment(w, enterprise, w.users.diag.id);
    const { context, errors } = await openSynced(w, id);
    let page = (await context.pages())[0];

    await setOffline(w.browser, page, true);
    const photo = pngFile('离线现场照片.png');
    const sections: [title: string, kinds: ItemKind[]][] = [
      ['一、企业基本情况', ['text', 'single', 'single', 'number', 'multi', 'yesno', 'single']],
      ['二、组织与责任', ['control', 'control', 'control', 'control', 'number']],
      ['三、制度与策略', ['control', 'control', 'multi', 'evidence']],
      ['四、数据资产与分类分级', ['inventory', 'single', 'control', 'control']],
      ['八、数据全生命周期保护——备份与恢复', ['control', 'control', 'control', 'control', 'control', 'date']],
      ['十六、培训与意识', ['number', 'number', 'control', 'control']],
    ];
    const expected: Record<string, unknown> = {};
    let evidenceItem = '';
    for (const [title, kinds] of sections) {
      while (!(await textOf(page, inApp('dsd-questionnaire-page >>> #section-title'))).includes(title)) await nextSection(page);
      const answered = await answerByKind(page, kinds, () => photo);
      if (kinds.at(-1) === 'evidence') evidenceItem = Object.keys(answered).at(-1)!;
      Object.assign(expected, answered);
    }
    expect(Object.keys(expected)).toHaveLength(30);
    await waitForText(page, badge, '已保存在本机');
    expect((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers).toEqual({});

    // Reload offline (the shell from the service worker), then close the tab and open the assessment in a new one.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春离线整车制造有限公司');
    await page.close();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setOfflineMode(true);
    await page.goto(`${w.base}/assessments/${id}#${evidenceItem}`, { waitUntil: 'domcontentloaded' });
    // A service worker stopped while idle comes back without the emulated network conditions: cut them again.
    await setOffline(w.browser, page, true);
    // All 30 changes, the photo's among them, are still waiting on the device (the server's copy is checked below).
    await waitForText(page, badge, '30 项待发送', 60_000);
    // The photo shows from the device's copy.
    await page.waitForSelector(`${itemSel(evidenceItem)} >>> dsd-evidence-field >>> img.thumb`, { timeout: 60_000 });

    await setOffline(w.browser, page, false);
    await waitForText(page, badge, '已同步', 60_000);
    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers).toMatchObject(expected);
    expect(Object.keys(stored.answers).sort()).toEqual(Object.keys(expected).sort());
    const sha = createHash('sha256').update(readFileSync(photo)).digest('hex');
    expect(stored.evidence.map((e: { itemId: string; sha256: string }) => [e.itemId, e.sha256])).toEqual([[evidenceItem, sha]]);
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    expect(history.map((h) => h.itemId).sort()).toEqual(Object.keys(expected).sort());
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('taking work offline from the work list', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('keeps a chosen assessment on the device, so it opens without network', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.other, w.users.diag.id);
    const context = await w.browser.createBrowserContext();
    const page = await context.newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/work`, { waitUntil: 'networkidle0' });
    await page.locator(inApp('dsd-work-page >>> button[aria-label="保存到本机 长春他区保密测试有限公司"]')).click();
    await waitForText(page, inApp('dsd-work-page >>> table'), '已可离线使用');
    await waitForServiceWorker(page);
    await setOffline(w.browser, page, true);
    // Offline, the work list falls back to what the device holds.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForText(page, inApp('dsd-work-page'), '下面列出已保存在本机的诊断');
    await page.locator(inApp(`dsd-work-page >>> a[href="/assessments/${id}"]`)).click();
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春他区保密测试有限公司');
    await choose(page, 'profile.size', 'small');
    await waitForText(page, badge, '已保存在本机');
    await setOffline(w.browser, page, false);
    await waitForText(page, badge, '已同步', 30_000);
    expect((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers).toEqual({ 'profile.size': 'small' });
    await context.close();
  });
});

describe('export and import of unsent work', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('moves unsent answers and files to another browser by file; both copies sending stores each change once', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
    const deviceA = await w.browser.createBrowserContext();
    const a = await deviceA.newPage();
    await signIn(w, a, w.users.diag.id);
    await a.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(a, badge, '已同步');
    await setOffline(w.browser, a, true);
    await choose(a, 'profile.size', 'large');
    await fillText(a, 'profile.name', '导出测试企业');
    await nextSection(a);
    await nextSection(a);
    const input = (await a.waitForSelector(`${itemSel('ctl.policy_file')} >>> input[type=file]`)) as ElementHandle<HTMLInputElement>;
    const file = pngFile('导出照片.png');
    await input.uploadFile(file);
    await waitForOutboxEntry(a, 'ctl.policy_file');

    // Export on the offline device (the offline page comes from the service worker's shell).
    const downloads = mkdtempSync(join(tmpdir(), 'dsd-download-'));
    const cdp = await a.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, browserContextId: (deviceA as unknown as { id: string }).id });
    await a.locator(inApp('nav a[href="/offline"]')).click();
    await waitForText(a, inApp('dsd-offline-page'), '导出未同步内容（3 项）');
    await expectAccessible(a, 'offline page');
    await a.locator(inApp('dsd-offline-page >>> .row button')).click();
    await waitForText(a, inApp('dsd-offline-page'), '已导出 3 项');
    let exported = '';
    for (let i = 0; i < 50 && !exported; i++) {
      exported = readdirSync(downloads).find((f) => f.endsWith('.json')) ?? '';
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(exported).toMatch(/未同步内容/);

    // Another browser, same user: import twice while offline, the second time adds nothing.
    const deviceB = await w.browser.createBrowserContext();
    const b = await deviceB.newPage();
    await signIn(w, b, w.users.diag.id);
    await b.goto(`${w.base}/offline`, { waitUntil: 'networkidle0' });
    await b.setOfflineMode(true);
    for (const expected of ['已导入 3 项', '已导入 0 项，3 项本机已有']) {
      const picker = (await b.waitForSelector(inApp('dsd-offline-page >>> input[type=file]'))) as ElementHandle<HTMLInputElement>;
      await picker.uploadFile(join(downloads, exported));
      await waitForText(b, inApp('dsd-offline-page'), expected);
    }
    await b.setOfflineMode(false);
    await b.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(b, badge, '已同步', 20_000);

    // The first device comes back online and sends the same batches: recognised, not applied again.
    await setOffline(w.browser, a, false);
    await a.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(a, badge, '已同步', 20_000);

    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers).toMatchObject({ 'profile.size': 'large', 'profile.name': '导出测试企业' });
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(stored.evidence.map((e: { sha256: string }) => e.sha256)).toEqual([sha]);
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    expect(history.map((h) => h.itemId).sort()).toEqual(['ctl.policy_file', 'profile.name', 'profile.size']);
    await deviceA.close();
    await deviceB.close();
  });
});
