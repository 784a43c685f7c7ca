/**
 * Every assessment route × every role: allowed, or 401 / 403 / 404 — and never another enterprise's or
 * district's data. The assessment under test belongs to 朝阳区's enterprise `own` (a field assessment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedIn } from '../../helpers/app.js';
import { batch, completeAnswers, createWorld, type World } from './world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w.close();
});

type Who = keyof World['users'] | 'anonymous';
const ROLES: Who[] = ['admin', 'bureau', 'districtOwn', 'districtOther', 'diagAssigned', 'diagOther', 'entOwn', 'entOther', 'anonymous'];
const as = (who: Who): LoggedIn | null => (who === 'anonymous' ? null : w.users[who]);
const OUTSIDERS = { districtOther: 404, diagOther: 404, entOther: 404, anonymous: 401 } as const;

/** A field assessment of `own` in the given status, created directly so every case starts fresh. */
async function freshAt(status: 'draft' | 'submitted' | 'reviewed' | 'issued'): Promise<number> {
  // Keep the API's rule of one open draft per enterprise and kind (reopen refuses to make a second one).
  w.app.db.prepare(`UPDATE assessments SET status = 'issued' WHERE enterprise_id = ? AND kind = 'field' AND status = 'draft'`).run(w.own);
  const { lastInsertRowid } = w.app.db
    .prepare(`INSERT INTO assessments (enterprise_id, kind, questionnaire_id, questionnaire_version, created_by) VALUES (?, 'field', 'core', '1.0.0', ?)`)
    .run(w.own, w.users.admin.user.id);
  const id = Number(lastInsertRowid);
  expect((await w.call(w.users.admin, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()))).status).toBe(200);
  for (const step of ['submit', 'review', 'issue'].slice(0, ['draft', 'submitted', 'reviewed', 'issued'].indexOf(status)))
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${id}/${step}`)).status).toBe(200);
  return id;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
async function uploadAs(who: Who, id: number) {
  const boundary = 'b0undary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/assessments/${id}/evidence/ctl.policy_file`,
    headers: { ...(as(who)?.headers ?? {}), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return res.statusCode;
}

interface Case {
  route: string;
  status: 'draft' | 'submitted' | 'reviewed' | 'issued';
  run(who: Who, id: number): Promise<number>;
  expected: Record<Who, number>;
}

const READ = { admin: 200, bureau: 200, districtOwn: 200, diagAssigned: 200, entOwn: 200, ...OUTSIDERS };
// A role that may never take an action (domain/workflow.ts) is refused with 403 before any lookup, whatever the
// assessment: that says nothing about another district's or enterprise's data.
const EDIT_FIELD = { admin: 200, bureau: 200, districtOwn: 403, diagAssigned: 200, entOwn: 403, ...OUTSIDERS, districtOther: 403 };

const get = (path: string) => async (who: Who, id: number) => (await w.call(as(who), 'GET', `/api/assessments/${id}${path}`)).status;
const post = (path: string, body?: unknown) => async (who: Who, id: number) => (await w.call(as(who), 'POST', `/api/assessments/${id}${path}`, body)).status;

const CASES: Case[] = [
  { route: 'GET /api/assessments/:id', status: 'issued', run: get(''), expected: READ },
  { route: 'GET /api/assessments/:id/questionnaire', status: 'draft', run: get('/questionnaire'), expected: READ },
  { route: 'GET /api/assessments/:id/history', status: 'draft', run: get('/history'), expected: READ },
  // The enterprise sees a field assessment's results only once the report is issued.
  { route: 'GET /api/assessments/:id/score', status: 'submitted', run: get('/score'), expected: { ...READ, entOwn: 403 } },
  { route: 'GET /api/assessments/:id/score', status: 'issued', run: get('/score'), expected: READ },
  { route: 'GET /api/assessments/:id/rectifications', status: 'reviewed', run: get('/rectifications'), expected: { ...READ, entOwn: 403 } },
  { route: 'GET /api/assessments/:id/rectifications', status: 'issued', run: get('/rectifications'), expected: READ },
  {
    route: 'PUT /api/assessments/:id/answers',
    status: 'draft',
    run: async (who, id) => (await w.call(as(who), 'PUT', `/api/assessments/${id}/answers`, batch(1, [{ itemId: 'ctl.remark', value: `${who}` }]))).status,
    expected: EDIT_FIELD,
  },
  { route: 'POST /api/assessments/:id/evidence/:itemId', status: 'draft', run: uploadAs, expected: { ...EDIT_FIELD, admin: 201, bureau: 201, diagAssigned: 201 } },
  { route: 'POST /api/assessments/:id/submit', status: 'draft', run: post('/submit'), expected: EDIT_FIELD },
  { route: 'POST /api/assessments/:id/review', status: 'submitted', run: post('/review'), expected: { ...READ, entOwn: 403, entOther: 403 } },
  { route: 'POST /api/assessments/:id/issue', status: 'reviewed', run: post('/issue'), expected: { ...READ, diagAssigned: 403, entOwn: 403, diagOther: 403, entOther: 403 } },
  { route: 'POST /api/assessments/:id/reopen', status: 'submitted', run: post('/reopen', { reason: '复核' }), expected: { ...READ, entOwn: 403 } },
  {
    route: 'GET /api/evidence/:id',
    status: 'draft',
    run: async (who, id) => {
      expect(await uploadAs('admin', id)).toBe(201);
      const eid = w.app.db.prepare('SELECT MAX(id) FROM evidence WHERE assessment_id = ?').pluck().get(id);
      return (await w.call(as(who), 'GET', `/api/evidence/${eid}`)).status;
    },
    expected: READ,
  },
  {
    route: 'DELETE /api/evidence/:id',
    status: 'draft',
    run: async (who, id) => {
      expect(await uploadAs('admin', id)).toBe(201);
      const eid = w.app.db.prepare('SELECT MAX(id) FROM evidence WHERE assessment_id = ?').pluck().get(id);
      return (await w.call(as(who), 'DELETE', `/api/evidence/${eid}`)).status;
    },
    expected: EDIT_FIELD,
  },
  ...(['reviewed', 'issued'] as const).map((status) => ({
    route: `PATCH /api/rectifications/:id (open → in_progress, ${status})`,
    status,
    run: async (who: Who, id: number) => {
      const rid = w.app.db.prepare('SELECT MIN(id) FROM rectifications WHERE assessment_id = ?').pluck().get(id);
      return (await w.call(as(who), 'PATCH', `/api/rectifications/${rid}`, { status: 'in_progress' })).status;
    },
    expected: { admin: 403, bureau: 403, districtOwn: 403, diagAssigned: 403, entOwn: status === 'issued' ? 200 : 403, ...OUTSIDERS },
  })),
];

