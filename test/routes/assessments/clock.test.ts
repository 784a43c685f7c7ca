/** Services take the time from the app's clock: an app built at a fixed clock stamps every write with it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../helpers/app.js';
import { createEnterprise } from '../../helpers/enterprises.js';
import { FIXTURE_QUESTIONNAIRES, batch, call, completeAnswers } from './world.js';

const FIXED = '2026-03-01T08:30:00.000Z';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ questionnaireDir: FIXTURE_QUESTIONNAIRES, clock: () => FIXED });
});
afterAll(() => t.close());

describe('a fixed clock', () => {
  it('dates the assessment, its answers, events, score and rectifications', async () => {
    const admin = loginAs(t.app, 'admin');
    const enterpriseId = createEnterprise(t.app, '朝阳区');
    const created = await call(t.app, admin, 'POST', '/api/assessments', { enterpriseId, kind: 'field' });
    expect(created.body).toMatchObject({ createdAt: FIXED, updatedAt: FIXED });
    const id = created.body.id;
    expect((await call(t.app, admin, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()))).status).toBe(200);
    const submitted = await call(t.app, admin, 'POST', `/api/assessments/${id}/submit`);
    expect(submitted.body).toMatchObject({ submittedAt: FIXED, updatedAt: FIXED });
    expect(submitted.body.score.scoredAt).toBe(FIXED);

    const detail = await call(t.app, admin, 'GET', `/api/assessments/${id}`);
    expect(new Set(detail.body.events.map((e: { at: string }) => e.at))).toEqual(new Set([FIXED]));
    const history = await call(t.app, admin, 'GET', `/api/assessments/${id}/history`);
    expect(new Set(history.body.map((h: { changedAt: string }) => h.changedAt))).toEqual(new Set([FIXED]));
    const rect = await call(t.app, admin, 'GET', `/api/assessments/${id}/rectifications`);
    expect(rect.body.length).toBeGreaterThan(0);
    expect(new Set(rect.body.map((r: { updatedAt: string }) => r.updatedAt))).toEqual(new Set([FIXED]));
  });
});
