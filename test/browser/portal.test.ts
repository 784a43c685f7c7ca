/**
 * The enterprise portal and the rectification loop in Chromium against the real server: the enterprise user
 * self-assesses from the portal to the result (marked as not reviewed), opens "why" for a risk and a process area
 * and sees the answers behind them, moves a finding to 已整改 with a photo; the diagnostician accepts it from the
 * list; the enterprise sees 已验收. Another enterprise's pages say "无权访问" and its data answers 404. The bureau
 * narrows the whole city's rectification list to a district.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { addUser } from '../helpers/accounts.js';
import { districtId } from '../helpers/app.js';
import { fileUpload } from '../helpers/multipart.js';
import { expectAccessible, inApp, itemSel, setOffline, textOf, waitForOutboxEntry, waitForServiceWorker, waitForText } from '../helpers/web.js';
import { PNG, apiGet, choose, createBrowserWorld, fillText, nextSection, pngFile, sessionFor, signIn, type BrowserWorld } from './world.js';

const ANSWERS = [
  { itemId: 'profile.name', value: '长春他区保密测试有限公司' },
  { itemId: 'profile.size', value: 'small' },
  { itemId: 'ctl.first_responsible', value: 'full' },
  { itemId: 'ctl.backup', value: 'none' },
  { itemId: 'ctl.training', value: 'none' },
];

async function post(w: BrowserWorld, userId: number, url: string, payload?: unknown): Promise<any> {
  const r = await w.app.inject({ method: url.includes('/answers') ? 'PUT' : 'POST', url, headers: sessionFor(w, userId), ...(payload ? { payload: payload as object } : {}) });
  if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** The text of the app's main area (what the user sees of the page). */
const mainText = (page: Page) => page.evaluate(() => document.querySelector('dsd-app')!.shadowRoot!.querySelector('main')!.innerText);

