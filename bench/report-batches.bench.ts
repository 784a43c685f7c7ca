/**
 * Packing a district's issued reports into one ZIP over real HTTP (buildApp + listen on a random loopback port, a
 * temporary data directory): N stored report files of S KB each (random bytes behind a %PDF- header, rows inserted
 * directly), packed through POST /api/report-batches, polled until done, downloaded. Measured: packing time and
 * throughput, the server's resident memory while packing (the archive is streamed to disk, so it should not grow
 * with the archive), and single report downloads answered while the batch packs.
 * Run: npx tsx bench/report-batches.bench.ts [--reports 300] [--size 300]     (see bench/README.md)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { generateUscc } from '../server/domain/uscc.js';
import { OPTIONAL_FIELD_DEFAULTS, insertEnterprise } from '../server/services/enterprises.js';
import { createUser } from '../server/services/users.js';
import { mulberry32, numberOption } from './lib.js';

const REPORTS = numberOption('reports', 300);
const SIZE_KB = numberOption('size', 300);

const rand = mulberry32(20261201);
const dataDir = mkdtempSync(join(tmpdir(), 'dsd-bench-'));
const app = await buildApp(loadConfig({ DSD_LOG_LEVEL: 'silent' }, { dataDir, questionnaireDir: resolve('questionnaires') }));
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const password = 'Bench@2026-Passw0rd!';
const admin = await createUser(app.db, { username: 'bench-bureau', displayName: '基准测试', role: 'bureau', districtId: null, enterpriseId: null, password });
const districtId = app.db.prepare(`SELECT id FROM districts WHERE code = 'qikai'`).pluck().get() as number;
app.db.prepare(`INSERT OR IGNORE INTO questionnaire_versions (id, version, hash, title, core_source) VALUES ('bench', '0', 'bench', 'bench', '')`).run();
mkdirSync(join(dataDir, 'reports', '2026'), { recursive: true });
const reportIds: number[] = [];
app.db.transaction(() => {
  for (let i = 1; i <= REPORTS; i++) {
    const e = insertEnterprise(app.db, { ...OPTIONAL_FIELD_DEFAULTS, creditCode: generateUscc(rand), name: `长春基准测试${i}汽车零部件有限公司`, districtId, industryCode: 'auto' }, app.now());
    const a = Number(
      app.db
        .prepare(`INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, created_by, issued_at) VALUES (?, 'field', 'issued', 'bench', '0', ?, ?)`)
        .run(e, admin.id, app.now()).lastInsertRowid,
    );
    const file = join('reports', '2026', `2026-${i}.pdf`);
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(SIZE_KB * 1024)]);
    writeFileSync(join(dataDir, file), data);
    reportIds.push(
      Number(
        app.db
          .prepare(
            `INSERT INTO reports (assessment_id, enterprise_id, kind, number, year, serial, verification_code, sha256, size, file_path, issued_by, issued_at,
               report_model, questionnaire_id, questionnaire_version, scoring_model)
             VALUES (?, ?, 'field', ?, 2026, ?, ?, 'x', ?, ?, ?, ?, '1', 'bench', '0', '2.1.0')`,
          )
          .run(a, e, `长春-2026-${String(i).padStart(5, '0')}`, i, `BENCH-${i}`, data.length, file, admin.id, app.now()).lastInsertRowid,
      ),
    );
  }
})();

const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-bureau', password }) });
if (!login.ok) throw new Error(`login failed: ${login.status}`);
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const { csrfToken } = (await login.json()) as { csrfToken: string };
const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);

const t0 = performance.now();
const started = (await (await fetch(`${base}/api/report-batches`, { method: 'POST', headers, body: JSON.stringify({ district: String(districtId) }) })).json()) as { id: string; total: number };
const singles: number[] = [];
let batch: { status: string; bytes: number; packed: number };
for (let n = 0; ; n++) {
  batch = (await (await fetch(`${base}/api/report-batches/${started.id}`, { headers })).json()) as typeof batch;
  if (batch.status !== 'running') break;
  const s0 = performance.now();
  const single = await fetch(`${base}/api/reports/${reportIds[n % reportIds.length]}/pdf`, { headers });
  await single.arrayBuffer();
  singles.push(performance.now() - s0);
}
const packMs = performance.now() - t0;
const rssPacking = rssPeak;
const d0 = performance.now();
const zip = await fetch(`${base}/api/report-batches/${started.id}/zip`, { headers });
let downloaded = 0;
const reader = zip.body!.getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) downloaded += r.value.length;
const downloadMs = performance.now() - d0;
clearInterval(sampler);

singles.sort((a, b) => a - b);
const pct = (p: number) => (singles.length ? singles[Math.min(singles.length - 1, Math.floor((singles.length * p) / 100))].toFixed(1) : '—');
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(`reports ${REPORTS} × ${SIZE_KB} KB, status ${batch.status}, archive ${mb(batch.bytes)} MB`);
console.log(`pack    ${(packMs / 1000).toFixed(2)} s  ${(REPORTS / (packMs / 1000)).toFixed(0)} reports/s  ${mb(batch.bytes / (packMs / 1000))} MB/s`);
console.log(`download ${mb(downloaded)} MB in ${(downloadMs / 1000).toFixed(2)} s`);
console.log(`single downloads while packing: ${singles.length}, p50 ${pct(50)} ms, p95 ${pct(95)} ms`);
console.log(`RSS (server and client in one process): before ${mb(rssBefore)} MB, peak while packing ${mb(rssPacking)} MB (+${mb(rssPacking - rssBefore)}), while downloading ${mb(rssPeak)} MB (+${mb(rssPeak - rssBefore)})`);

await app.close();
rmSync(dataDir, { recursive: true, force: true });
