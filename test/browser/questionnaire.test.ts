/**
 * The diagnostician's path through the UI, in Chromium against the real server: work list → start a field
 * assessment → every item kind answered (an inventory row, an evidence file, a remark) → review → submit → result.
 * What the server stored is then read back through the API and compared with what was entered. Also: what an
 * enterprise sees of a field assessment (read-only, scores withheld until the report), and the questionnaire cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ElementHandle } from 'puppeteer';
import { expectAccessible, inApp, itemSel, textOf, waitForText } from '../helpers/web.js';
import { apiGet, choose, sessionFor, createBrowserWorld, createFieldAssessment, fillText, nextSection, pngFile, signIn, type BrowserWorld } from './world.js';

describe('questionnaire from the work list to submit', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('stores on the server exactly what was entered, and shows the result after submit', async () => {
    const page = await w.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/work`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-work-page >>> table'), '长春界面测试机械有限公司');
    await expectAccessible(page, 'work list');

    // Search finds the enterprise by name; the other assigned enterprise is filtered out.
    await page.locator(inApp('dsd-work-page >>> input[name=q]')).fill('界面测试');
    await page.keyboard.press('Enter');
    await waitForText(page, inApp('dsd-work-page >>> [role=status]'), '共 1 家企业');
    expect(await textOf(page, inApp('dsd-work-page >>> table'))).not.toContain('他区保密');

    await page.locator(inApp('dsd-work-page >>> td button')).click();
    await page.waitForFunction(() => /^\/assessments\/\d+$/.test(location.pathname));
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春界面测试机械有限公司');
    await expectAccessible(page, 'questionnaire');

    // Section 1: text, single, yes/no, number, multi (exclusive option), date.
    await fillText(page, 'profile.name', '长春界面测试机械有限公司');
    await choose(page, 'profile.size', 'large');
    await choose(page, 'profile.internet', 'yes');
    await fillText(page, 'profile.staff', '120');
    await page.locator(`${itemSel('profile.systems')} >>> input[value="erp"]`).click();
    await page.locator(`${itemSel('profile.systems')} >>> input[value="mes"]`).click();
    const date = page.locator(`${itemSel('profile.checked_on')} >>> input[type=date]`);
    await date.fill('2026-01-15');
    // A remark and the 待核实 flag on one item.
    await page.locator(`${itemSel('profile.staff')} >>> .extras button`).click();
    await page.locator(`${itemSel('profile.staff')} >>> textarea`).fill('含劳务派遣人员');
    await page.keyboard.press('Tab');
    await page.locator(`${itemSel('profile.staff')} >>> .extras input[type=checkbox]`).click();

    // Section 2: one inventory row with attributes, and the catalogue question.
    await nextSection(page);
    await waitForText(page, inApp('dsd-questionnaire-page >>> #section-title'), '二、数据');
    await page.locator(`${itemSel('data.inventory')} >>> dsd-inventory-table >>> button.secondary`).click();
    await page.locator(`${itemSel('data.inventory')} >>> dsd-inventory-table >>> select[aria-label="第 1 行 影响范围"]`).fill('industry');
    await page.locator(`${itemSel('data.inventory')} >>> dsd-inventory-table >>> input[aria-label="第 1 行 所在系统"]`).fill('PLM');
    await page.keyboard.press('Tab');
    await choose(page, 'data.catalogue_filed', 'yes');

    // Section 3: controls, an evidence photo, a multi-line text.
    await nextSection(page);
    await waitForText(page, inApp('dsd-questionnaire-page >>> #section-title'), '三、管理');
    await choose(page, 'ctl.first_responsible', 'full');
    await choose(page, 'ctl.backup', 'partial');
    // The rubric is one tap away, in the item's guidance.
    await page.locator(`${itemSel('ctl.backup')} >>> details.guidance summary`).click();
    const rubric = await textOf(page, `${itemSel('ctl.backup')} >>> details.guidance .rubric`);
    expect(rubric).toContain('部分符合：有备份但不定期');
    expect(rubric).toContain('不符合：没有备份');
    await choose(page, 'ctl.training', 'none');
    const file = pngFile('制度照片.png');
    const input = (await page.waitForSelector(`${itemSel('ctl.policy_file')} >>> input[type=file]`)) as ElementHandle<HTMLInputElement>;
    expect(await input.evaluate((i) => i.getAttribute('capture'))).toBe('environment');
    await input.uploadFile(file);
    await page.waitForSelector(`${itemSel('ctl.policy_file')} >>> dsd-evidence-field >>> img.thumb`);
    await fillText(page, 'ctl.remark', '现场查看了备份记录');

    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-sync-badge'), '已同步');
    await page.locator(inApp('dsd-questionnaire-page >>> aside a.button')).click();
    await waitForText(page, inApp('dsd-questionnaire-page >>> .review'), '提交前检查');
    const review = await textOf(page, inApp('dsd-questionnaire-page >>> .review'));
    expect(review).toContain('必答题目均已作答');
    expect(review).toMatch(/从业人员数.*备注：含劳务派遣人员/); // flagged 待核实, with its remark
    await expectAccessible(page, 'review');
    await page.locator(inApp('dsd-questionnaire-page >>> .review .row button')).click();
    await page.waitForFunction(() => location.pathname.endsWith('/result'));
    await waitForText(page, inApp('dsd-questionnaire-page >>> dsd-result-summary'), '企业风险等级');
    await expectAccessible(page, 'result');

    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.status).toBe('submitted');
    const { policy_file: _skip, ...rest } = Object.fromEntries(Object.entries(stored.answers).map(([k, v]) => [k.replace('ctl.', ''), v]));
    expect(rest).toMatchObject({
      'profile.name': '长春界面测试机械有限公司',
      'profile.size': 'large',
      'profile.internet': true,
      'profile.staff': 120,
      'profile.systems': ['erp', 'mes'],
      'profile.checked_on': '2026-01-15',
      'data.catalogue_filed': true,
      first_responsible: 'full',
      backup: 'partial',
      training: 'none',
      remark: '现场查看了备份记录',
    });
    expect(stored.answers['data.inventory']).toEqual([
      expect.objectContaining({ type: 'design.drawings', scale: 'industry', systems: 'PLM' }),
    ]);
    expect(stored.notes['profile.staff']).toBe('含劳务派遣人员');
    expect(stored.flags).toEqual(['profile.staff']);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(stored.evidence.map((e: { sha256: string; itemId: string }) => [e.itemId, e.sha256])).toEqual([['ctl.policy_file', sha]]);

    // Items answered once have one history entry each: nothing was applied twice.
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string }[];
    const once = ['profile.name', 'profile.size', 'profile.internet', 'profile.checked_on', 'data.catalogue_filed', 'ctl.first_responsible', 'ctl.backup', 'ctl.training', 'ctl.remark'];
    expect(once.map((item) => history.filter((h) => h.itemId === item).length)).toEqual(once.map(() => 1));

    const score = await apiGet(w, w.users.diag.id, `/api/assessments/${id}/score`);
    const summary = await textOf(page, inApp('dsd-questionnaire-page >>> dsd-result-summary'));
    expect(summary).toContain(`${score.findings.length} 项`);
    expect(summary).toContain(`${score.maturity.level} 级`);
    expect(errors).toEqual([]);

    // Returned by the bureau's side with a reason: the work list says so and offers to continue.
    const reopened = await w.app.inject({
      method: 'POST',
      url: `/api/assessments/${id}/reopen`,
      headers: sessionFor(w, w.users.admin.id),
      payload: { reason: '制度文件不全，请补充' },
    });
    expect(reopened.statusCode).toBe(200);
    await page.goto(`${w.base}/work`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-work-page >>> table'), '退回：制度文件不全，请补充');
    expect(await textOf(page, inApp('dsd-work-page >>> table'))).toContain('继续填写');
    await page.close();
  });

  it("shows the enterprise its field assessment read-only, and says in Chinese that scores wait for the report", async () => {
    // The field assessment the first test filled in and that was returned to draft.
    const list = await apiGet(w, w.users.diag.id, `/api/assessments?enterprise=${w.enterprises.own}&kind=field&status=draft`);
    const id = list.items[0].id as number;
    const page = await w.browser.createBrowserContext().then((c) => c.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(w, page, w.users.enterprise.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> .alert.info'), '只能查看，不能修改');
    const input = page.locator(`${itemSel('profile.name')} >>> [id="in-profile.name"]`);
    expect(await (await input.waitHandle()).evaluate((i) => (i as HTMLInputElement).readOnly)).toBe(true);
    expect(await textOf(page, inApp('dsd-questionnaire-page'))).not.toContain('检查并提交');

    const submitted = await w.app.inject({ method: 'POST', url: `/api/assessments/${id}/submit`, headers: sessionFor(w, w.users.diag.id) });
    expect(submitted.statusCode).toBe(200);
    await page.goto(`${w.base}/assessments/${id}/result`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> #result-title ~ .alert.info'), '诊断报告出具后才能查看');
    expect(await page.$(inApp('dsd-questionnaire-page >>> dsd-result-summary'))).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the questionnaire version on the device and revalidates it with its hash (304) on the next open', async () => {
    const list = await apiGet(w, w.users.diag.id, `/api/assessments?enterprise=${w.enterprises.own}&kind=field`);
    const id = list.items[0].id as number;
    const page = await w.browser.createBrowserContext().then((c) => c.newPage());
    const seen: { status: number; ifNoneMatch?: string }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/questionnaires/')) seen.push({ status: r.status(), ifNoneMatch: r.request().headers()['if-none-match'] });
    });
    await signIn(w, page, w.users.diag.id);
    for (let i = 0; i < 2; i++) {
      await page.goto(`${w.base}/assessments/${id}/result`, { waitUntil: 'networkidle0' });
      await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春界面测试机械有限公司');
    }
    const hash = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/questionnaire`)).hash as string;
    expect(seen).toEqual([{ status: 200, ifNoneMatch: undefined }, { status: 304, ifNoneMatch: `"${hash}"` }]);
    await page.close();
  });

  it('shows an enterprise user "no access" for an assessment of another enterprise, and none of its data', async () => {
    const otherId = await createFieldAssessment(w, w.enterprises.other, w.users.diag.id);
    const page = await w.browser.createBrowserContext().then((c) => c.newPage());
    await signIn(w, page, w.users.enterprise.id);
    await page.goto(`${w.base}/assessments/${otherId}`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page'), '无权访问');
    const text = await page.evaluate(() => document.querySelector('dsd-app')!.shadowRoot!.querySelector('main')!.innerText);
    expect(text).not.toContain('他区保密');
    await page.close();
  });
});
