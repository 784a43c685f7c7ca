/**
 * Login sessions. The cookie carries a random 32-byte token; only its sha256 is stored, so a copy of the
 * database does not let anyone act as a user. Sessions expire a fixed 12 hours after login (a working day
 * on site, not extended by activity): a stolen cookie stays useful for at most that long.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'dsd_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  /** The cookie value: shown to the client once, never stored. */
  token: string;
  csrfToken: string;
}

export function createSession(db: Db, userId: number): NewSession {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  db.prepare(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
     VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?))`,
  ).run(hashToken(token), userId, csrfToken, `+${SESSION_TTL_SECONDS} seconds`);
  return { token, csrfToken };
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

/** Ends every session of a user (password reset, disabling, role change), except optionally the current one. */
export function deleteUserSessions(db: Db, userId: number, keepTokenHash: string | null = null): void {
  db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, keepTokenHash);
}

export function deleteExpiredSessions(db: Db): number {
  return db.prepare(`DELETE FROM sessions WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ','now')`).run().changes;
}
