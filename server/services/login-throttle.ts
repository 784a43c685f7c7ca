/**
 * Per-user-name lockout against password guessing spread over many addresses (the per-IP limit is the
 * rate-limit plugin's job): MAX_FAILURES failed logins within LOCK_MINUTES lock the name for LOCK_MINUTES.
 * Names that do not exist are counted too, so a lockout reveals nothing about which accounts exist.
 */
import type { Db } from '../db/open.js';

export const MAX_FAILURES = 10;
export const LOCK_MINUTES = 15;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const WINDOW_START = `strftime('%Y-%m-%dT%H:%M:%fZ','now','-${LOCK_MINUTES} minutes')`;

/** The ISO time until which the name is locked, or null. */
export function lockedUntil(db: Db, username: string): string | null {
  const until = db
    .prepare(`SELECT locked_until FROM login_failures WHERE username = ? AND locked_until > ${NOW}`)
    .pluck()
    .get(username) as string | undefined;
  return until ?? null;
}

export function recordLoginFailure(db: Db, username: string): void {
  db.transaction(() => {
    // A failure after the window has passed (or a lock has run out) starts a new count.
    db.prepare(
      `DELETE FROM login_failures WHERE username = ? AND window_started_at <= ${WINDOW_START}
         AND (locked_until IS NULL OR locked_until <= ${NOW})`,
    ).run(username);
    db.prepare(
      `INSERT INTO login_failures (username, failures, window_started_at) VALUES (?, 1, ${NOW})
       ON CONFLICT (username) DO UPDATE SET failures = failures + 1`,
    ).run(username);
    db.prepare(
      `UPDATE login_failures SET locked_until = strftime('%Y-%m-%dT%H:%M:%fZ','now','+${LOCK_MINUTES} minutes')
       WHERE username = ? AND failures >= ? AND locked_until IS NULL`,
    ).run(username, MAX_FAILURES);
  })();
}

export function clearLoginFailures(db: Db, username: string): void {
  db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
}

/** Forgets records that neither count towards nor hold a lock any more (called with the session cleanup). */
export function deleteStaleLoginFailures(db: Db): void {
  db.prepare(
    `DELETE FROM login_failures WHERE window_started_at <= ${WINDOW_START}
       AND (locked_until IS NULL OR locked_until <= ${NOW})`,
  ).run();
}
