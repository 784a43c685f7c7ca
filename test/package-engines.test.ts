/**
 * The project runs on Node 20: every package the lockfile installs must accept it, or `npm ci` warns EBADENGINE
 * (cookie@2 and content-disposition@3 declare Node 22 and are pinned to Node 20 releases through `overrides`).
 * 20.19 is the oldest Node 20 the development tools (Vite, Rolldown) accept.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, it } from 'vitest';

const NODE_20 = '20.19.0';

it(`installs only packages that accept Node ${NODE_20}`, () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const refusing = Object.entries(lock.packages)
    .map(([path, p]) => ({ path, node: Array.isArray(p.engines) ? undefined : p.engines?.node }))
    .filter((p) => p.node !== undefined && !semver.satisfies(NODE_20, p.node))
    .map((p) => `${p.path} (node ${p.node})`);
  expect(refusing).toEqual([]);
});
