import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { buildWebApp, textOf } from '../helpers/web.js';

describe('home page (login) in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    buildWebApp();
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the product name and its three kinds of users, in Chinese glyphs', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('pageerror', (e) => failed.push(String(e)));
    const res = await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('数安诊断');
    // Nobody is logged in: the app shows its login page, which says who the product is for.
    await page.waitForSelector('dsd-app >>> dsd-login-page >>> h2');
    const text = await textOf(page, 'dsd-app >>> main');
    expect(text).toContain('诊断人员');
    expect(text).toContain('企业');
    expect(text).toContain('区县工信部门');
    // A CJK font is installed: two different characters draw different pixels, and neither draws the same as a
    // private-use code point (the empty box a browser shows when no font has the glyph).
    const distinct = await page.evaluate(() => {
      const draw = (ch: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 40;
        const ctx = canvas.getContext('2d')!;
        ctx.font = '32px sans-serif';
        ctx.fillText(ch, 2, 34);
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
      };
      const [shu, an, box] = [draw('数'), draw('安'), draw('\uE000')];
      return { shuVsAn: shu !== an, shuVsBox: shu !== box };
    });
    expect(distinct).toEqual({ shuVsAn: true, shuVsBox: true });
    expect(failed).toEqual([]);
    await page.close();
  });

  it('sends the security headers a browser enforces', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${base}/`);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.close();
  });
});
