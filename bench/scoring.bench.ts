/**
 * Scoring-engine throughput on a synthetic 300-item questionnaire with a 30-row inventory.
 * Run: npx tsx bench/scoring.bench.ts [--seconds 2]     (see bench/README.md)
 */
import { performance } from 'node:perf_hooks';
import type { Answers, InventoryRowValue } from '../server/domain/questionnaire/answers.js';
import { compose, type Questionnaire } from '../server/domain/questionnaire/compose.js';
import { sha256 } from '../server/services/questionnaire-loader.js';
import { QuestionnaireFile, type CoreFileDef } from '../server/domain/questionnaire/schema.js';
import { validateAnswers } from '../server/domain/questionnaire/validate-answers.js';
import { visibleItems } from '../server/domain/questionnaire/conditions.js';
import { draftCatalogue } from '../server/domain/scoring/catalogue.js';
import { collectFindings } from '../server/domain/scoring/findings.js';
import { assessAll } from '../server/domain/scoring/fulfilment.js';
import { score } from '../server/domain/scoring/index.js';
import { assessMaturity } from '../server/domain/scoring/maturity.js';
import { prepare } from '../server/domain/scoring/prepare.js';
import { assessRisk } from '../server/domain/scoring/risk.js';
import { mulberry32, numberOption } from './lib.js';

const ITEMS = 300;
const ROWS = 30;
const ANSWER_SETS = 100;
const SECONDS = numberOption('seconds', 2);
const rand = mulberry32(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const PAS = ['PA01', 'PA02', 'PA05', 'PA08', 'PA09', 'PA10', 'PA14', 'PA15', 'PA17', 'PA18', 'PA20', 'PA21', 'PA22', 'PA23', 'PA26', 'PA27', 'PA28', 'PA30'];
const CAPS = ['organization', 'process', 'technology', 'people'];
const SCENARIOS = ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om', 'leakage', 'tampering', 'data_loss'];
const FACTORS = ['internet', 'remote_om', 'third_party', 'cross_border', 'incidents', 'cloud'];
const DOMAINS = ['rnd', 'production', 'operation', 'management', 'external'];
const PROFILE = FACTORS.map((f) => `profile.${f}`);

function syntheticQuestionnaire(): Questionnaire {
  const controls = ITEMS - PROFILE.length - 3;
  const items: Record<string, unknown>[] = [
    ...PROFILE.map((id) => ({ id, kind: 'yesno', label: id })),
    { id: 'profile.has_ot', kind: 'yesno', label: '有工控系统' },
    { id: 'data.inventory', kind: 'inventory', label: '数据清单', role: 'data_inventory' },
    {
      id: 'data.filed', kind: 'control', label: '目录已备案', role: 'catalogue_filed',
      scoring: { classification: true, weight: 2 },
      finding: { problem: '未备案', recommendation: '备案', priority: 'high' },
    },
  ];
  for (let n = 0; n < controls; n++) {
    const pa = PAS[n % PAS.length];
    const level = 1 + (Math.floor(n / PAS.length) % 4);
    items.push({
      id: `c.i${n}`,
      kind: 'control',
      label: `控制项 ${n}`,
      ...(n % 7 === 0 && { visible_if: { item: 'profile.has_ot', eq: true } }),
      scoring: {
        weight: 1 + (n % 3),
        classification: n % 5 === 0,
        maturity: { pa, level, capability: CAPS[n % CAPS.length] },
        ...(n % 2 === 0 && {
          risk: {
            scenario: SCENARIOS[n % SCENARIOS.length],
            area: 'technology',
            impact: 1 + (n % 4),
            exposure: [FACTORS[n % FACTORS.length], FACTORS[(n + 2) % FACTORS.length]],
            data: n % 3 === 0 ? ['*'] : [DOMAINS[n % DOMAINS.length]],
          },
        }),
        ...(n % 40 === 0 && { redline: true }),
      },
      finding: { problem: `问题 ${n}`, recommendation: `建议 ${n}`, priority: pick(['high', 'medium', 'low']) },
    });
  }
  const dataTypes = Array.from({ length: 12 }, (_, n) => ({
    id: `dt.t${n}`,
    name: `数据类型 ${n}`,
    domain: DOMAINS[n % DOMAINS.length],
    subcategory: '子类',
    grading: [
      { object: 'economy', degree: 'serious', when: { attr: 'scale', in: ['industry', 'national'] }, reason: '行业级' },
      { object: 'national_security', degree: 'serious', when: { all: [{ attr: 'national_project', eq: true }, { item: 'profile.has_ot', eq: true }] }, reason: '国家' },
      { object: 'personal', degree: 'serious', when: { attr: 'personal_count', in: ['lt_10m', 'ge_10m'] }, reason: '个人' },
    ],
  }));
  const def = QuestionnaireFile.parse({
    kind: 'core',
    id: 'bench',
    title: '基准问卷',
    version: '1.0.0',
    exposure: FACTORS.map((factor) => ({ factor, label: factor, when: { item: `profile.${factor}`, eq: true } })),
    data_types: dataTypes,
    sections: [{ id: 'all', title: '全部', items }],
  }) as CoreFileDef;
  return compose({ def, hash: sha256(JSON.stringify(def)) });
}

function syntheticAnswers(q: Questionnaire): Answers {
  const a: Answers = {};
  for (const { def } of q.items) {
    if (def.kind === 'yesno') a[def.id] = rand() < 0.5;
    else if (def.kind === 'control') a[def.id] = pick(['full', 'full', 'partial', 'none', 'na']);
  }
  a['data.inventory'] = Array.from({ length: ROWS }, (_, n) => ({
    type: `dt.t${n % 12}`,
    held: rand() < 0.9,
    scale: pick(['enterprise', 'regional', 'industry', 'national']),
    precision: 'medium',
    volume: 'medium',
    personal_count: pick(['none', 'lt_100k', 'lt_10m']),
    national_project: rand() < 0.1,
    location: 'onprem',
    shared_external: false,
    cross_border: false,
  })) as InventoryRowValue[];
  return a;
}

interface Row { name: string; ops: number; ms: number; itemsPerOp: number }

/** Runs fn repeatedly for about SECONDS seconds (after a warm-up) and returns how many calls it made. */
function measure(name: string, itemsPerOp: number, fn: (i: number) => unknown): Row {
  for (let i = 0; i < 200; i++) fn(i);
  let ops = 0;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 50; k++) fn(ops++);
    now = performance.now();
  }
  return { name, ops, ms: now - start, itemsPerOp };
}

