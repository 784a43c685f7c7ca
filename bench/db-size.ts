/**
 * Where a city's database bytes go: every table and index with its size, its share, bytes per assessment and the
 * unused share of its pages, read from SQLite's dbstat (which walks every page: about a minute for a 4 GB file).
 * Run:  npx tsx bench/db-size.ts DATA_DIR      (a data directory built by `npm run demo`; opened read-only)
 */
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../server/db/open.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx bench/db-size.ts DATA_DIR');
const db = new Database(join(resolve(dir), DATABASE_FILE), { readonly: true });
const assessments = db.prepare('SELECT COUNT(*) FROM assessments').pluck().get() as number;
const rows = db
  .prepare(
    `SELECT name, SUM(pgsize) AS bytes, SUM(unused) AS unused FROM dbstat GROUP BY name ORDER BY bytes DESC`,
  )
  .all() as { name: string; bytes: number; unused: number }[];
const total = rows.reduce((n, r) => n + r.bytes, 0);
const kb = (bytes: number) => (bytes / Math.max(1, assessments) / 1024).toFixed(2);
console.log(`${assessments} assessments, ${(total / 2 ** 20).toFixed(1)} MB in use, ${kb(total)} KB an assessment`);
console.log(`${'table or index'.padEnd(40)} ${'MB'.padStart(9)} ${'share'.padStart(6)} ${'KB/assess.'.padStart(10)} ${'unused'.padStart(7)}`);
for (const r of rows.filter((x) => x.bytes >= total / 1000))
  console.log(
    `${r.name.padEnd(40)} ${(r.bytes / 2 ** 20).toFixed(1).padStart(9)} ${`${((100 * r.bytes) / total).toFixed(1)}%`.padStart(6)} ` +
      `${kb(r.bytes).padStart(10)} ${`${((100 * r.unused) / r.bytes).toFixed(0)}%`.padStart(7)}`,
  );
db.close();
