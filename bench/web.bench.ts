/**
 * The questionnaire page in Chromium against the real server (temporary data directory): the largest composed
 * questionnaire, then a synthetic 300-item one (the largest industry module with generated sections appended, written
 * to a temporary questionnaire directory; nothing committed). For each: JavaScript the questionnaire page loads
 * (gzipped), first render of each section with the data in memory, answer → IndexedDB (the page's whole path: local
 * write with its outbox entry, then visibility and validation recomputed), and typing in a text item (the longest
 * input event and the longest task while typing). Run: npx tsx bench/web.bench.ts [--answers 200]   (bench/README.md)
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer';
import { parse, stringify } from 'yaml';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { Questionnaire } from '../server/domain/questionnaire/compose.js';
import { generateUscc } from '../server/domain/uscc.js';
import { OPTIONAL_FIELD_DEFAULTS, insertEnterprise } from '../server/services/enterprises.js';
import { createUser } from '../server/services/users.js';
import { mulberry32, numberOption } from './lib.js';
// @ts-expect-error plain JavaScript build script
import { ensureWebBuild } from '../scripts/build-web.mjs';

const ANSWERS = numberOption('answers', 200);
const SYNTHETIC_ITEMS = 300;
(ensureWebBuild as () => boolean)();

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => x.toFixed(1).padStart(7);

// ---------- JavaScript size ----------
const dist = resolve('web/dist');
const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
let raw = 0;
for (const f of all) raw += readFileSync(join(dist, 'assets', f)).length;
const allGz = all.reduce((n, f) => n + gzipped(join('assets', f)), 0);
console.log(`JavaScript of the whole app (${all.length} files): ${(raw / 1024).toFixed(1)} KB, gzipped ${(allGz / 1024).toFixed(1)} KB`);

/**
 * A questionnaire directory with the real core and the named industry module grown to `total` items: generated
 * sections of controls (scored like the real ones), yes/no items that show follow-ups, numbers and texts.
 */
function syntheticQuestionnaireDir(industry: string, coreItems: number, total: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsd-bench-questionnaires-'));
  copyFileSync(resolve('questionnaires/core.yaml'), join(dir, 'core.yaml'));
  const module = parse(readFileSync(resolve(`questionnaires/${industry}.yaml`), 'utf8'));
  const have = coreItems + module.sections.reduce((n: number, s: { items: unknown[] }) => n + s.items.length, 0);
  const pas = ['PA01', 'PA02', 'PA05', 'PA08', 'PA09', 'PA10', 'PA14', 'PA15', 'PA17', 'PA18', 'PA20', 'PA21'];
  let n = 0;
  for (let section = 1; n < total - have; section++) {
    const items: Record<string, unknown>[] = [];
    for (let k = 0; k < 20 && n < total - have; k++, n++) {
      const id = `${industry}.synthetic${section}.item${k}`;
      const label = `合成题目 ${section}-${k}：企业对第 ${n + 1} 项数据安全措施的落实情况（用于测量三百题问卷的页面性能）`;
      const follow = k % 5 === 1 ? { visible_if: { item: `${industry}.synthetic${section}.item${k - 1}`, eq: true } } : {};
      if (k % 5 === 0) items.push({ id, kind: 'yesno', label });
      else if (k % 10 === 3) items.push({ id, kind: 'number', label, unit: '个', integer: true, min: 0, ...follow });
      else if (k % 10 === 8) items.push({ id, kind: 'text', label, multiline: true, max_length: 2000, ...follow });
      else
        items.push({
          id,
          kind: 'control',
          label,
          ...follow,
          guidance: { ask: '请说明落实方式与覆盖范围。', evidence: '制度文件、系统截图或记录。' },
          scoring: {
            weight: 1 + (n % 3),
            maturity: { pa: pas[n % pas.length], level: 1 + (n % 3), capability: 'process' },
            risk: { scenario: 'leakage', area: 'processing', impact: 1 + (n % 3), data: ['rnd'] },
          },
          finding: { problem: `第 ${n + 1} 项措施未落实。`, partial: `第 ${n + 1} 项措施部分落实。`, recommendation: `落实第 ${n + 1} 项措施。`, priority: 'medium' },
          rubric: { full: '全部落实并有记录。', partial: '部分落实。', none: '未落实。' },
        });
    }
    module.sections.push({ id: `${industry}.synthetic${section}`, title: `合成章节 ${section}`, items });
  }
  writeFileSync(join(dir, `${industry}.yaml`), stringify(module));
  return dir;
}

