/**
 * The bureau console in Chromium against the real server: the dashboard shows the API's figures and drills down
 * to an enterprise and its assessment's findings, and from the loop's overdue figure to as many rows of the
 * rectification work list; a district officer sees only their district and downloads its issued reports as one ZIP; the roster dry run and confirm; creating an
 * account and assigning a district's enterprises to it; adding a training record; every export link an XLSX file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { districtId } from '../helpers/app.js';
import { newCreditCode } from '../helpers/enterprises.js';
import { expectAccessible, inApp, textOf, waitForText } from '../helpers/web.js';
import { buildFixture } from '../routes/dashboard/fixture.js';
import { storeIssuedReport, unzip } from '../helpers/reports.js';
import { batch, completeAnswers } from '../routes/assessments/world.js';
import { apiGet, createBrowserWorld, createFieldAssessment, sessionFor, signIn, type BrowserWorld } from './world.js';

let w: BrowserWorld;
beforeAll(async () => {
  w = await createBrowserWorld();
  buildFixture(w.app, w.users.bureau.id);
});
afterAll(async () => {
  await w?.close();
});

/** A field assessment of the enterprise answered, submitted, reviewed and issued through the API: a rendered report. */
async function issuedReport(enterpriseId: number): Promise<{ id: number; assessmentId: number; number: string; sha256: string; annexSha256: string }> {
  const as = sessionFor(w, w.users.admin.id);
  const id = await createFieldAssessment(w, enterpriseId, w.users.admin.id);
  const steps: [string, string, unknown?][] = [
    ['PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers())],
    ['POST', `/api/assessments/${id}/submit`],
    ['POST', `/api/assessments/${id}/review`],
    ['POST', `/api/assessments/${id}/report`],
  ];
  let last;
  for (const [method, url, payload] of steps) {
    last = await w.app.inject({ method: method as 'PUT' | 'POST', url, headers: as, ...(payload ? { payload: payload as object } : {}) });
    expect(last.statusCode, `${url}: ${last.body}`).toBeLessThan(300);
  }
  return last!.json();
}

async function open(userId: number, path: string): Promise<Page> {
  const page = await (await w.browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await signIn(w, page, userId);
  await page.goto(w.base + path, { waitUntil: 'networkidle0' });
  return page;
}

const cells = (page: Page, selector: string) =>
  page.$$eval(inApp(selector), (els) => els.map((e) => (e as HTMLElement).innerText.trim()));

// Each test walks several pages in Chromium; on a loaded machine that takes longer than the default 30 s.
const SLOW = { timeout: 120_000 };

describe('the dashboard', SLOW, () => {
  it('shows the bureau the figures the API counts, and drills down from a number to an enterprise', async () => {
    const page = await open(w.users.bureau.id, '/dashboard');
    const api = await apiGet(w, w.users.bureau.id, '/api/dashboard/coverage');
    await waitForText(page, inApp('dsd-dashboard-page >>> #cov-district tfoot'), '合计');
    const t = api.total;
    expect(await cells(page, 'dsd-dashboard-page >>> #cov-district tfoot td')).toEqual([
      String(t.roster), String(t.diagnosed), String(t.inProgress), String(t.notStarted), String(t.refused), `${(t.coverage * 100).toFixed(1)}%`,
    ]);
    // One row per district with enterprises, each as the API counts it.
    const chaoyang = api.byDistrict.find((r: { name: string }) => r.name === '朝阳区');
    const row = await cells(page, 'dsd-dashboard-page >>> #cov-district tbody tr:first-child td');
    expect(await textOf(page, inApp('dsd-dashboard-page >>> #cov-district tbody tr:first-child th'))).toContain('朝阳区');
    expect(row.slice(0, 2)).toEqual([String(chaoyang.roster), String(chaoyang.diagnosed)]);
    const loop = await apiGet(w, w.users.bureau.id, '/api/dashboard/loop');
    expect((await cells(page, 'dsd-dashboard-page >>> #loop-table tfoot td'))[0]).toBe(String(loop.total.found));
    // The loop's overdue figure → the rectification work list, overdue only: as many rows as the dashboard said.
    expect(loop.total.overdue).toBeGreaterThan(0);
    await page.locator(inApp('dsd-dashboard-page >>> #loop-table tfoot td:last-child a')).click();
    await page.waitForFunction(() => location.pathname === '/rectifications');
    expect(new URLSearchParams(new URL(page.url()).search).get('overdue')).toBe('true');
    await waitForText(page, inApp('dsd-rectifications-page >>> .summary'), `共 ${loop.total.overdue} 项`);
    await page.goBack({ waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-dashboard-page >>> #loop-table tfoot'), '合计');
    // The chart is drawn (Chart.js arrived as its own chunk).
    await page.waitForFunction(() => {
      const c = document.querySelector('dsd-app')?.shadowRoot?.querySelector('dsd-dashboard-page')?.shadowRoot?.querySelector('dsd-chart')?.shadowRoot?.querySelector('canvas');
      return !!c && c.width > 0;
    });
    await expectAccessible(page, 'dashboard');

    // Number of diagnosed enterprises in 朝阳区 → the list → the enterprise → its assessments.
    await page.locator(inApp('dsd-dashboard-page >>> #cov-district tbody tr:first-child td:nth-child(3) a')).click();
    await page.waitForFunction(() => location.pathname === '/dashboard/enterprises');
    expect(new URLSearchParams(new URL(page.url()).search).get('status')).toBe('diagnosed');
    await waitForText(page, inApp('dsd-drill-page >>> [role=status]'), `共 ${chaoyang.diagnosed} 家企业`);
    const names = await cells(page, 'dsd-drill-page >>> #drill tbody td:first-child');
    expect(names).toHaveLength(chaoyang.diagnosed);
    await page.locator(inApp('dsd-drill-page >>> #drill tbody td:first-child a')).click();
    await page.waitForFunction(() => /^\/enterprises\/\d+$/.test(location.pathname));
    await waitForText(page, inApp('dsd-enterprise-page >>> h1'), names[0]);
    await waitForText(page, inApp('dsd-enterprise-page >>> #assessments'), '已出具报告');
    expect(await textOf(page, inApp('dsd-enterprise-page >>> #assessments'))).toContain('报告尚未签发');
    await expectAccessible(page, 'enterprise page');
    // Its issued assessment's findings → the work list of that assessment alone, as many items, and back to all.
    const findings = inApp('dsd-enterprise-page >>> #assessments td:nth-child(7) a');
    const count = await textOf(page, findings);
    await page.locator(findings).click();
    await page.waitForFunction(() => location.pathname === '/rectifications');
    await waitForText(page, inApp('dsd-rectifications-page >>> .summary'), `共 ${count} 项`);
    expect(await textOf(page, inApp('dsd-rectifications-page >>> .narrowed'))).toContain(names[0]);
    await page.locator(inApp('dsd-rectifications-page >>> .narrowed a')).click();
    await waitForText(page, inApp('dsd-rectifications-page >>> .summary'), `共 ${loop.total.found} 项`);
    expect(new URL(page.url()).search).toBe('');
    await page.browserContext().close();
  });

  it('shows a district officer only their district, and refuses another', async () => {
    const page = await open(w.users.district.id, '/dashboard');
    await waitForText(page, inApp('dsd-dashboard-page >>> h1'), '朝阳区');
    // One district: coverage by industry, its total the district's.
    const api = await apiGet(w, w.users.district.id, '/api/dashboard/coverage');
    expect(api.scope.label).toBe('朝阳区');
    await waitForText(page, inApp('dsd-dashboard-page >>> #cov-industry tfoot'), '合计（朝阳区）');
    expect((await cells(page, 'dsd-dashboard-page >>> #cov-industry tfoot td'))[0]).toBe(String(api.total.roster));
    expect(await page.$(inApp('dsd-dashboard-page >>> #cov-district'))).toBeNull();
    // Key-enterprise candidates: the count links to them (the fixture's 一号钢铁, by its latest report).
    await page.locator(inApp('dsd-dashboard-page >>> #readiness tfoot td:last-child a')).click();
    await waitForText(page, inApp('dsd-drill-page >>> #drill'), '一号钢铁有限公司');
    expect(await cells(page, 'dsd-drill-page >>> #drill tbody td:first-child')).toEqual(['一号钢铁有限公司']);
    expect(await page.$(inApp('dsd-dashboard-page >>> select[name=district]'))).toBeNull();
    await page.goto(`${w.base}/dashboard/enterprises`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-drill-page >>> [role=status]'), '家企业');
    const districts = await cells(page, 'dsd-drill-page >>> #drill tbody td:nth-child(3)');
    expect(districts.length).toBeGreaterThan(0);
    expect(new Set(districts)).toEqual(new Set(['朝阳区']));
    // Batch download of the district's issued reports: packed on the server, progress polled, the ZIP offered and
    // downloaded — one report issued now (rendered by Chromium) and the fixture's stored one of 一号钢铁有限公司.
    const fresh = await issuedReport(w.enterprises.own);
    const e1 = w.app.db
      .prepare(`SELECT a.id, a.enterprise_id AS enterpriseId FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE e.name = '一号钢铁有限公司' AND a.status = 'issued'`)
      .get() as { id: number; enterpriseId: number };
    const stored = storeIssuedReport(w.app, w.t.dataDir, { assessmentId: e1.id, enterpriseId: e1.enterpriseId, issuedBy: w.users.admin.id, body: Buffer.from('一号钢铁') });
    await page.locator(inApp('dsd-drill-page >>> dsd-report-batch >>> button')).click();
    await waitForText(page, inApp('dsd-drill-page >>> dsd-report-batch >>> .batch'), '已打包 2 份报告', 60_000);
    const link = await page.$eval(inApp('dsd-drill-page >>> dsd-report-batch >>> .batch a[download]'), (a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' }));
    expect(link.text).toMatch(/^下载 诊断报告-朝阳区-\d{8}\.zip$/);
    const zip = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, link.href);
    expect(zip).toMatchObject({ status: 200, type: 'application/zip' });
    const entries = unzip(Buffer.from(zip.bytes));
    // The report issued now comes with its annex (附件); the stored one was issued as a single file.
    expect([...entries.keys()].sort()).toEqual(
      [`${fresh.number}-长春界面测试机械有限公司.pdf`, `${fresh.number}-长春界面测试机械有限公司-附件.pdf`, `${stored.number}-一号钢铁有限公司.pdf`].sort(),
    );
    for (const [name, pdf] of entries) expect(pdf.subarray(0, 5).toString(), name).toBe('%PDF-');
    expect(createHash('sha256').update(entries.get(`${fresh.number}-长春界面测试机械有限公司.pdf`)!).digest('hex')).toBe(fresh.sha256);
    expect(createHash('sha256').update(entries.get(`${fresh.number}-长春界面测试机械有限公司-附件.pdf`)!).digest('hex')).toBe(fresh.annexSha256);
    // The assessment's result page offers the report, its annex and the draft previews of both, each a real PDF.
    await page.goto(`${w.base}/assessments/${fresh.assessmentId}/result`, { waitUntil: 'networkidle0' });
    const actions = inApp('dsd-questionnaire-page >>> dsd-report-actions');
    await waitForText(page, actions, fresh.number);
    const links = await page.$$eval(`${actions} >>> a[download]`, (as) => as.map((a) => ({ text: a.textContent?.trim(), href: (a as HTMLAnchorElement).href })));
    expect(links.map((l) => l.text)).toEqual(['下载报告 PDF', '下载附件 PDF', '预览报告草稿', '预览附件草稿']);
    const hashes = await page.evaluate(async (urls: string[]) => {
      const out: string[] = [];
      for (const u of urls) {
        const bytes = await (await fetch(u)).arrayBuffer();
        out.push(Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join(''));
      }
      return out;
    }, links.slice(0, 2).map((l) => l.href));
    expect(hashes).toEqual([fresh.sha256, fresh.annexSha256]);
    expect(entries.get(`${stored.number}-一号钢铁有限公司.pdf`)!.equals(stored.data)).toBe(true);
    await page.goto(`${w.base}/dashboard?district=${districtId(w.app, '南关区')}`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-dashboard-page >>> [role=alert]'), '无权访问');
    expect(await page.$(inApp('dsd-dashboard-page >>> #cov-district'))).toBeNull();
    await page.browserContext().close();
  });

  it('links every table to an XLSX export of the same scope', async () => {
    const page = await open(w.users.bureau.id, '/dashboard');
    await waitForText(page, inApp('dsd-dashboard-page >>> #loop-table'), '合计');
    const hrefs = [...new Set(await page.$$eval(inApp('dsd-dashboard-page >>> a.export'), (as) => as.map((a) => (a as HTMLAnchorElement).href)))];
    expect(hrefs.map((h) => new URL(h).pathname).sort()).toEqual(
      ['/api/dashboard/coverage.xlsx', '/api/dashboard/loop.xlsx', '/api/dashboard/results.xlsx', '/api/dashboard/trend.xlsx'],
    );
    for (const href of hrefs) {
      const got = await page.evaluate(async (u) => {
        const r = await fetch(u);
        const bytes = new Uint8Array(await r.arrayBuffer());
        return { status: r.status, type: r.headers.get('content-type'), magic: String.fromCharCode(bytes[0], bytes[1]) };
      }, href);
      expect(got, href).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml'), magic: 'PK' });
    }
    await page.browserContext().close();
  });
});

describe('administration', SLOW, () => {
  it('previews a roster import, confirms it and lists it in the history', async () => {
    const [a, b] = [newCreditCode(), newCreditCode()];
    const dir = mkdtempSync(join(tmpdir(), 'dsd-roster-'));
    const file = join(dir, '名单.csv');
    writeFileSync(file, `企业名称,统一社会信用代码,所属区域,行业\n界面导入甲有限公司,${a},朝阳区,钢铁\n界面导入乙有限公司,${b},南关区,钢铁\n坏代码有限公司,123,朝阳区,钢铁\n`);
    const page = await open(w.users.bureau.id, '/roster');
    await waitForText(page, inApp('dsd-roster-page >>> h1'), '企业名录导入');
    const input = (await page.waitForSelector(inApp('dsd-roster-page >>> input[type=file]'))) as ElementHandle<HTMLInputElement>;
    expect(await textOf(page, inApp('dsd-roster-page >>> form'))).toContain('未选择文件');
    await input.uploadFile(file);
    await waitForText(page, inApp('dsd-roster-page >>> form'), '名单.csv');
    await page.locator(inApp('dsd-roster-page >>> button:not(.secondary):not(.link)')).click();
    await waitForText(page, inApp('dsd-roster-page >>> #res-h'), '预览');
    const counts = await cells(page, 'dsd-roster-page >>> #counts .value');
    expect(counts.slice(0, 1)).toEqual(['2']);
    expect(counts[4]).toBe('1');
    expect(await textOf(page, inApp('dsd-roster-page >>> #rows'))).toContain('统一社会信用代码');
    expect(w.app.db.prepare('SELECT COUNT(*) FROM enterprises WHERE credit_code IN (?, ?)').pluck().get(a, b)).toBe(0);
    await expectAccessible(page, 'roster dry run');

    await page.locator(inApp('dsd-roster-page >>> #confirm')).click();
    await waitForText(page, inApp('dsd-roster-page >>> [role=status]'), '导入完成：新增 2 家');
    expect(w.app.db.prepare('SELECT COUNT(*) FROM enterprises WHERE credit_code IN (?, ?)').pluck().get(a, b)).toBe(2);
    await waitForText(page, inApp('dsd-roster-page >>> #history'), '名单.csv');
    await page.browserContext().close();
  });

  it('creates a diagnostician and assigns a district’s enterprises to it in bulk', async () => {
    const page = await open(w.users.bureau.id, '/accounts');
    await page.waitForSelector(inApp('dsd-accounts-page >>> #create'));
    await page.locator(inApp('dsd-accounts-page >>> #create select[name=role]')).fill('diagnostician');
    await page.locator(inApp('dsd-accounts-page >>> #create input[name=username]')).fill('ui-new-diag');
    await page.locator(inApp('dsd-accounts-page >>> #create input[name=displayName]')).fill('新诊断员');
    await page.locator(inApp('dsd-accounts-page >>> #create button[type=submit]')).click();
    await waitForText(page, inApp('dsd-accounts-page >>> [role=status]'), '已创建账号 ui-new-diag');
    expect((await textOf(page, inApp('dsd-accounts-page >>> #secret'))).trim().length).toBeGreaterThanOrEqual(12);
    const id = w.app.db.prepare(`SELECT id FROM users WHERE username = 'ui-new-diag'`).pluck().get() as number;
    expect(id).toBeGreaterThan(0);

    await waitForText(page, inApp('dsd-accounts-page >>> #users'), 'ui-new-diag');
    await page.locator(inApp('dsd-accounts-page >>> #users tr[data-username="ui-new-diag"] button')).click();
    await waitForText(page, inApp('dsd-accounts-page >>> #assign-h'), '新诊断员');
    const chaoyang = districtId(w.app, '朝阳区');
    await page.locator(inApp('dsd-accounts-page >>> #assign select[name=districtId]')).fill(String(chaoyang));
    await page.locator(inApp('dsd-accounts-page >>> #assign button[type=submit]')).click();
    const inDistrict = w.app.db.prepare('SELECT COUNT(*) FROM enterprises WHERE district_id = ?').pluck().get(chaoyang) as number;
    await waitForText(page, inApp('dsd-accounts-page >>> [role=status]'), `新分配 ${inDistrict} 家`);
    expect(w.app.db.prepare('SELECT COUNT(*) FROM assignments WHERE user_id = ?').pluck().get(id)).toBe(inDistrict);
    expect(await textOf(page, inApp('dsd-accounts-page >>> #assigned-count'))).toBe(String(inDistrict));
    await expectAccessible(page, 'accounts');
    await page.browserContext().close();
  });

  it('adds a training record and counts it in the coverage', async () => {
    const page = await open(w.users.bureau.id, '/upward/trainings');
    await page.waitForSelector(inApp('dsd-trainings-page >>> #training'));
    const year = new Date().getFullYear();
    await page.locator(inApp('dsd-trainings-page >>> input[name=heldOn]')).fill(`${year}-05-20`);
    await page.locator(inApp('dsd-trainings-page >>> input[name=course]')).fill('工业领域数据安全风险防范与处置');
    await page.locator(inApp('dsd-trainings-page >>> input[name=organiser]')).fill('市工信局');
    await page.locator(inApp('dsd-trainings-page >>> input[name=personTimes]')).fill('45');
    await page.locator(inApp('dsd-trainings-page >>> #training button[type=submit]')).click();
    await waitForText(page, inApp('dsd-trainings-page >>> #trainings'), '工业领域数据安全风险防范与处置');
    await waitForText(page, inApp('dsd-trainings-page >>> #coverage'), '45');
    const stored = await apiGet(w, w.users.bureau.id, `/api/upward/trainings?year=${year}`);
    expect(stored).toEqual([expect.objectContaining({ heldOn: `${year}-05-20`, personTimes: 45, organiser: '市工信局' })]);
    await expectAccessible(page, 'trainings');
    const plan = await page.evaluate(async () => {
      const r = await fetch('/api/upward/plan.xlsx');
      return { status: r.status, type: r.headers.get('content-type') };
    });
    expect(plan).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml') });
    await page.browserContext().close();
  });
});

describe('the figures owed upward', SLOW, () => {
  it('enters a plan figure the product cannot count, and marks a typical-case candidate for the 推荐汇总表', async () => {
    const page = await open(w.users.bureau.id, '/upward/plan');
    await page.waitForSelector(inApp('dsd-plan-page >>> #plan'));
    const row = 'dsd-plan-page >>> tr[data-indicator="risk_nodes"]';
    // Computed indicators have no input for their actual.
    expect(await page.$(inApp('dsd-plan-page >>> tr[data-indicator="training"] input[name=actual]'))).toBeNull();
    await page.locator(inApp(`${row} input[name=target]`)).fill('30');
    await page.locator(inApp(`${row} input[name=actual]`)).fill('12');
    await page.locator(inApp(`${row} button[type=submit]`)).click();
    await waitForText(page, inApp('dsd-plan-page >>> [role=status]'), '已保存');
    const year = Number(new Date().getFullYear());
    const plan = await apiGet(w, w.users.bureau.id, `/api/upward/plan?year=${Math.min(Math.max(year, 2024), 2026)}`);
    expect(plan.rows.find((r: { indicator: string }) => r.indicator === 'risk_nodes')).toMatchObject({ target: '30', actual: 12 });

    await page.goto(`${w.base}/upward/cases`, { waitUntil: 'networkidle0' });
    await page.waitForSelector(inApp('dsd-cases-page >>> #case option[value*="数据分类分级类"]'));
    const search = await page.waitForSelector(inApp('dsd-cases-page >>> dsd-enterprise-picker >>> input'));
    await search!.type('界面测试机械');
    await search!.press('Enter');
    // Polled: a change inside nested shadow roots is not a document mutation that waitForSelector would notice.
    await page.waitForFunction(
      () => document.querySelector('dsd-app')?.shadowRoot?.querySelector('dsd-cases-page')?.shadowRoot?.querySelector('dsd-enterprise-picker')?.shadowRoot?.querySelector('li button'),
      { polling: 200 },
    );
    await (await page.$(inApp('dsd-cases-page >>> dsd-enterprise-picker >>> li button')))!.click();
    await waitForText(page, inApp('dsd-cases-page >>> dsd-enterprise-picker >>> .chips'), '长春界面测试机械有限公司');
    await page.locator(inApp('dsd-cases-page >>> input[name=caseName]')).fill('生产数据分类分级实践');
    await page.locator(inApp('dsd-cases-page >>> input[name=category]')).fill('工业领域—装备');
    await page.locator(inApp('dsd-cases-page >>> select[name=direction]')).fill('数据安全基础共性方向—数据分类分级类');
    await page.locator(inApp('dsd-cases-page >>> textarea[name=summary]')).fill('按行业指南梳理生产数据目录并分级防护。');
    await page.locator(inApp('dsd-cases-page >>> #case button[type=submit]')).click();
    await waitForText(page, inApp('dsd-cases-page >>> #cases'), '长春界面测试机械有限公司');
    const href = await page.$eval(inApp('dsd-cases-page >>> a.export'), (a) => (a as HTMLAnchorElement).href);
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type') };
    }, href);
    expect(got).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml') });
    await expectAccessible(page, 'typical cases');
    await page.browserContext().close();
  });
});
