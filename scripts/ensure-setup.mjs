#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (prestart/pretest) so that either works as the very first
 * command on a fresh Debian machine: installs the Debian packages the product needs (Chromium for PDF
 * reports and browser tests, CJK TrueType fonts and the report's print fonts derived from them (print-fonts.mjs),
 * poppler-utils), the npm packages from package-lock.json, and the web app
 * build (scripts/build-web.mjs, only when missing or stale).
 * Uses only Node built-ins, because it runs before node_modules exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian package → a file whose presence shows it is installed. */
const DEBIAN_PACKAGES = {
  chromium: '/usr/bin/chromium',
  'fonts-wqy-microhei': '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  // 宋体 and 楷体 of the diagnosis report: TrueType, so Chromium embeds them as subsets (never Type 3).
  'fonts-arphic-uming': '/usr/share/fonts/truetype/arphic/uming.ttc',
  'fonts-arphic-ukai': '/usr/share/fonts/truetype/arphic/ukai.ttc',
  'poppler-utils': '/usr/bin/pdftoppm',
};

function say(message) {
  console.log(`[setup] ${message}`);
}

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`[setup] 命令失败 / command failed: ${cmd} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

function ensureDebianPackages() {
  const missing = Object.entries(DEBIAN_PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const install = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `[setup] 缺少系统软件包：${missing.join(', ')}。请先以 root 身份运行：\n` +
        `[setup] Missing Debian packages: ${missing.join(', ')}. Run as root first:\n\n` +
        `    sudo sh -c '${install}'\n`,
    );
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(', ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], env);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], env);
  if (missing.some((p) => p.startsWith('fonts-'))) spawnSync('fc-cache', ['-f'], { stdio: 'ignore' });
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.dsd-setup');
  const wanted = lockHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted) return;
  say('installing npm packages (npm ci)');
  // Puppeteer drives Debian's Chromium; it must never download a browser of its own.
  run('npm', ['ci', '--no-audit', '--no-fund'], { PUPPETEER_SKIP_DOWNLOAD: '1' });
  // npm 11 only runs the install scripts package.json allows; make sure the native SQLite binding is built.
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root });
  if (probe.status !== 0) run('npm', ['rebuild', 'better-sqlite3']);
  writeFileSync(marker, wanted);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    console.error(`[setup] 需要 Node.js 20 或更高版本（当前 ${process.version}）/ Node.js 20+ required`);
    process.exit(1);
  }
}

checkNode();
ensureDebianPackages();
{
  const { ensurePrintFonts } = await import('./print-fonts.mjs');
  const written = ensurePrintFonts();
  if (written.length > 0) say(`report print fonts derived: ${written.join(', ')}`);
}
ensureNodeModules();
// After the npm packages: the build needs Vite.
(await import('./build-web.mjs')).ensureWebBuild();
try {
  execFileSync('/usr/bin/chromium', ['--version'], { stdio: 'ignore', timeout: 20_000 });
} catch {
  say('warning: /usr/bin/chromium did not answer --version; PDF reports and browser tests need it');
}
