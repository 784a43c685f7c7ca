/**
 * Login must not tell, by how long it takes, whether a user name exists: an account whose stored hash is not a
 * usable password (the demo data's authors without login) costs a full scrypt like an unknown name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open.js';
import { referenceData } from '../../server/db/reference-data.js';
import { seedReferenceData } from '../../server/db/seed.js';
import { authenticate } from '../../server/services/users.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsd-login-timing-'));
  db = openDatabase(join(dir, 'dsd.sqlite'));
  seedReferenceData(db, referenceData());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fastest(username: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    expect((await authenticate(db, username, 'Some-Guess-123')).ok).toBe(false);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

it('takes as long for an account without a usable password as for an unknown name', { timeout: 30_000 }, async () => {
  db.prepare(
    `INSERT INTO users (username, display_name, password_hash, role, disabled) VALUES ('no.login', '演示', '!demo-account-without-login', 'diagnostician', 1)`,
  ).run();
  await fastest('warm-up');
  const unknown = await fastest('nobody.here');
  const noLogin = await fastest('no.login');
  expect(noLogin).toBeGreaterThan(unknown * 0.5);
});
