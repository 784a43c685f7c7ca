/**
 * The import structure reads in one direction: domain ← schemas ← services ← routes ← app (with db, http, plugins,
 * demo and cli in their places). A file importing from a layer it may not see fails here, naming both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = resolve('server');

/** What each layer may import besides itself (top-level files such as config.ts count as the layer 'app'). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  schemas: ['domain'],
  db: ['domain'],
  http: ['schemas', 'domain'],
  // report/: the report model (pure), its HTML through report-templates/, the PDF renderer.
  report: ['domain', 'schemas', 'http', 'templates'],
  services: ['db', 'domain', 'schemas', 'http', 'report'],
  demo: ['services', 'db', 'domain', 'schemas', 'http'],
  routes: ['services', 'schemas', 'domain', 'http', 'report'],
  plugins: ['services', 'db', 'domain', 'schemas', 'http', 'report'],
  cli: ['services', 'db', 'domain', 'schemas', 'http', 'app', 'demo'],
  app: ['plugins', 'routes', 'services', 'db', 'domain', 'schemas', 'http', 'demo', 'report'],
};

const TEMPLATES = resolve('report-templates');

const layerOf = (file: string) => {
  if (!relative(TEMPLATES, file).startsWith('..')) return 'templates';
  const parts = relative(SERVER, file).split(sep);
  return parts.length === 1 ? 'app' : parts[0];
};

const files = (readdirSync(SERVER, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(SERVER, f));

function violations(): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]);
      const to = layerOf(target);
      if (to === from) {
        // Routes of one resource do not reach into another's.
        const [fr, tr] = [relative(SERVER, file).split(sep), relative(SERVER, target).split(sep)];
        if (from === 'routes' && fr[1] !== tr[1]) out.push(`${relative(SERVER, file)} → ${m[1]}`);
        continue;
      }
      if (!ALLOWED[from]?.includes(to)) out.push(`${relative(SERVER, file)} (${from}) → ${m[1]} (${to})`);
    }
  }
  return out;
}

describe('server layers', () => {
  it('import only downwards', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(violations()).toEqual([]);
  });
});

/** What web code may import from server/ (web/README.md): the contract and the browser-safe domain modules. */
const WEB_MAY_IMPORT = [
  /^schemas\//,
  /^domain\/questionnaire\/index\.ts$/,
  /^domain\/(workflow|vocabularies|upward-vocabularies|roles)\.ts$/,
  /^domain\/scoring\/compare\.ts$/,
];

describe('web app', () => {
  it('imports only the contract and browser-safe domain code from the server, through data/contract.ts', () => {
    const WEB = resolve('web', 'src');
    const found: string[] = [];
    for (const f of (readdirSync(WEB, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))) {
      const file = join(WEB, f);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()'(\.[^']+)'/g)) {
        const target = relative(SERVER, resolve(dirname(file), m[1])).replace(/\.js$/, '.ts');
        if (target.startsWith('..')) continue;
        found.push(`${relative(WEB, file)} → ${target}`);
      }
    }
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((line) => !line.startsWith(`data${sep}contract.ts → `))).toEqual([]);
    expect(found.filter((line) => !WEB_MAY_IMPORT.some((re) => re.test(line.split(' → ')[1])))).toEqual([]);
  });
});
