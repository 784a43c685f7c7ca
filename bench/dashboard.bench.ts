/**
 * The bureau's dashboard and the lists at demo size and at the size of a large city: every dashboard call (as the
 * bureau and as a district officer), each export, the list pages and searches, and the rectification work list (the
 * bureau's, filtered, a district officer's, the busiest diagnostician's and one carrying 12,000 enterprises),
 * through the real app (buildApp + inject, so routing, validation and serialisation count), with p50/p95 over
 * --runs calls, the start-up time and the database size of each city, side by side.
 * Run:  DSD_BENCH_CITY=/path npx tsx bench/dashboard.bench.ts [--runs 50]     (see bench/README.md)
 * The demo city (scale 1) is built in a temporary directory; the large one is the data directory DSD_BENCH_CITY
 * (built once by `npm run demo -- --enterprises 50000 --campaigns 3`), or built into a temporary directory with
 * `--city N` (N enterprises, three campaigns: minutes). Without either only the demo city is measured.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { DATABASE_FILE, openDataDatabase } from '../server/db/open.js';
import { loadDemoData, scaleForEnterprises } from '../server/demo/generate.js';
import { loadQuestionnaireSources } from '../server/services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../server/services/questionnaire-registry.js';
import { SESSION_COOKIE, hashToken } from '../server/services/sessions.js';
import { numberOption } from './lib.js';

const RUNS = numberOption('runs', 50);
const CITY = numberOption('city', 0);
/** First views of the rectification work list, each in a newly built app (nothing of the list cached): how many. */
const COLD = numberOption('cold', 5);
/** Enterprises of the extreme diagnostician measured beside the busiest one of the city. */
const HEAVY_LOAD = 12_000;

interface Measured {
  label: string;
  times: Map<string, { p50: number; p95: number }>;
  cold: Map<string, { p50: number; p95: number }>;
}