const q = syntheticQuestionnaire();
const answerSets = Array.from({ length: ANSWER_SETS }, () => syntheticAnswers(q));
const rawSets = answerSets.map((a) => JSON.parse(JSON.stringify(a)) as unknown);
const scoredItems = q.items.filter((i) => 'scoring' in i.def && i.def.scoring).length;

let sink = 0;
const rows: Row[] = [
  measure('score() — warm cache', scoredItems, (i) => {
    sink += score(q, answerSets[i % ANSWER_SETS]).classification.score;
  }),
  // A new Questionnaire object each time: includes building the per-questionnaire indexes (cache miss).
  measure('score() — cold (new questionnaire object)', scoredItems, (i) => {
    sink += score({ ...q }, answerSets[i % ANSWER_SETS]).classification.score;
  }),
  measure('validateAnswers() + score()', scoredItems, (i) => {
    sink += score(q, validateAnswers(q, rawSets[i % ANSWER_SETS]).answers).risk.entries.length;
  }),
];

// Phase breakdown: each step of score() alone, on inputs precomputed by the earlier steps.
const p = prepare(q);
const visible = answerSets.map((a) => visibleItems(q, a));
const assessed = answerSets.map((a, i) => assessAll(p, a, visible[i], true));
const catalogues = answerSets.map((a, i) => draftCatalogue(q, p, a, visible[i]));
const exposed = new Set(['internet', 'remote_om'] as const);
const phaseSeconds = Math.max(0.3, SECONDS / 4);
const phase = (name: string, fn: (i: number) => unknown): Row => {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < phaseSeconds * 1000) for (let k = 0; k < 20; k++) fn(ops++ % ANSWER_SETS);
  return { name, ops, ms: performance.now() - start, itemsPerOp: scoredItems };
};
const phases: Row[] = [
  phase('visibleItems()', (i) => visibleItems(q, answerSets[i])),
  phase('fulfilment of every item', (i) => assessAll(p, answerSets[i], visible[i], true)),
  phase('draft catalogue (30 rows)', (i) => draftCatalogue(q, p, answerSets[i], visible[i])),
  phase('risk register', (i) => assessRisk(p, assessed[i], exposed, catalogues[i].entries, true, 0)),
  phase('maturity', (i) => assessMaturity(p, assessed[i], 0)),
  phase('findings', (i) => collectFindings(p, assessed[i], new Set(), [], {})),
];

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const line = (cells: string[]) => console.log([cells[0].padEnd(44), ...cells.slice(1).map((c, n) => c.padStart([8, 9, 10, 12][n]))].join(' '));
console.log(`Synthetic questionnaire: ${q.items.length} items (${scoredItems} scored), ${ROWS} inventory rows, ${ANSWER_SETS} answer sets; Node ${process.version}\n`);
line(['benchmark', 'ops', 'µs/op', 'scores/s', 'items/s']);
for (const r of rows) {
  const perSec = (r.ops / r.ms) * 1000;
  line([r.name, fmt(r.ops), fmt((r.ms * 1000) / r.ops, 1), fmt(perSec), fmt(perSec * r.itemsPerOp)]);
}
console.log('\nPhases of score() (warm cache):');
line(['phase', 'ops', 'µs/op']);
for (const r of phases) line([r.name, fmt(r.ops), fmt((r.ms * 1000) / r.ops, 1)]);
if (Number.isNaN(sink)) console.log('');