describe.each(CASES)('$route', (c) => {
  it.each(ROLES)('as %s', async (who) => {
    const id = await freshAt(c.status);
    expect(await c.run(who, id)).toBe(c.expected[who]);
  });
});

describe('a field assessment seen by its enterprise', () => {
  it('shows the answers throughout, but the scores and findings only once the report is issued', async () => {
    for (const status of ['submitted', 'reviewed', 'issued'] as const) {
      const id = await freshAt(status);
      const mine = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.answers['profile.size']).toBe('small');
      const listed = (await w.call(w.users.entOwn, 'GET', `/api/assessments?enterprise=${w.own}&status=${status}`)).body.items;
      const issued = status === 'issued';
      expect(mine.body.score === null, status).toBe(!issued);
      expect(listed.find((a: { id: number }) => a.id === id).score === null, status).toBe(!issued);
      const score = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/score`);
      expect(score.status, status).toBe(issued ? 200 : 403);
      if (!issued) expect(score.body.error).toMatchObject({ code: 'results_not_issued', message: expect.stringContaining('报告出具后') });
      // Those who do the diagnosis see the results as soon as they exist.
      expect((await w.call(w.users.diagAssigned, 'GET', `/api/assessments/${id}`)).body.score).not.toBeNull();
    }
  });
});

describe('self-assessments', () => {
  it('only the enterprise itself fills and submits its self-assessment', async () => {
    const r = await w.call(w.users.entOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'self' });
    expect(r.status).toBe(201);
    const id = r.body.id;
    const expected: Record<Who, number> = { admin: 403, bureau: 403, districtOwn: 403, diagAssigned: 403, entOwn: 200, ...OUTSIDERS, districtOther: 403 };
    for (const who of ROLES) {
      const res = await w.call(as(who), 'PUT', `/api/assessments/${id}/answers`, batch(0, [{ itemId: 'ctl.remark', value: 'x' }], `self-${who}-batch`));
      expect(res.status, who).toBe(expected[who]);
    }
  });

  it('no one creates an assessment for an enterprise outside their scope', async () => {
    for (const who of ['districtOther', 'diagOther', 'entOther'] as const) {
      const kind = who === 'entOther' ? 'self' : 'field';
      const r = await w.call(as(who), 'POST', '/api/assessments', { enterpriseId: w.own, kind });
      expect(r.status, who).toBe(who === 'districtOther' ? 403 : 404);
    }
    expect((await w.call(null, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'field' })).status).toBe(401);
  });
});

describe('lists', () => {
  it('show each role only assessments within its scope', async () => {
    await freshAt('issued');
    const { lastInsertRowid } = w.app.db
      .prepare(`INSERT INTO assessments (enterprise_id, kind, questionnaire_id, questionnaire_version, created_by) VALUES (?, 'field', 'core', '1.0.0', ?)`)
      .run(w.other, w.users.admin.user.id);
    const otherId = Number(lastInsertRowid);
    const visible: Record<Exclude<Who, 'anonymous'>, (enterpriseId: number) => boolean> = {
      admin: () => true,
      bureau: () => true,
      districtOwn: (e) => e === w.own || e === w.ownAuto,
      districtOther: (e) => e === w.other,
      diagAssigned: (e) => e === w.own || e === w.ownAuto,
      diagOther: (e) => e === w.other,
      entOwn: (e) => e === w.own,
      entOther: (e) => e === w.other,
    };
    for (const [who, allowed] of Object.entries(visible)) {
      const r = await w.call(as(who as Who), 'GET', '/api/assessments?pageSize=200');
      expect(r.status).toBe(200);
      expect(r.body.items.length, who).toBeGreaterThan(0);
      for (const a of r.body.items) expect(allowed(a.enterpriseId), `${who} sees ${a.enterpriseId}`).toBe(true);
      expect(r.body.items.some((a: { id: number }) => a.id === otherId), who).toBe(allowed(w.other));
    }
    expect((await w.call(null, 'GET', '/api/assessments')).status).toBe(401);
  });

  it('ignore filters that would reach outside the scope', async () => {
    const r = await w.call(w.users.entOwn, 'GET', `/api/assessments?enterprise=${w.other}`);
    expect(r.body).toMatchObject({ items: [], total: 0 });
    const d = await w.call(w.users.districtOwn, 'GET', '/api/assessments?district=南关区');
    expect(d.body.total).toBe(0);
  });
});