// ---------- the page in Chromium ----------
const rand = mulberry32(20261201);

/** Opens a new field assessment of the questionnaire `pick` chooses, in Chromium, and prints its figures. */
async function measure(title: string, questionnaireDir: string, pick: (qs: Questionnaire[]) => Questionnaire): Promise<Questionnaire> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsd-bench-web-'));
  const app = await buildApp(loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir, questionnaireDir }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const chosen = pick(app.questionnaires.list());
  const districtId = app.db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;
  const enterpriseId = insertEnterprise(app.db, {
    ...OPTIONAL_FIELD_DEFAULTS,
    creditCode: generateUscc(rand),
    name: '长春基准测试企业有限公司',
    districtId,
    industryCode: chosen.industry!,
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
    // A fresh tab opening the assessment: every script it loads, lazy chunks included, is the questionnaire page's JavaScript.
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1280, height: 800 });
    const loaded = new Set<string>();
    tab.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) loaded.add(path.slice(1));
    });
    await tab.goto(`${base}/assessments/${created.id}`, { waitUntil: 'networkidle0' });
    await tab.waitForSelector('dsd-app >>> dsd-questionnaire-page >>> dsd-item-field');
    await page.close();
    const pageGz = [...loaded].reduce((sum, f) => sum + gzipped(f), 0);
    console.log(`\n${title}: ${chosen.id} ${chosen.version}, ${chosen.sections.length} sections, ${chosen.items.length} items`);
    console.log(`JavaScript the questionnaire page loads (${loaded.size} files): gzipped ${(pageGz / 1024).toFixed(1)} KB`);
    await sectionRenders(tab);
    await answerWrites(tab);
    await typing(tab);
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return chosen;
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof puppeteer.launch>>['newPage']>>;

async function sectionRenders(page: Page): Promise<void> {
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
}

async function answerWrites(page: Page): Promise<void> {
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
}

/**
 * Types a paragraph into the first text item, a key every 60 ms as a quick typist, with the answers above already
 * given: the longest input event (key press to the next paint, Event Timing) and the longest task (Long Tasks, which
 * reports tasks of 50 ms and more) while typing and for the saves that follow the last pause.
 */
async function typing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchEvents: number[]; benchTasks: number[] };
    w.benchEvents = [];
    w.benchTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchEvents.push(e.duration))).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchTasks.push(e.duration))).observe({ type: 'longtask' });
    const qp = document.querySelector('dsd-app')!.shadowRoot!.querySelector('dsd-questionnaire-page') as any;
    qp._goSection(0);
  });
  const text = 'dsd-app >>> dsd-questionnaire-page >>> dsd-item-field >>> input[type="text"], dsd-app >>> dsd-questionnaire-page >>> dsd-item-field >>> textarea[id^="in-"]';
  await page.locator(text).click();
  const paragraph = '企业已建立数据安全管理制度并定期修订，现场查看了制度文件、审批记录和培训签到表，与填报内容一致。';
  const keys = paragraph.length * 3;
  for (let i = 0; i < keys; i++) await page.keyboard.sendCharacter(paragraph[i % paragraph.length]).then(() => new Promise((r) => setTimeout(r, 60)));
  await new Promise((r) => setTimeout(r, 2000));
  const { events, tasks } = await page.evaluate(() => {
    const w = window as unknown as { benchEvents: number[]; benchTasks: number[] };
    return { events: w.benchEvents, tasks: w.benchTasks };
  });
  const longest = (xs: number[]) => (xs.length ? `${ms(Math.max(...xs))} ms` : 'none reported');
  console.log(`typing ${keys} characters: input events over 16 ms ${events.length}, longest ${longest(events)}; tasks of 50 ms or more ${tasks.length}, longest ${longest(tasks)}`);
}

const largest = await measure('largest composed questionnaire', resolve('questionnaires'), (qs) =>
  qs.filter((q) => q.industry).sort((a, b) => b.items.length - a.items.length)[0],
);
const coreItems = largest.items.length - largest.sections.filter((s) => s.id.startsWith(`${largest.industry}.`)).reduce((n, s) => n + s.items.length, 0);
const syntheticDir = syntheticQuestionnaireDir(largest.industry!, coreItems, SYNTHETIC_ITEMS);
try {
  await measure(`synthetic ${SYNTHETIC_ITEMS}-item questionnaire`, syntheticDir, (qs) => qs.find((q) => q.industry === largest.industry)!);
} finally {
  rmSync(syntheticDir, { recursive: true, force: true });
}
