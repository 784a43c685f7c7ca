/**
 * npm run bench [-- NAME…]: runs every bench/*.bench.ts (or those whose names contain NAME), one process each,
 * so one benchmark's JIT state and garbage cannot skew the next. Benchmarks are never timed assertions in tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Bare words pick benchmarks; options (with their values, e.g. --seconds 1) go to every benchmark.
const filters: string[] = [];
const passThrough: string[] = [];
const args = process.argv.slice(2);
for (let n = 0; n < args.length; n++) {
  if (!args[n].startsWith('--')) filters.push(args[n]);
  else {
    passThrough.push(args[n]);
    if (args[n + 1] !== undefined && !args[n + 1].startsWith('--') && !args[n].includes('=')) passThrough.push(args[++n]);
  }
}
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...passThrough], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
