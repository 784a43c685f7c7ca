import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from '../../server/services/address-throttle.js';

describe('AttemptThrottle', () => {
  const key = AttemptThrottle.key('10.0.0.1', 'Zhang.Wei');

  it('allows max attempts per window, then says how long to wait', () => {
    const t = new AttemptThrottle({ max: 3, windowMs: 60_000 });
    for (const now of [0, 1_000, 2_000]) expect(t.take(key, now)).toBeUndefined();
    expect(t.take(key, 10_000)).toBe(50_000);
    // The first attempt leaves the window: one slot is free again.
    expect(t.take(key, 60_001)).toBeUndefined();
    expect(t.take(key, 60_002)).toBe(998);
  });

  it('treats user names case-insensitively and addresses separately', () => {
    expect(AttemptThrottle.key('10.0.0.1', 'zhang.wei')).toBe(key);
    expect(AttemptThrottle.key('10.0.0.2', 'zhang.wei')).not.toBe(key);
  });

  it('forgets a key on success and prunes keys whose attempts have all expired', () => {
    const t = new AttemptThrottle({ max: 1, windowMs: 1_000 });
    expect(t.take(key, 0)).toBeUndefined();
    t.clear(key);
    expect(t.take(key, 1)).toBeUndefined();
    t.prune(5_000);
    expect(t.take(key, 5_001)).toBeUndefined();
    expect(t.take(key, 5_002)).toBe(999);
  });
});
