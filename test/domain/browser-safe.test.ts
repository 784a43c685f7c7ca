/**
 * server/domain runs unchanged in the browser: no file imports a Node.js built-in or anything outside
 * server/domain except zod, and the questionnaire module bundles for the browser platform.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const DOMAIN = resolve('server/domain');
const files = (readdirSync(DOMAIN, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(DOMAIN, f));
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]);

describe('server/domain', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports only zod and itself', () => {
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => (spec.startsWith('.') ? relative(DOMAIN, resolve(dirname(file), spec)).startsWith('..') : spec !== 'zod'))
        .map((spec) => `${relative(DOMAIN, file)} → ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('finds a Node.js import when there is one (the check itself works)', () => {
    expect(importsOf(join(resolve('server/services'), 'sessions.ts'))).toContain('node:crypto');
  });

  it('bundles for the browser platform', async () => {
    const result = await build({
      entryPoints: [join(DOMAIN, 'questionnaire/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
  });
});
