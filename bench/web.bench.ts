/**
 * The questionnaire page in Chromium against the real server (temporary data directory, the real questionnaires,
 * the largest composed questionnaire): JavaScript shipped to the page (gzipped), first render of each section with
 * the data in memory, and answer → IndexedDB (the page's whole path: local write with its outbox entry, then
 * visibility and validation recomputed). Run: npx tsx bench/web.bench.ts [--answers 200]   (see bench/README.md)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { generateUscc } from '../server/domain/uscc.js';
import { OPTIONAL_FIELD_DEFAULTS, insertEnterprise } from '../server/services/enterprises.js';
import { createUser } from '../server/services/users.js';
import { mulberry32, numberOption } from './lib.js';
// @ts-expect-error plain JavaScript build script
import { ensureWebBuild } from '../scripts/build-web.mjs';

const ANSWERS = numberOption('answers', 200);
(ensureWebBuild as () => boolean)();

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => x.toFixed(1).padStart(7);

// ---------- JavaScript size ----------
const dist = resolve('web/dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
let raw = 0;
let gz = 0;
for (const f of all) {
  const bytes = readFileSync(join(dist, 'assets', f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
console.log(`JavaScript of the app (all ${all.length} file(s), the questionnaire page loads ${scripts.length} up front): ${(raw / 1024).toFixed(1)} KB, gzipped ${(gz / 1024).toFixed(1)} KB`);

// ---------- the page in Chromium ----------
const rand = mulberry32(20261201);
const dataDir = mkdtempSync(join(tmpdir(), 'dsd-bench-web-'));
const app = await buildApp(loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir, questionnaireDir: resolve('questionnaires') }));
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const largest = app.questionnaires
  .list()
  .filter((q) => q.industry)
  .sort((a, b) => b.items.length - a.items.length)[0];
const districtId = app.db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;
const enterpriseId = insertEnterprise(app.db, {
  ...OPTIONAL_FIELD_DEFAULTS,
  creditCode: generateUscc(rand),
  name: '长春基准测试企业有限公司',
  districtId,
  industryCode: largest.industry!,
}, app.now());
const password = 'Bench@2026-Passw0rd!';
await createUser(app.db, { username: 'bench-diag', displayName: '基准测试', role: 'admin', districtId: null, enterpriseId: null, password });

const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
  headless: true,
  userDataDir: mkdtempSync(join(tmpdir(), 'dsd-bench-chromium-')),
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
  const me = await page.evaluate(async (pw) => {
    const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-diag', password: pw }) });
    return r.json();
  }, password);
  const created = await page.evaluate(async (body, csrf) => {
    const r = await fetch('/api/assessments', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    return r.json();
  }, { enterpriseId, kind: 'field' }, me.csrfToken);
  await page.goto(`${base}/assessments/${created.id}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('dsd-app >>> dsd-questionnaire-page >>> dsd-item-field');
  console.log(`questionnaire: ${largest.id} ${largest.version}, ${largest.sections.length} sections, ${largest.items.length} items`);

  const sections = await page.evaluate(async () => {
    const qp = document.querySelector('dsd-app')!.shadowRoot!.querySelector('dsd-questionnaire-page') as any;
    const count = qp._sectionsInView().length;
    const times: number[] = [];
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        qp._goSection(i);
        await qp.updateComplete;
        const fields = [...qp.shadowRoot.querySelectorAll('dsd-item-field')] as any[];
        await Promise.all(fields.map((f) => f.updateComplete));
        // Layout of the new section is part of what a person waits for.
        qp.shadowRoot.querySelector('.items').getBoundingClientRect();
        times.push(performance.now() - t0);
      }
    return times;
  });
  console.log(`section render (${sections.length} renders): p50 ${ms(percentile(sections, 50))} ms  p95 ${ms(percentile(sections, 95))} ms  max ${ms(Math.max(...sections))} ms`);

  const answers = await page.evaluate(async (n) => {
    const qp = document.querySelector('dsd-app')!.shadowRoot!.querySelector('dsd-questionnaire-page') as any;
    const controls = qp._q.items.filter((i: any) => i.def.kind === 'control').map((i: any) => i.def.id);
    const values = ['full', 'partial', 'none'];
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      await qp._onAnswer(new CustomEvent('dsd-answer', { detail: { itemId: controls[k % controls.length], value: values[k % 3] } }));
      times.push(performance.now() - t0);
    }
    return times;
  }, ANSWERS);
  console.log(`answer → IndexedDB + revalidation (${answers.length} answers): p50 ${ms(percentile(answers, 50))} ms  p95 ${ms(percentile(answers, 95))} ms  max ${ms(Math.max(...answers))} ms`);
  // The revalidation alone (visibility + validateAnswers over all answers), to tell it apart from the write.
  const revalidate = await page.evaluate(async (n) => {
    const qp = document.querySelector('dsd-app')!.shadowRoot!.querySelector('dsd-questionnaire-page') as any;
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      qp._setLocal(qp._local);
      times.push(performance.now() - t0);
    }
    return times;
  }, ANSWERS);
  console.log(`of which revalidation alone (${revalidate.length} runs): p50 ${ms(percentile(revalidate, 50))} ms  p95 ${ms(percentile(revalidate, 95))} ms`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
