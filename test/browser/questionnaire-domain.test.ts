/**
 * The field app's offline logic runs in Chromium: server/domain/questionnaire, bundled by esbuild for the browser,
 * rebuilds a questionnaire from its wire document and evaluates visibility conditions and answer validation
 * exactly as the server does.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { toWire } from '../../server/domain/questionnaire/wire.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';
import { launchBrowser } from '../helpers/browser.js';

const core = loadQuestionnaires(resolve('questionnaires')).find((q) => q.id === 'core')!;

/** The page's script: the domain module, exposed for the test to call. */
const ENTRY = `
import { evaluate, fromWire, validateAnswers, visibleItems } from './server/domain/questionnaire/index.ts';
window.domain = {
  evaluate: (cond, answers) => evaluate(cond, { answers, visible: new Set(Object.keys(answers)) }),
  visible: (doc, answers) => [...visibleItems(fromWire(doc), answers)].sort(),
  problems: (doc, answers) => validateAnswers(fromWire(doc), answers).problems.map((p) => p.itemId),
};
document.body.dataset.ready = 'yes';
`;

describe('the questionnaire domain in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: resolve('.'), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
    });
    const files: Record<string, [string, string]> = {
      '/': ['text/html; charset=utf-8', '<!doctype html><meta charset="utf-8"><title>domain</title><script type="module" src="/domain.js"></script>'],
      '/domain.js': ['text/javascript', bundle.outputFiles[0].text],
      '/questionnaire.json': ['application/json', JSON.stringify(toWire(core))],
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' }).end(file?.[1] ?? '');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  it('evaluates a condition, visibility and validation as the server does', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="yes"]');

    const cond = { not: { item: 'profile.systems_ot', includes: 'none' } };
    const inBrowser = await page.evaluate(
      (c) => {
        const d = (window as any).domain;
        return [d.evaluate(c, { 'profile.systems_ot': ['none'] }), d.evaluate(c, { 'profile.systems_ot': ['dcs'] })];
      },
      cond,
    );
    expect(inBrowser).toEqual([false, true]);

    const answers = { 'profile.systems_ot': ['none'], 'profile.staff': -5 };
    const result = await page.evaluate(async (a) => {
      const doc = await (await fetch('/questionnaire.json')).json();
      const d = (window as any).domain;
      return { visible: d.visible(doc, a), problems: d.problems(doc, a) };
    }, answers);
    expect(result.visible).toEqual([...visibleItems(core, answers)].sort());
    expect(result.visible.length).toBeGreaterThan(10);
    expect(result.problems).toContain('profile.staff');
    expect(errors).toEqual([]);
    await page.close();
  });
});