describe('enterprise portal and rectification loop', () => {
  let w: BrowserWorld;
  let assessmentId = 0;
  let rectificationId = 0;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('lets the enterprise self-assess from the portal to a result marked as not reviewed, and explains its figures', { timeout: 90_000 }, async () => {
    const page = await w.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(w, page, w.users.enterprise.id);
    await page.goto(`${w.base}/portal`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-portal-page >>> #reports-title + *'), '暂无已出具的报告');
    expect(await textOf(page, inApp('dsd-portal-page'))).toContain('长春界面测试机械有限公司');
    await expectAccessible(page, 'portal');

    await page.locator(inApp('dsd-portal-page >>> button ::-p-text(开始自评估)')).click();
    await page.waitForFunction(() => /^\/assessments\/\d+$/.test(location.pathname));
    assessmentId = Number(new URL(page.url()).pathname.split('/').pop());
    await waitForText(page, inApp('dsd-questionnaire-page >>> .meta'), '企业自评估');

    await fillText(page, 'profile.name', '长春界面测试机械有限公司');
    await choose(page, 'profile.size', 'small');
    await choose(page, 'profile.internet', 'yes');
    await nextSection(page);
    await waitForText(page, inApp('dsd-questionnaire-page >>> #section-title'), '二、数据');
    await choose(page, 'data.catalogue_filed', 'no');
    await nextSection(page);
    await waitForText(page, inApp('dsd-questionnaire-page >>> #section-title'), '三、管理');
    await choose(page, 'ctl.first_responsible', 'full');
    await choose(page, 'ctl.backup', 'partial');
    await choose(page, 'ctl.training', 'none');
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-sync-badge'), '已同步');
    await page.locator(inApp('dsd-questionnaire-page >>> aside a.button')).click();
    await waitForText(page, inApp('dsd-questionnaire-page >>> .review'), '必答题目均已作答');
    await page.locator(inApp('dsd-questionnaire-page >>> .review .row button')).click();
    await page.waitForFunction(() => location.pathname.endsWith('/result'));
    await waitForText(page, inApp('dsd-questionnaire-page >>> [data-self-mark]'), '自评估（未经复核）');
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-result-summary'), '企业风险等级');
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-next-level'), '即可达到');

    // "Why" for a risk: its V, T, L, I and the answer behind it; for a process area: each level and its answers.
    const risk = inApp('dsd-questionnaire-page >>> dsd-result-explain >>> details[data-figure="risk"]');
    expect(await page.$eval(risk, (d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.locator(`${risk} summary`).click();
    await waitForText(page, risk, 'R = L × I');
    const riskText = await textOf(page, risk);
    expect(riskText).toContain('定期备份');
    expect(riskText).toContain('部分符合');
    expect(riskText).toContain('依据：测试标准');
    const pa = inApp('dsd-questionnaire-page >>> dsd-result-explain >>> details[data-pa="PA21"]');
    await page.locator(`${pa} summary`).click();
    await waitForText(page, pa, '逐级判定');
    const paText = await textOf(page, pa);
    for (const label of ['明确第一责任人', '定期备份', '开展培训']) expect(paText).toContain(label);
    const score = await apiGet(w, w.users.enterprise.id, `/api/assessments/${assessmentId}/score`);
    expect(paText).toContain(`${score.maturity.processAreas.find((p: { pa: string }) => p.pa === 'PA21').level} 级`);
    await expectAccessible(page, 'result with explanations open');

    // Back on the portal, the submitted self-assessment opens its answers (read-only) as well as its result.
    await page.goto(`${w.base}/portal`, { waitUntil: 'networkidle0' });
    await page.locator(inApp('dsd-portal-page >>> a[aria-label^="查看答案"]')).click();
    await page.waitForFunction((id) => location.pathname === `/assessments/${id}`, {}, assessmentId);
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-answer-sheet'), '三、管理');
    expect(await textOf(page, inApp('dsd-questionnaire-page >>> dsd-answer-sheet'))).toContain('部分符合');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves a finding to 已整改 with a photo, the diagnostician accepts it, the enterprise sees 已验收', { timeout: 90_000 }, async () => {
    await post(w, w.users.diag.id, `/api/assessments/${assessmentId}/review`);
    const ent = await w.browser.createBrowserContext().then((c) => c.newPage());
    const errors: string[] = [];
    ent.on('pageerror', (e) => errors.push(String(e)));
    await ent.setViewport({ width: 390, height: 844 });
    await signIn(w, ent, w.users.enterprise.id);
    await ent.goto(`${w.base}/rectifications`, { waitUntil: 'networkidle0' });
    await waitForText(ent, inApp('dsd-rectifications-page >>> .items'), '定期备份');
    await expectAccessible(ent, 'rectification list (enterprise)');
    await ent.locator(inApp('dsd-rectifications-page >>> a ::-p-text(定期备份)')).click();
    await ent.waitForFunction(() => /^\/rectifications\/\d+$/.test(location.pathname));
    rectificationId = Number(new URL(ent.url()).pathname.split('/').pop());
    const detail = inApp('dsd-rectification-page');
    await waitForText(ent, detail, '待整改');
    expect(await textOf(ent, detail)).toContain('每日备份');

    await ent.locator(inApp('dsd-rectification-page >>> button ::-p-text(开始整改)')).click();
    await waitForText(ent, inApp('dsd-rectification-page >>> [role=status]'), '已改为“整改中”');
    await waitForText(ent, inApp('dsd-rectification-page >>> dl'), '整改中');
    // The photo and the hand-in are made without network: kept on the device, sent when it returns.
    await setOffline(w.browser, ent, true);
    const input = (await ent.waitForSelector(inApp('dsd-rectification-page >>> input[type=file]'))) as ElementHandle<HTMLInputElement>;
    expect(await input.evaluate((i) => i.getAttribute('capture'))).toBe('environment');
    await input.uploadFile(pngFile('备份记录.png'));
    await waitForText(ent, inApp('dsd-rectification-page >>> [data-pending]'), '备份记录.png');
    await ent.locator(inApp('dsd-rectification-page >>> textarea#note')).fill('已部署每日自动备份并异地保存');
    await ent.locator(inApp('dsd-rectification-page >>> button ::-p-text(提交整改完成)')).click();
    await waitForText(ent, inApp('dsd-rectification-page >>> [data-pending]'), '尚未发送（2 项）');
    expect((await apiGet(w, w.users.diag.id, `/api/rectifications/${rectificationId}`)).status).toBe('in_progress');
    await setOffline(w.browser, ent, false);
    await waitForText(ent, inApp('dsd-rectification-page >>> dl'), '已整改', 45_000);
    await waitForText(ent, inApp('dsd-rectification-page >>> ul.files'), '备份记录.png');
    // The outbox empties a moment after the reply that changed the status; wait for it (polled: shadow DOM).
    await ent.waitForFunction(
      () => !document.querySelector('dsd-app')?.shadowRoot?.querySelector('dsd-rectification-page')?.shadowRoot?.querySelector('[data-pending]'),
      { polling: 200, timeout: 30_000 },
    );
    await expectAccessible(ent, 'rectification page (enterprise)');

    const stored = await apiGet(w, w.users.diag.id, `/api/rectifications/${rectificationId}`);
    expect(stored).toMatchObject({ status: 'rectified', note: '已部署每日自动备份并异地保存' });
    expect(stored.evidence.map((e: { fileName: string }) => e.fileName)).toEqual(['备份记录.png']);

    const diag = await w.browser.createBrowserContext().then((c) => c.newPage());
    diag.on('pageerror', (e) => errors.push(String(e)));
    await diag.setViewport({ width: 1280, height: 800 });
    await signIn(w, diag, w.users.diag.id);
    await diag.goto(`${w.base}/rectifications?status=rectified`, { waitUntil: 'networkidle0' });
    await waitForText(diag, inApp('dsd-rectifications-page >>> .items'), '长春界面测试机械有限公司');
    await expectAccessible(diag, 'rectification list (diagnostician)');
    await diag.locator(inApp('dsd-rectifications-page >>> input[type=checkbox]:not([disabled])')).click();
    await diag.locator(inApp('dsd-rectifications-page >>> #bulk-note')).fill('现场核验通过');
    await diag.locator(inApp('dsd-rectifications-page >>> button ::-p-text(验收通过)')).click();
    await waitForText(diag, inApp('dsd-rectifications-page >>> .bulk [role=status]'), '已验收 1 项');

    await ent.reload({ waitUntil: 'networkidle0' });
    await waitForText(ent, inApp('dsd-rectification-page >>> dl'), '已验收');
    expect(await textOf(ent, inApp('dsd-rectification-page >>> ol.history'))).toContain('现场核验通过');
    expect(errors).toEqual([]);
    await ent.close();
    await diag.close();
  });

  it('shows "无权访问" for another enterprise\'s pages, and its data answers 404', { timeout: 90_000 }, async () => {
    const other = (await post(w, w.users.diag.id, '/api/assessments', { enterpriseId: w.enterprises.other, kind: 'field' })).id as number;
    await post(w, w.users.diag.id, `/api/assessments/${other}/answers`, { batchId: crypto.randomUUID(), baseVersion: 0, answers: ANSWERS });
    for (const step of ['submit', 'review', 'report']) await post(w, w.users.admin.id, `/api/assessments/${other}/${step}`);
    const rid = (await apiGet(w, w.users.admin.id, `/api/assessments/${other}/rectifications`))[0].id as number;
    // The other enterprise's own user attaches a photo to its rectification.
    const otherUser = await addUser(w.app, 'ui-enterprise-other', 'enterprise', { enterpriseId: w.enterprises.other });
    const upload = fileUpload('他区照片.png', PNG, 'image/png');
    const sent = await w.app.inject({ method: 'POST', url: `/api/rectifications/${rid}/evidence`, headers: { ...sessionFor(w, otherUser.id), ...upload.headers }, payload: upload.payload });
    expect(sent.statusCode).toBe(201);
    const otherEvidence = sent.json().id as number;
    const reports = (await apiGet(w, w.users.admin.id, `/api/reports?enterpriseId=${w.enterprises.other}`)) as { id: number }[];
    expect(reports).toHaveLength(1);

    const page = await w.browser.createBrowserContext().then((c) => c.newPage());
    await signIn(w, page, w.users.enterprise.id);
    await page.goto(`${w.base}/rectifications/${rid}`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-rectification-page'), '无权访问');
    await page.goto(`${w.base}/assessments/${other}/result`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page'), '无权访问');
    expect(await mainText(page)).not.toContain('他区保密');
    await page.goto(`${w.base}/rectifications`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-rectifications-page >>> .summary'), '共');
    expect(await mainText(page)).not.toContain('他区保密');

    const statuses = await page.evaluate(async (urls: string[]) => Promise.all(urls.map(async (u) => (await fetch(u)).status)), [
      `/api/rectifications/${rid}`,
      `/api/assessments/${other}/score`,
      `/api/assessments/${other}/rectifications`,
      `/api/assessments/${other}/next-level`,
      `/api/enterprises/${w.enterprises.other}`,
      `/api/rectification-evidence/${otherEvidence}`,
      `/api/reports/${reports[0].id}/pdf`,
      `/api/reports/${reports[0].id}/annex`,
      `/api/rectification-evidence/1`,
    ]);
    // Evidence 1 is the enterprise's own photo from the test before: 200; everything of the other enterprise 404.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 200]);
    const listed = await page.evaluate(async (u: string) => (await fetch(u)).json(), `/api/reports?enterpriseId=${w.enterprises.other}`);
    expect(JSON.stringify(listed)).not.toContain('他区保密');
    await page.close();
  });

  it('lets the bureau narrow the whole city\'s rectification list to a district', { timeout: 90_000 }, async () => {
    const page = await w.browser.createBrowserContext().then((c) => c.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    await signIn(w, page, w.users.bureau.id);
    await page.goto(`${w.base}/rectifications`, { waitUntil: 'networkidle0' });
    const list = inApp('dsd-rectifications-page >>> .items');
    await waitForText(page, list, '长春他区保密测试有限公司');
    expect(await textOf(page, list)).toContain('长春界面测试机械有限公司');
    await expectAccessible(page, 'rectification list (bureau)');
    const district = (await page.waitForSelector(inApp('dsd-rectifications-page >>> select'))) as ElementHandle<HTMLSelectElement>;
    expect(await district.evaluate((s) => s.labels?.[0]?.textContent?.trim().startsWith('区县'))).toBe(true);
    await district.select(String(districtId(w.app, '南关区')));
    await page.waitForFunction(
      () => !document.querySelector('dsd-app')?.shadowRoot?.querySelector('dsd-rectifications-page')?.shadowRoot?.querySelector('.items')?.textContent?.includes('长春界面测试机械有限公司'),
      { polling: 200, timeout: 30_000 },
    );
    expect(await textOf(page, list)).toContain('长春他区保密测试有限公司');
    expect(new URL(page.url()).searchParams.get('district')).toBe(String(districtId(w.app, '南关区')));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a self-assessment answered offline through a reload and sends each answer once', { timeout: 120_000 }, async () => {
    const context = await w.browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(w, page, w.users.enterprise.id);
    await page.goto(`${w.base}/portal`, { waitUntil: 'networkidle0' });
    await page.locator(inApp('dsd-portal-page >>> button ::-p-text(开始自评估)')).click();
    await page.waitForFunction(() => /^\/assessments\/\d+$/.test(location.pathname));
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const badge = inApp('dsd-questionnaire-page >>> dsd-sync-badge');
    await waitForText(page, badge, '已同步');
    await waitForServiceWorker(page);

    await setOffline(w.browser, page, true);
    await fillText(page, 'profile.name', '离线自评估的企业名称');
    await choose(page, 'profile.size', 'large');
    await fillText(page, 'profile.staff', '300');
    await waitForText(page, badge, '已保存在本机');
    await waitForOutboxEntry(page, 'profile.staff');
    expect((await apiGet(w, w.users.enterprise.id, `/api/assessments/${id}`)).answers).toEqual({});

    await page.reload({ waitUntil: 'domcontentloaded' });
    const name = await page.waitForSelector(`${itemSel('profile.name')} >>> [id="in-profile.name"]`, { timeout: 60_000 });
    await page.waitForFunction((el) => (el as HTMLInputElement).value === '离线自评估的企业名称', {}, name);
    await setOffline(w.browser, page, false);
    await waitForText(page, badge, '已同步', 30_000);

    const stored = await apiGet(w, w.users.enterprise.id, `/api/assessments/${id}`);
    expect(stored.answers).toMatchObject({ 'profile.name': '离线自评估的企业名称', 'profile.size': 'large', 'profile.staff': 300 });
    const history = (await apiGet(w, w.users.enterprise.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    expect(['profile.name', 'profile.size', 'profile.staff'].map((i) => history.filter((h) => h.itemId === i).length)).toEqual([1, 1, 1]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
