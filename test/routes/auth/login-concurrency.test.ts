/**
 * The per-name lockout must hold against guesses sent at once: attempts that were already being checked when
 * the name got locked are answered as locked, so no more than MAX_FAILURES guesses ever get a real answer.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { PASSWORD, addUser, login } from '../../helpers/accounts.js';
import { MAX_FAILURES } from '../../../server/services/login-throttle.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

it('gives at most MAX_FAILURES real answers to concurrent guesses from many addresses', { timeout: 60_000 }, async () => {
  await addUser(t.app, 'zhang.wei', 'bureau');
  const guesses = Array.from({ length: 3 * MAX_FAILURES }, (_, i) =>
    login(t.app, 'zhang.wei', i === 3 * MAX_FAILURES - 1 ? PASSWORD : `Wrong-Guess-${i}`, `10.0.${i}.1`),
  );
  const statuses = (await Promise.all(guesses)).map((r) => r.statusCode);
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
  expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  // The correct password, checked after the lock, did not get in.
  expect(statuses.at(-1)).toBe(429);
  expect(t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
});
