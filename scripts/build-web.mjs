#!/usr/bin/env node
/**
 * Builds the web app (web/ → web/dist/) when the build is missing or older than its sources. Called by
 * scripts/ensure-setup.mjs before `npm start` and `npm test`, and by the browser tests; `--force` always builds.
 * A stamp file records a hash of every source file, so an edit, a checkout or a new dependency triggers a build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const stamp = join(dist, '.build-stamp');

/** Everything the bundle is made from: the app, the server code it imports, and the locked dependencies. */
const INPUTS = ['web/src', 'web/index.html', 'web/vite.config.ts', 'server/schemas', 'server/domain', 'package-lock.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

export function sourceHash() {
  const h = createHash('sha256');
  for (const f of INPUTS.flatMap(files).sort()) h.update(relative(root, f)).update('\0').update(readFileSync(f));
  return h.digest('hex');
}

export function ensureWebBuild({ force = false } = {}) {
  const wanted = sourceHash();
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return false;
  console.log('[setup] building the web app (vite build)');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('[setup] 网页构建失败 / web build failed');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, wanted);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuild({ force: process.argv.includes('--force') });
