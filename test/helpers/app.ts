/**
 * Test harness: a real app on a real SQLite file in a fresh temporary data directory, and sessions for
 * any role without going through the login form (the login itself has its own tests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { CSRF_HEADER, SESSION_COOKIE, hashToken } from '../../server/plugins/auth.js';
import type { Role, SessionUser } from '../../server/domain/roles.js';

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsd-test-'));
  const config = loadConfig(
    { DSD_LOG_LEVEL: 'silent' },
    { dataDir, questionnaireDir: resolve('questionnaires'), ...overrides },
  );
  const app = await buildApp(config);
  await app.ready();
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoggedIn {
  user: SessionUser;
  /** Cookie and CSRF headers to pass to app.inject. */
  headers: Record<string, string>;
}

let counter = 0;

/** Creates a user of the role (scoped as given) and a session for it. */
export function loginAs(
  app: FastifyInstance,
  role: Role,
  scope: { districtId?: number; enterpriseId?: number; assignedEnterpriseIds?: number[] } = {},
): LoggedIn {
  const username = `${role}-${++counter}-${randomBytes(3).toString('hex')}`;
  const { lastInsertRowid } = app.db
    .prepare(
      `INSERT INTO users (username, display_name, password_hash, role, district_id, enterprise_id)
       VALUES (?, ?, 'test-no-password', ?, ?, ?)`,
    )
    .run(username, username, role, scope.districtId ?? null, scope.enterpriseId ?? null);
  const id = Number(lastInsertRowid);
  for (const e of scope.assignedEnterpriseIds ?? [])
    app.db.prepare('INSERT INTO assignments (user_id, enterprise_id) VALUES (?, ?)').run(id, e);
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('base64url');
  app.db
    .prepare(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
       VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now','+1 day'))`,
    )
    .run(hashToken(token), id, csrf);
  return {
    user: {
      id,
      username,
      displayName: username,
      role,
      districtId: scope.districtId ?? null,
      enterpriseId: scope.enterpriseId ?? null,
    },
    headers: { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrf },
  };
}

/** Id of a seeded district by name. */
export function districtId(app: FastifyInstance, name: string): number {
  const row = app.db.prepare('SELECT id FROM districts WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) throw new Error(`no district ${name}`);
  return row.id;
}
