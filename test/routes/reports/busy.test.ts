/**
 * A full render queue seen through the real route: the draft preview answers 503 with Retry-After and a message a
 * person can act on, and closing the server fails the waiting renders instead of leaving them hanging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentAt, createWorld, type World } from '../assessments/world.js';

let w: World;
let submitted: number;
beforeAll(async () => {
  w = await createWorld();
  submitted = await assessmentAt(w, w.own, 'submitted');
}, 60_000);
afterAll(() => w.close());

describe('a full render queue', () => {
  it('answers 503 with Retry-After through the preview route', async () => {
    const renderer = w.app.reportRenderer;
    // Pages that never get ready fill every slot and every place in the queue.
    const blockers = Array.from({ length: renderer.options.concurrency + renderer.options.queueLimit }, () =>
      renderer.render('<html><body>never ready</body></html>').catch((e: unknown) => e),
    );
    const res = await w.app.inject({ method: 'GET', url: `/api/assessments/${submitted}/report/preview`, headers: w.users.diagAssigned.headers });
    expect(res.statusCode).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().error).toMatchObject({ code: 'renderer_busy', message: expect.stringContaining('稍后再试') });
    await renderer.close();
    for (const outcome of await Promise.all(blockers)) expect(outcome).toBeInstanceOf(Error);
  }, 90_000);
});
