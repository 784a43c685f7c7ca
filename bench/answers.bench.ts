/**
 * Saving answers over real HTTP: the server (buildApp + listen on a random loopback port, temporary data
 * directory, the real questionnaires) receives batches of 10 answers through Node's fetch (keep-alive).
 * Run: npx tsx bench/answers.bench.ts [--batches 1000]     (see bench/README.md)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { generateUscc } from '../server/domain/uscc.js';
import { OPTIONAL_FIELD_DEFAULTS, insertEnterprise } from '../server/services/enterprises.js';
import { createUser } from '../server/services/users.js';
import { mulberry32, numberOption } from './lib.js';

const BATCHES = numberOption('batches', 1000);
const BATCH_SIZE = 10;
const CONCURRENCY = 8;

const rand = mulberry32(20260301);

const dataDir = mkdtempSync(join(tmpdir(), 'dsd-bench-'));
const app = await buildApp(
  loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir, questionnaireDir: resolve('questionnaires') }),
);
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const districtId = app.db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;
const enterprises = Array.from({ length: CONCURRENCY + 2 }, (_, i) =>
  insertEnterprise(app.db, {
    ...OPTIONAL_FIELD_DEFAULTS,
    creditCode: generateUscc(rand),
    name: `长春基准测试${i + 1}汽车零部件有限公司`,
    districtId,
    industryCode: 'auto',
  }, app.now()),
);
const password = 'Bench@2026-Passw0rd!';
await createUser(app.db, { username: 'bench-admin', displayName: '基准测试', role: 'admin', districtId: null, enterpriseId: null, password });

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench-admin', password }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const { csrfToken } = (await login.json()) as { csrfToken: string };
const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

async function createAssessment(enterpriseId: number): Promise<number> {
  const r = await fetch(`${base}/api/assessments`, { method: 'POST', headers, body: JSON.stringify({ enterpriseId, kind: 'field' }) });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: number }).id;
}

const q = app.questionnaires.current('auto')!;
const controls = q.items.filter((i) => i.def.kind === 'control').map((i) => i.def.id);
const VALUES = ['full', 'partial', 'none'];

interface Run {
  latencies: number[];
  conflicts: number;
  errors: number;
}

/** Sends `count` batches to one assessment, one after another, each based on the version the last one returned. */
/** The last version each assessment answered with, as a client would remember it. */
const versions = new Map<number, number>();

async function worker(assessmentId: number, count: number, items: string[], run: Run): Promise<void> {
  for (let n = 0; n < count; n++) {
    const answers = Array.from({ length: BATCH_SIZE }, (_, k) => ({
      itemId: items[(n * BATCH_SIZE + k) % items.length],
      value: VALUES[Math.floor(rand() * VALUES.length)],
    }));
    const unique = [...new Map(answers.map((a) => [a.itemId, a])).values()];
    const t0 = performance.now();
    const r = await fetch(`${base}/api/assessments/${assessmentId}/answers`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ batchId: randomUUID(), baseVersion: versions.get(assessmentId) ?? 0, answers: unique }),
    });
    const body = (await r.json()) as { version?: number; error?: { details?: { currentVersion: number } } };
    run.latencies.push(performance.now() - t0);
    if (r.status === 200) versions.set(assessmentId, Math.max(versions.get(assessmentId) ?? 0, body.version!));
    else if (r.status === 409) {
      run.conflicts++;
      versions.set(assessmentId, body.error!.details!.currentVersion);
    } else run.errors++;
  }
}

function report(name: string, run: Run, ms: number): void {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2);
  const n = sorted.length;
  console.log(
    `${name.padEnd(44)} ${String(n).padStart(6)} batches  ${(n / (ms / 1000)).toFixed(0).padStart(6)} batches/s  ` +
      `${((n * BATCH_SIZE) / (ms / 1000)).toFixed(0).padStart(6)} answers/s  p50 ${pct(50)} ms  p95 ${pct(95)} ms  p99 ${pct(99)} ms` +
      `  conflicts ${run.conflicts}  errors ${run.errors}`,
  );
}

async function phase(name: string, body: (run: Run) => Promise<void>): Promise<void> {
  const run: Run = { latencies: [], conflicts: 0, errors: 0 };
  const t0 = performance.now();
  await body(run);
  report(name, run, performance.now() - t0);
}

try {
  const ids = await Promise.all(enterprises.map(createAssessment));
  console.log(`questionnaire ${q.id} ${q.version}: ${q.items.length} items; batches of ${BATCH_SIZE} control answers\n`);
  // Warm-up: JIT, statement cache, the questionnaire's zod schemas.
  await worker(ids[CONCURRENCY], 100, controls, { latencies: [], conflicts: 0, errors: 0 });

  await phase('sequential, one assessment', (run) => worker(ids[0], BATCHES, controls, run));
  await phase(`concurrency ${CONCURRENCY}, one assessment each`, (run) =>
    Promise.all(ids.slice(0, CONCURRENCY).map((id) => worker(id, BATCHES / CONCURRENCY, controls, run))).then(() => undefined),
  );
  // Eight devices on the same assessment, each on its own part of the questionnaire: every stale batch merges.
  const shared = ids[CONCURRENCY + 1];
  const slice = Math.floor(controls.length / CONCURRENCY);
  await phase(`concurrency ${CONCURRENCY}, same assessment (merging)`, (run) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, (_, w) => worker(shared, BATCHES / CONCURRENCY, controls.slice(w * slice, (w + 1) * slice), run)),
    ).then(() => undefined),
  );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
