/**
 * After submit, the assessment's page shows what was submitted as a read-only sheet, section by section, with
 * remarks, 待核实 flags and evidence files to download: for the diagnostician, and for the enterprise, which sees a
 * field assessment's answers but not its scores before the report is issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { completeAnswers } from '../routes/assessments/world.js';
import { expectAccessible, inApp, textOf, waitForText } from '../helpers/web.js';
import { PNG, createBrowserWorld, createFieldAssessment, sessionFor, signIn, type BrowserWorld } from './world.js';

const sheet = inApp('dsd-questionnaire-page >>> dsd-answer-sheet');

describe('the submitted answers, read-only', () => {
  let w: BrowserWorld;
  let id = 0;
  let evidenceId = 0;

  beforeAll(async () => {
    w = await createBrowserWorld();
    id = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
    const headers = sessionFor(w, w.users.diag.id);
    const boundary = 'sheet-boundary';
    const upload = await w.app.inject({
      method: 'POST',
      url: `/api/assessments/${id}/evidence/ctl.policy_file`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="安全管理制度.png"\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    evidenceId = upload.json().evidence.id;
    const answers = [
      ...completeAnswers().map((c) => (c.itemId === 'ctl.backup' ? { ...c, note: '异地备份只有口头说明', flagged: true } : c)),
      { itemId: 'ctl.policy_file', note: '制度已发布，盖章原件另行补交' },
    ];
    const saved = await w.app.inject({ method: 'PUT', url: `/api/assessments/${id}/answers`, headers, payload: { batchId: 'sheet-batch-1', baseVersion: 1, answers } });
    expect(saved.statusCode).toBe(200);
    const submitted = await w.app.inject({ method: 'POST', url: `/api/assessments/${id}/submit`, headers });
    expect(submitted.statusCode).toBe(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  async function open(userId: number): Promise<Page> {
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, userId);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, sheet, '三、管理');
    return page;
  }

  it('shows the diagnostician every section with answers, remarks, flags and the file to download, and no form', async () => {
    const page = await open(w.users.diag.id);
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}`);
    const text = await textOf(page, sheet);
    for (const heading of ['一、基本情况', '二、数据', '三、管理']) expect(text).toContain(heading);
    const row = (item: string) => textOf(page, `${sheet} >>> [data-item="${item}"]`);
    expect(await row('profile.name')).toContain('长春测试机械有限公司');
    expect(await row('profile.internet')).toContain('是');
    expect(await row('ctl.backup')).toMatch(/部分符合[\s\S]*备注：异地备份只有口头说明/);
    expect(await row('ctl.backup')).toContain('待核实');
    expect(await row('ctl.policy_file')).toContain('备注：制度已发布，盖章原件另行补交');
    expect(await row('ctl.remark')).toContain('（未作答）');
    const link = await page.waitForSelector(`${sheet} >>> [data-item="ctl.policy_file"] a`);
    expect(await link!.evaluate((a) => [a.textContent, a.getAttribute('href')])).toEqual(['安全管理制度.png', `/api/evidence/${evidenceId}`]);
    // The link downloads the file that was uploaded.
    const bytes = await page.evaluate(async (href) => Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer())), `/api/evidence/${evidenceId}`);
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
    expect(await page.$(inApp('dsd-questionnaire-page >>> dsd-item-field'))).toBeNull();
    expect(await page.$(`${sheet} >>> input, ${sheet} >>> textarea, ${sheet} >>> select`)).toBeNull();
    await expectAccessible(page, 'submitted answers');
    // The result is one link away, and links back.
    await page.locator(inApp('dsd-questionnaire-page >>> a[href$="/result"]')).click();
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-result-summary'), '企业风险等级');
    await page.locator(inApp(`dsd-questionnaire-page >>> a[href="/assessments/${id}"]`)).click();
    await waitForText(page, sheet, '一、基本情况');
    await page.browserContext().close();
  });

  it('shows the enterprise the same answers, while its scores wait for the report', async () => {
    const page = await open(w.users.enterprise.id);
    expect(await textOf(page, `${sheet} >>> [data-item="ctl.backup"]`)).toContain('备注：异地备份只有口头说明');
    await page.goto(`${w.base}/assessments/${id}/result`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> #result-title ~ .alert.info'), '诊断报告出具后才能查看');
    await page.browserContext().close();
  });

  it('opens the submitted answers from the work list', async () => {
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/work`, { waitUntil: 'networkidle0' });
    await page.locator(inApp('dsd-work-page >>> a[aria-label="查看答案 长春界面测试机械有限公司"]')).click();
    await waitForText(page, sheet, '一、基本情况');
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}`);
    await page.browserContext().close();
  });

  it('sends a review link of a submitted assessment to the read-only answers', async () => {
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}/review`, { waitUntil: 'networkidle0' });
    await waitForText(page, sheet, '一、基本情况');
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}`);
    await page.browserContext().close();
  });
});
