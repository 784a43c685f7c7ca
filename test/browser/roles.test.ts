/**
 * Logging in through the form as each role: each lands on its own start page and sees only its navigation; the
 * server's refusals (wrong password, locked account) appear in Chinese; logout and deep links after login work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { recordLoginFailure, MAX_FAILURES } from '../../server/services/login-throttle.js';
import { expectAccessible, inApp, login, textOf, waitForText } from '../helpers/web.js';
import { PASSWORD, createBrowserWorld, createFieldAssessment, signIn, type BrowserWorld } from './world.js';

async function navLabels(page: Page): Promise<string[]> {
  await page.waitForSelector(inApp('nav a'));
  return page.$$eval(inApp('nav a'), (links) => links.map((a) => (a as HTMLElement).innerText.trim()));
}

describe('login and the role-aware shell', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const cases = [
    { user: 'diag', start: '/work', nav: ['诊断任务', '整改验收', '离线与同步'], heading: '诊断任务', other: '/dashboard' },
    { user: 'enterprise', start: '/portal', nav: ['本企业诊断', '问题整改', '离线与同步'], heading: '本企业诊断', other: '/work' },
    { user: 'district', start: '/dashboard', nav: ['工作台', '整改验收', '名录导入', '账号管理'], heading: '诊断工作台', other: '/work' },
    {
      user: 'bureau',
      start: '/dashboard',
      nav: ['工作台', '整改验收', '名录导入', '账号管理', '年度计划表', '宣贯培训', '典型案例'],
      heading: '诊断工作台',
      other: '/portal',
    },
    { user: 'admin', start: '/dashboard', nav: ['工作台', '整改验收', '名录导入', '账号管理', '区域联系人'], heading: '诊断工作台', other: '/portal' },
  ] as const;

  for (const c of cases)
    it(`${c.user} lands on ${c.start} and sees only its navigation`, async () => {
      const context = await w.browser.createBrowserContext();
      const page = await context.newPage();
      await login(page, w.base, w.users[c.user].username, PASSWORD);
      await page.waitForFunction((p) => location.pathname === p, {}, c.start);
      expect(await navLabels(page)).toEqual(c.nav);
      await waitForText(page, inApp('main'), c.heading);
      await expectAccessible(page, `${c.user} start page`);
      // A page of another role says so instead of showing it.
      await page.goto(`${w.base}${c.other}`, { waitUntil: 'networkidle0' });
      await waitForText(page, inApp('main'), '无权访问此页面');
      await context.close();
    });

  it('shows the server’s messages for a wrong password and a locked account, and opens a deep link after login', async () => {
    const context = await w.browser.createBrowserContext();
    const page = await context.newPage();
    await login(page, w.base, w.users.diag2.username, 'wrong-password');
    await waitForText(page, inApp('dsd-login-page >>> [role=alert]'), '用户名或密码错误');
    await expectAccessible(page, 'login with an error');

    for (let i = 0; i < MAX_FAILURES; i++) recordLoginFailure(w.app.db, w.users.bureau.username);
    await login(page, w.base, w.users.bureau.username, PASSWORD);
    await waitForText(page, inApp('dsd-login-page >>> [role=alert]'), '已暂时锁定');

    const id = await createFieldAssessment(w, w.enterprises.own, w.users.diag2.id);
    await login(page, w.base, w.users.diag2.username, PASSWORD, `/assessments/${id}`);
    await page.waitForFunction((p) => location.pathname === p, {}, `/assessments/${id}`);
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春界面测试机械有限公司');

    // Reload keeps the page (the server answers the client route with the app).
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, inApp('dsd-questionnaire-page >>> h1'), '长春界面测试机械有限公司');

    await page.locator(inApp('.user button.link')).click();
    await page.waitForSelector(inApp('dsd-login-page'));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await textOf(page, inApp('header'))).not.toContain('诊断任务');
    await context.close();
  });

  it('changes the password from the account page', async () => {
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.district.id);
    await page.goto(`${w.base}/account/password`, { waitUntil: 'networkidle0' });
    await page.locator(inApp('dsd-password-page >>> input[name=current]')).fill(PASSWORD);
    await page.locator(inApp('dsd-password-page >>> input[name=next]')).fill('New-Passw0rd-2026');
    await page.locator(inApp('dsd-password-page >>> input[name=again]')).fill('Other-Passw0rd-2026');
    await page.locator(inApp('dsd-password-page >>> button[type=submit]')).click();
    await waitForText(page, inApp('dsd-password-page >>> [role=alert]'), '两次输入的新密码不一致');
    await page.locator(inApp('dsd-password-page >>> input[name=again]')).fill('New-Passw0rd-2026');
    await page.locator(inApp('dsd-password-page >>> button[type=submit]')).click();
    await waitForText(page, inApp('dsd-password-page >>> [role=status]'), '密码已修改');
    await expectAccessible(page, 'password page');
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.9',
      payload: { username: w.users.district.username, password: 'New-Passw0rd-2026' },
    });
    expect(res.statusCode).toBe(200);
    await page.browserContext().close();
  });
});
