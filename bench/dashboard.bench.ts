/**
 * The bureau's dashboard and the lists at the size of a data directory built by `npm run demo -- --scale N`:
 * every dashboard call (as the bureau and as a district officer), each export, and the list pages and searches,
 * through the real app (buildApp + inject, so routing, validation and serialisation count), with p50/p95 over
 * --runs calls, plus the start-up time and the database size.
 * Run: DSD_DATA_DIR=/path npx tsx bench/dashboard.bench.ts [--runs 50]     (see bench/README.md)
 * Without DSD_DATA_DIR (as `npm run bench` runs it) it builds the scale-1 demo city in a temporary directory first.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { DATABASE_FILE } from '../server/db/open.js';
import { loadDemoData } from '../server/demo/generate.js';
import { SESSION_COOKIE, hashToken } from '../server/services/sessions.js';
import { numberOption } from './lib.js';

const RUNS = numberOption('runs', 50);
const temporary = !process.env.DSD_DATA_DIR;
const dataDir = process.env.DSD_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'dsd-bench-'));
const config = loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir: resolve(dataDir), questionnaireDir: resolve('questionnaires') });

let t0 = performance.now();
const app = await buildApp(config);
await app.ready();
const startup = performance.now() - t0;
if (temporary) await loadDemoData(app.db, app.questionnaires);

const db = app.db;
const counts = db
  .prepare(`SELECT (SELECT COUNT(*) FROM enterprises) AS enterprises, (SELECT COUNT(*) FROM assessments) AS assessments,
              (SELECT COUNT(*) FROM rectifications) AS rectifications`)
  .get() as { enterprises: number; assessments: number; rectifications: number };
const qikai = db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;

/** A session for a throw-away user of the role, removed at the end. */
const userIds: number[] = [];
function session(role: 'bureau' | 'district'): Record<string, string> {
  const id = Number(
    db.prepare(`INSERT INTO users (username, display_name, password_hash, role, district_id, disabled)
                VALUES (?, 'bench', 'x', ?, ?, 0)`)
      .run(`bench-${role}-${randomBytes(4).toString('hex')}`, role, role === 'district' ? qikai : null).lastInsertRowid,
  );
  userIds.push(id);
  const token = randomBytes(32).toString('base64url');
  db.prepare(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
              VALUES (?, ?, 'x', strftime('%Y-%m-%dT%H:%M:%fZ','now','+1 day'))`).run(hashToken(token), id);
  return { cookie: `${SESSION_COOKIE}=${token}` };
}
const as = { bureau: session('bureau'), district: session('district') };

const sample = db.prepare('SELECT name, credit_code AS code FROM enterprises ORDER BY id LIMIT 1 OFFSET ?')
  .get(Math.floor(counts.enterprises / 2)) as { name: string; code: string };

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
  ['enterprises name search', 'bureau', `/api/enterprises?q=${encodeURIComponent(sample.name.slice(0, 4))}`],
  ['enterprises exact credit code', 'bureau', `/api/enterprises?q=${sample.code}`],
  ['assessments page 1', 'bureau', '/api/assessments'],
  ['assessments issued', 'bureau', '/api/assessments?status=issued'],
  ['assessments by industry', 'bureau', '/api/assessments?industry=auto'],
];

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
console.log(
  `${counts.enterprises} enterprises, ${counts.assessments} assessments, ${counts.rectifications} rectifications; ` +
    `database ${(statSync(join(config.dataDir, DATABASE_FILE)).size / 2 ** 20).toFixed(1)} MB; start-up ${startup.toFixed(0)} ms`,
);
console.log(`${'call'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
for (const [name, who, url] of calls) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: as[who] });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i >= 2) times.push(ms); // the first two warm the statement cache
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} ${pct(times, 50).toFixed(1).padStart(8)} ${pct(times, 95).toFixed(1).padStart(8)}`);
}

for (const id of userIds) db.prepare('DELETE FROM users WHERE id = ?').run(id);
await app.close();
if (temporary) rmSync(dataDir, { recursive: true, force: true });
