/**
 * Failed logins per (client address, user name), in memory: one person mistyping their password behind an office
 * NAT or a district network must not lock out the colleagues who share the address. An attempt takes a slot
 * before the password is checked (so guesses sent at once cannot overrun the limit) and gives it back when the
 * login succeeds. The per-name lockout across addresses is login-throttle.ts; the per-address ceiling on all
 * login requests is the rate limiter's. Times are passed in (milliseconds), so tests need no clock.
 */

export interface AttemptLimit {
  max: number;
  windowMs: number;
}

/** Failed logins one address may make for one user name per window. */
export const FAILURES_PER_ADDRESS_AND_NAME: AttemptLimit = { max: 5, windowMs: 60_000 };

export class AttemptThrottle {
  /** Start times of the attempts in the window, by key; pruned on access. */
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limit: AttemptLimit = FAILURES_PER_ADDRESS_AND_NAME) {}

  static key(address: string, username: string): string {
    // User names are case-insensitive (the users table's collation).
    return `${address}\u0000${username.toLowerCase()}`;
  }

  /** Takes a slot for an attempt: undefined when allowed, else the milliseconds until one is free again. */
  take(key: string, now: number): number | undefined {
    const live = this.live(key, now);
    if (live.length >= this.limit.max) return live[0] + this.limit.windowMs - now;
    live.push(now);
    this.attempts.set(key, live);
    return undefined;
  }

  /** A successful login forgets the key's failures. */
  clear(key: string): void {
    this.attempts.delete(key);
  }

  /** Drops keys whose attempts have all left the window (called with the periodic session cleanup). */
  prune(now: number): void {
    for (const key of [...this.attempts.keys()]) this.live(key, now);
  }

  private live(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, kept);
    return kept;
  }
}