/** Calls measured on first view too: the work list pages as the web app asks for them (200 rows). */
const isCold = (name: string) => name.startsWith('rectification work');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Builds a demo city into a new temporary directory (outside the app, as `npm run demo` does). */
async function buildCity(options: { enterprises?: number; campaigns?: number }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dsd-bench-'));
  const db = openDataDatabase(dir);
  const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(resolve('questionnaires')));
  const scale = options.enterprises ? scaleForEnterprises(db, options.enterprises) : 1;
  const t0 = performance.now();
  await loadDemoData(db, registry, { scale, campaigns: options.campaigns, ...(scale > 5 && { commitEvery: 2000 }) });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  if (options.enterprises) console.log(`built the city in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return dir;
}

async function measure(dataDir: string): Promise<Measured> {
  const config = loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir: resolve(dataDir), questionnaireDir: resolve('questionnaires') });
  let t0 = performance.now();
  const app = await buildApp(config);
  await app.ready();
  const startup = performance.now() - t0;
  const db = app.db;
  const counts = db
    .prepare(`SELECT (SELECT COUNT(*) FROM enterprises) AS enterprises, (SELECT COUNT(*) FROM assessments) AS assessments,
                (SELECT COUNT(*) FROM rectifications) AS rectifications`)
    .get() as { enterprises: number; assessments: number; rectifications: number };
  const qikai = db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;

  /** A session for a throw-away user of the role, removed at the end. */
  const userIds: number[] = [];
  const session = (role: 'bureau' | 'district' | 'diagnostician', heavy = false): Record<string, string> => {
    const id = Number(
      db.prepare(`INSERT INTO users (username, display_name, password_hash, role, district_id, disabled)
                  VALUES (?, 'bench', 'x', ?, ?, 0)`)
        .run(`bench-${role}-${randomBytes(4).toString('hex')}`, role, role === 'district' ? qikai : null).lastInsertRowid,
    );
    userIds.push(id);
    // The diagnostician with the most enterprises of the city, as a throw-away copy (its assignments go with it).
    // Or, `heavy`, one carrying 12,000 enterprises (a quarter of the large city): far beyond a work group's share.
    if (role === 'diagnostician' && heavy)
      db.prepare(`INSERT INTO assignments (user_id, enterprise_id) SELECT ?, id FROM enterprises ORDER BY id LIMIT ${HEAVY_LOAD}`).run(id);
    else if (role === 'diagnostician')
      db.prepare(`INSERT INTO assignments (user_id, enterprise_id) SELECT ?, enterprise_id FROM assignments
                  WHERE user_id = (SELECT user_id FROM assignments GROUP BY user_id ORDER BY COUNT(*) DESC LIMIT 1)`).run(id);
    const token = randomBytes(32).toString('base64url');
    db.prepare(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
                VALUES (?, ?, 'x', strftime('%Y-%m-%dT%H:%M:%fZ','now','+1 day'))`).run(hashToken(token), id);
    return { cookie: `${SESSION_COOKIE}=${token}` };
  };
  const as = { bureau: session('bureau'), district: session('district'), diagnostician: session('diagnostician'), heavy: session('diagnostician', true) };
  const sample = db.prepare('SELECT name, credit_code AS code FROM enterprises ORDER BY id LIMIT 1 OFFSET ?')
    .get(Math.floor(counts.enterprises / 2)) as { name: string; code: string };
  const issued = db.prepare(`SELECT id FROM assessments WHERE status = 'issued' ORDER BY id LIMIT 1 OFFSET ?`)
    .pluck()
    .get(Math.floor(counts.assessments / 4)) as number;

  const calls: [string, keyof typeof as, string][] = [
    ['dashboard coverage', 'bureau', '/api/dashboard/coverage'],
    ['dashboard coverage (district)', 'district', '/api/dashboard/coverage'],
    ['dashboard trend', 'bureau', '/api/dashboard/trend'],
    ['dashboard results', 'bureau', '/api/dashboard/results'],
    ['dashboard results (district)', 'district', '/api/dashboard/results'],
    ['dashboard loop', 'bureau', '/api/dashboard/loop'],
    ['drill: diagnosed, page 1', 'bureau', '/api/dashboard/enterprises?status=diagnosed'],
    ['drill: auto high risk', 'bureau', '/api/dashboard/enterprises?industry=auto&riskLevel=high'],
    ['export coverage.xlsx', 'bureau', '/api/dashboard/coverage.xlsx'],
    ['export loop.xlsx', 'bureau', '/api/dashboard/loop.xlsx'],
    ['districts', 'bureau', '/api/districts'],
    ['industries', 'bureau', '/api/industries'],
    ['enterprises page 1', 'bureau', '/api/enterprises'],
    ['enterprises page 20', 'bureau', '/api/enterprises?page=20'],
    ['enterprises by district', 'bureau', '/api/enterprises?district=qikai'],
    ['enterprises pending, page 2', 'bureau', '/api/enterprises?status=pending&page=2'],
    ['enterprises name search', 'bureau', `/api/enterprises?q=${encodeURIComponent(sample.name.slice(0, 4))}`],
    ['enterprises exact credit code', 'bureau', `/api/enterprises?q=${sample.code}`],
    ['assessments page 1', 'bureau', '/api/assessments'],
    ['assessments page 20', 'bureau', '/api/assessments?page=20'],
    ['assessments issued', 'bureau', '/api/assessments?status=issued'],
    ['assessments by industry', 'bureau', '/api/assessments?industry=auto'],
    ['assessments (district)', 'district', '/api/assessments'],
    ['one assessment', 'bureau', `/api/assessments/${issued}`],
    ['its score', 'bureau', `/api/assessments/${issued}/score`],
    ['its rectifications', 'bureau', `/api/assessments/${issued}/rectifications`],
    ['rectification work (district)', 'district', '/api/rectifications?pageSize=200'],
    ['rectification work', 'bureau', '/api/rectifications?pageSize=200'],
    ['rectification work overdue', 'bureau', '/api/rectifications?overdue=true&pageSize=200'],
    ['rectification work by district', 'bureau', '/api/rectifications?district=qikai&pageSize=200'],
    ['rectification work by area', 'bureau', '/api/rectifications?area=backup&pageSize=200'],
    ['rectification work (diagnostician)', 'diagnostician', '/api/rectifications?pageSize=200'],
    ['rectification work (12,000 assigned)', 'heavy', '/api/rectifications?pageSize=200'],
  ];

  const size = statSync(join(config.dataDir, DATABASE_FILE)).size;
  const label =
    `${counts.enterprises} enterprises, ${counts.assessments} assessments, ${counts.rectifications} rectifications; ` +
    `database ${(size / 2 ** 20).toFixed(1)} MB; start-up ${startup.toFixed(0)} ms`;
  console.log(label);
  const times = new Map<string, { p50: number; p95: number }>();
  for (const [name, who, url] of calls) {
    const ms: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: as[who] });
      const took = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (i >= 2) ms.push(took); // the first two warm the statement cache
    }
    times.set(name, { p50: pct(ms, 50), p95: pct(ms, 95) });
  }
  // First views: each call the first of the list in a newly built app (its own connection and caches), after one
  // unrelated call that warms the routing.
  const cold = new Map<string, { p50: number; p95: number }>();
  const firsts = new Map<string, number[]>();
  for (let run = 0; run < COLD; run++)
    for (const [name, who, url] of calls.filter(([name]) => isCold(name))) {
      const fresh = await buildApp(config);
      await fresh.ready();
      await fresh.inject({ method: 'GET', url: '/api/districts', headers: as[who] });
      t0 = performance.now();
      const res = await fresh.inject({ method: 'GET', url, headers: as[who] });
      const took = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      firsts.set(name, [...(firsts.get(name) ?? []), took]);
      await fresh.close();
    }
  for (const [name, ms] of firsts) cold.set(name, { p50: pct(ms, 50), p95: pct(ms, 95) });
  for (const id of userIds) db.prepare('DELETE FROM users WHERE id = ?').run(id);
  await app.close();
  return { label, times, cold };
}

const demoDir = await buildCity({});
const results = [await measure(demoDir)];
rmSync(demoDir, { recursive: true, force: true });
const cityDir = process.env.DSD_BENCH_CITY ?? (CITY > 0 ? await buildCity({ enterprises: CITY, campaigns: 3 }) : undefined);
if (cityDir) results.push(await measure(cityDir));
if (cityDir && !process.env.DSD_BENCH_CITY) rmSync(cityDir, { recursive: true, force: true });
if (!cityDir) console.log('(no large city: set DSD_BENCH_CITY to its data directory or pass --city 50000)');

console.log();
results.forEach((r, i) => console.log(`[${i === 0 ? 'demo' : 'city'}] ${r.label}`));
const head = results.map((_, i) => (i === 0 ? 'demo' : 'city')).map((c) => `${`${c} p50`.padStart(10)} ${`${c} p95`.padStart(10)}`);
console.log(`${'call (ms)'.padEnd(34)} ${head.join(' ')}`);
const row = (name: string, of: (r: Measured) => { p50: number; p95: number }) =>
  console.log(`${name.padEnd(34)} ${results.map((r) => `${of(r).p50.toFixed(1).padStart(10)} ${of(r).p95.toFixed(1).padStart(10)}`).join(' ')}`);
for (const name of results[0].times.keys()) row(name, (r) => r.times.get(name)!);
if (COLD > 0) {
  console.log(`first view, each in a newly built app (${COLD} runs)`);
  for (const name of results[0].cold.keys()) row(name, (r) => r.cold.get(name)!);
}
