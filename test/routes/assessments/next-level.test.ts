import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessmentAt, createWorld, draft, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

describe('GET /api/assessments/:id/next-level', () => {
  it('names the items that raise the maturity level, to whoever may see the result only', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const score = (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/score`)).body;
    const plan = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/next-level`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ currentLevel: score.maturity.level, targetLevel: score.maturity.level + 1 });
    expect(plan.body.items.length).toBeGreaterThan(0);
    for (const i of plan.body.items) expect(i.fulfilment === null || i.fulfilment < 1).toBe(true);

    for (const as of [w.users.entOther, w.users.diagOther, w.users.districtOther])
      expect((await w.call(as, 'GET', `/api/assessments/${id}/next-level`)).status).toBe(404);
    const reviewed = await assessmentAt(w, w.own, 'reviewed');
    expect((await w.call(w.users.entOwn, 'GET', `/api/assessments/${reviewed}/next-level`)).status).toBe(403);
    expect((await w.call(w.users.diagAssigned, 'GET', `/api/assessments/${reviewed}/next-level`)).status).toBe(200);
    const open = await draft(w, w.users.entOwn, w.own, 'self');
    expect((await w.call(w.users.entOwn, 'GET', `/api/assessments/${open}/next-level`)).status).toBe(404);
  });
});
