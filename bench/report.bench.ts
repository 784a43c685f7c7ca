/**
 * The diagnosis report's PDF: a browser launched per report (the baseline) against the warm renderer, for the
 * report of a real questionnaire and fixture answers (test/fixtures/answers, --answers auto-mid.json by default):
 * cold render, warm p50/p95 over --runs reports, reports per second for --batch reports at concurrency 2, the size
 * of the PDF and its page count. Each report is the standard report (printed twice from one page: the chapters' pages
 * found, then the ToC numbered); its annex (附件), issued with it, is measured after (warm p50/p95, size, pages).
 * Also the CPU time per report (this process and Chromium, from /proc), which the machine's other load changes far
 * less than the wall-clock figures, and the load average.
 * Run: npx tsx bench/report.bench.ts [--runs 10] [--batch 10] [--answers auto-good.json]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { validateAnswers } from '../server/domain/questionnaire/validate-answers.js';
import { score } from '../server/domain/scoring/index.js';
import { renderAnnexPdf, renderReportPdf } from '../server/report/document.js';
import { buildReportModel } from '../server/report/model.js';
import { PdfRenderer, processTree } from '../server/report/renderer.js';
import { loadQuestionnaires } from '../server/services/questionnaire-loader.js';
import { numberOption } from './lib.js';

const RUNS = numberOption('runs', 10);
const BATCH = numberOption('batch', 10);
const at = process.argv.indexOf('--answers');
const answersFile = at > 0 ? process.argv[at + 1] : 'auto-mid.json';

const file = JSON.parse(readFileSync(resolve('test/fixtures/answers', answersFile), 'utf8'));
const q = loadQuestionnaires(resolve('questionnaires')).find((x) => x.id === file.questionnaire)!;
const { answers } = validateAnswers(q, file.answers);
const model = buildReportModel({
  kind: 'field',
  issue: { number: '长春-2026-0001', verificationCode: 'ABCD-EFGH-JKMN', issuedAt: '2026-12-01T03:00:00Z', verifyUrl: 'http://127.0.0.1:3000/api/verify/ABCD-EFGH-JKMN' },
  enterprise: { name: String(file.answers['profile.name'] ?? '长春示例企业'), creditCode: '91220174MA17K3Q592', district: '汽开区', industry: q.industryName ?? '' },
  assessment: { id: 1, variant: 'full', diagnosedAt: '2026-11-20T02:00:00Z', diagnosticians: ['诊断人员'] },
  questionnaire: q,
  answers: { answers, notes: {}, basis: {} },
  evidence: {},
  result: score(q, answers),
  peers: { industry: { label: '同行业', members: [] }, district: { label: '同区域', members: [] } },
  issuer: '长春市工业和信息化局',
});

/**
 * CPU seconds used so far by this process, its reaped children and every live descendant (Chromium's processes),
 * from /proc: on a machine shared with other work, wall-clock times swing with the load, CPU time much less.
 */
async function cpuSeconds(): Promise<number> {
  const ticks = (await processTree(process.pid)).reduce((a, p) => a + [11, 12, 13, 14].reduce((t, f) => t + Number(p.stat[f]), 0), 0);
  return ticks / 100;
}

const ms = (x: number) => `${Math.round(x)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const log = (line: string) => console.log(line);

// Baseline: a fresh browser for every report.
const baseline: number[] = [];
let cpu = await cpuSeconds();
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  const t = performance.now();
  const r = new PdfRenderer();
  await renderReportPdf(r, model);
  await r.close();
  baseline.push(performance.now() - t);
  log(`  baseline report ${i + 1}: ${ms(baseline[i])}`);
}
const baselineCpu = ((await cpuSeconds()) - cpu) / baseline.length;

const warm = new PdfRenderer({ concurrency: 2 });
let t = performance.now();
const first = await renderReportPdf(warm, model);
const cold = performance.now() - t;
log(`  cold: ${ms(cold)}`);
const times: number[] = [];
cpu = await cpuSeconds();
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  await renderReportPdf(warm, model);
  times.push(performance.now() - t);
  log(`  warm report ${i + 1}: ${ms(times[i])}`);
}
const warmCpu = ((await cpuSeconds()) - cpu) / RUNS;
t = performance.now();
await Promise.all(Array.from({ length: BATCH }, () => renderReportPdf(warm, model)));
const batchSeconds = (performance.now() - t) / 1000;
// The annex (附件) issued with the report: rendered once at issue time, printed in one pass.
const annexTimes: number[] = [];
let annexPdf: Awaited<ReturnType<typeof renderAnnexPdf>> | undefined;
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  t = performance.now();
  annexPdf = await renderAnnexPdf(warm, model);
  annexTimes.push(performance.now() - t);
}
await warm.close();

console.log(`report: ${answersFile}, ${first.pages} pages, ${(first.pdf.length / 1024).toFixed(0)} KB, ${model.findings.total} findings`);
console.log(`baseline (browser per report): p50 ${ms(pct(baseline, 50))}, p95 ${ms(pct(baseline, 95))} (${baseline.length} reports)`);
console.log(`warm renderer: cold ${ms(cold)}, p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (${RUNS} reports)`);
console.log(`annex (issued with it): ${annexPdf!.pages} pages, ${(annexPdf!.pdf.length / 1024).toFixed(0)} KB, warm p50 ${ms(pct(annexTimes, 50))}, p95 ${ms(pct(annexTimes, 95))}`);
console.log(`speed-up p50: ${(pct(baseline, 50) / pct(times, 50)).toFixed(1)}×`);
console.log(`concurrency 2: ${BATCH} reports in ${batchSeconds.toFixed(1)} s = ${(BATCH / batchSeconds).toFixed(2)} reports/s`);
console.log(`CPU per report (this process and Chromium): baseline ${baselineCpu.toFixed(2)} s, warm ${warmCpu.toFixed(2)} s`);
console.log(`load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${availableParallelism()} cores)`);
