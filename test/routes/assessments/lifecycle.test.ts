import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCORING_MODEL_VERSION } from '../../../server/domain/scoring/index.js';
import { assessmentAt, batch, completeAnswers, createWorld, draft, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

describe('creating assessments', () => {
  it('pins a self-assessment to the current questionnaire of the enterprise industry', async () => {
    const r = await w.call(w.users.entOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'self' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ enterpriseId: w.own, kind: 'self', status: 'draft', version: 0, questionnaireId: 'core', questionnaireVersion: '1.0.0' });

    const auto = await w.call(w.users.diagAssigned, 'POST', '/api/assessments', { enterpriseId: w.ownAuto, kind: 'field' });
    expect(auto.status).toBe(201);
    expect(auto.body).toMatchObject({ questionnaireId: 'auto', questionnaireVersion: '1.0.0+core.1.0.0' });
  });

  it('takes the variant (quick/full) at creation, full by default, and scores with it', async () => {
    const quick = await w.call(w.users.diagAssigned, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'field', variant: 'quick' });
    expect(quick.status).toBe(201);
    expect((await w.call(w.users.diagAssigned, 'PUT', `/api/assessments/${quick.body.id}/answers`, batch(0, completeAnswers()))).status).toBe(200);
    expect((await w.call(w.users.diagAssigned, 'POST', `/api/assessments/${quick.body.id}/submit`)).status).toBe(200);
    const score = (await w.call(w.users.diagAssigned, 'GET', `/api/assessments/${quick.body.id}/score`)).body;
    expect(score.variant).toBe('quick');
    expect(score.maturity.maxLevel).toBe(2);

    const full = await w.call(w.users.entOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'self' });
    expect(w.app.db.prepare('SELECT variant FROM assessments WHERE id = ?').pluck().get(full.body.id)).toBe('full');
    const bad = await w.call(w.users.diagAssigned, 'POST', '/api/assessments', { enterpriseId: w.ownAuto, kind: 'field', variant: 'deep' });
    expect(bad.status).toBe(400);
  });

  it('serves the pinned questionnaire as JSON with sections, items and data types', async () => {
    const id = await draft(w, w.users.diagAssigned, w.ownAuto, 'field');
    const r = await w.call(w.users.diagAssigned, 'GET', `/api/assessments/${id}/questionnaire`);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('auto');
    expect(r.body.sections.map((s: { id: string }) => s.id)).toEqual(['profile', 'data', 'ctl', 'auto.production']);
    expect(r.body.sections[0].items[0]).toMatchObject({ id: 'profile.name', kind: 'text', required: true });
    expect(r.body.dataTypes[0].id).toBe('design.drawings');
    expect(r.body.exposure[0].factor).toBe('internet');
    expect(r.body).not.toHaveProperty('itemById');
  });

  it('refuses the wrong kind for the role, a second open draft and a refused enterprise', async () => {
    expect((await w.call(w.users.entOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'field' })).status).toBe(403);
    expect((await w.call(w.users.diagAssigned, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'self' })).status).toBe(403);
    expect((await w.call(w.users.districtOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'field' })).status).toBe(403);
    const first = await draft(w, w.users.entOwn, w.own, 'self');
    const again = await w.call(w.users.entOwn, 'POST', '/api/assessments', { enterpriseId: w.own, kind: 'self' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.assessmentId).toBe(first);
    w.app.db.prepare('UPDATE enterprises SET refused = 1 WHERE id = ?').run(w.ownAuto);
    const refused = await w.call(w.users.admin, 'POST', '/api/assessments', { enterpriseId: w.ownAuto, kind: 'field' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('拒绝诊断');
  });
});

describe('the workflow', () => {
  it('goes draft → submitted → reviewed → issued, storing the score with its versions at submit', async () => {
    const id = await draft(w, w.users.entOwn, w.own, 'self');
    expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()))).status).toBe(200);

    const submitted = await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.score).toMatchObject({ scoringModel: SCORING_MODEL_VERSION, findings: 4 });

    const row = w.app.db.prepare('SELECT * FROM scores WHERE assessment_id = ?').get(id) as Record<string, unknown>;
    const q = w.app.questionnaires.current('core')!;
    expect(row).toMatchObject({ questionnaire_id: 'core', questionnaire_version: '1.0.0', questionnaire_hash: q.hash, scoring_model: SCORING_MODEL_VERSION });
    const score = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/score`);
    expect(score.body.questionnaire).toEqual({ id: 'core', version: '1.0.0', hash: q.hash });
    expect(score.body.findings.map((f: { itemId: string }) => f.itemId).sort()).toEqual(['ctl.backup', 'ctl.first_responsible', 'ctl.training', 'data.catalogue_filed']);

    const rect = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/rectifications`);
    expect(rect.body.map((r: { itemId: string; status: string }) => [r.itemId, r.status]).sort()).toEqual([
      ['ctl.backup', 'open'],
      ['ctl.first_responsible', 'open'],
      ['ctl.training', 'open'],
      ['data.catalogue_filed', 'open'],
    ]);

    expect((await w.call(w.users.districtOwn, 'POST', `/api/assessments/${id}/review`)).body.status).toBe('reviewed');
    expect((await w.call(w.users.bureau, 'POST', `/api/assessments/${id}/issue`)).body.status).toBe('issued');
    const detail = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`);
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'review', 'issue']);
    expect(detail.body.answers['profile.size']).toBe('small');
  });

  it('answers invalid transitions with 409 and a Chinese message', async () => {
    const id = await draft(w, w.users.admin, w.own, 'field');
    for (const step of ['review', 'issue', 'reopen']) {
      const r = await w.call(w.users.admin, 'POST', `/api/assessments/${id}/${step}`, step === 'reopen' ? { reason: '测试' } : undefined);
      expect(r.status, step).toBe(409);
      expect(r.body.error.message).toMatch(/状态为“填写中”/);
    }
    const issued = await assessmentAt(w, w.ownAuto, 'issued');
    for (const step of ['submit', 'review', 'issue']) expect((await w.call(w.users.admin, 'POST', `/api/assessments/${issued}/${step}`)).status, step).toBe(409);
    const put = await w.call(w.users.admin, 'PUT', `/api/assessments/${issued}/answers`, batch(2, [{ itemId: 'ctl.training', value: 'full' }]));
    expect(put.status).toBe(409);
  });

  it('blocks submit with 422 listing unanswered required items and answer errors', async () => {
    const id = await draft(w, w.users.entOwn, w.own, 'self');
    await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, [{ itemId: 'profile.checked_on', value: '2999-01-01' }]));
    const r = await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`);
    expect(r.status).toBe(422);
    const ids = r.body.error.details.problems.map((p: { itemId: string }) => p.itemId);
    expect(ids).toEqual(expect.arrayContaining(['profile.checked_on', 'profile.name', 'profile.size']));
    expect(r.body.error.details.problems.find((p: { itemId: string }) => p.itemId === 'profile.checked_on').message).toContain('检查日期不能晚于今天');
    expect((await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`)).body.status).toBe('draft');
    expect(w.app.db.prepare('SELECT COUNT(*) FROM scores').pluck().get()).toBe(0);
  });

  it('reopens a submitted assessment with a reason, keeping answers and history', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${id}/reopen`, {})).status).toBe(400);
    const r = await w.call(w.users.districtOwn, 'POST', `/api/assessments/${id}/reopen`, { reason: '备份情况需复核' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'draft', score: null });
    const detail = await w.call(w.users.admin, 'GET', `/api/assessments/${id}`);
    expect(detail.body.events.at(-1)).toMatchObject({ action: 'reopen', reason: '备份情况需复核' });
    expect(Object.keys(detail.body.answers)).toHaveLength(completeAnswers().length);
    expect((await w.call(w.users.admin, 'GET', `/api/assessments/${id}/history`)).body).toHaveLength(completeAnswers().length);
    // Editable again, and submitting again scores again.
    const v = detail.body.version;
    expect((await w.call(w.users.admin, 'PUT', `/api/assessments/${id}/answers`, batch(v, [{ itemId: 'ctl.training', value: 'full' }]))).status).toBe(200);
    const again = await w.call(w.users.admin, 'POST', `/api/assessments/${id}/submit`);
    expect(again.body.score.findings).toBe(3);
  });

  it('does not reopen into a second open draft of the same enterprise and kind', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    const second = await draft(w, w.users.admin, w.own, 'field');
    const r = await w.call(w.users.admin, 'POST', `/api/assessments/${id}/reopen`, { reason: '复核' });
    expect(r.status).toBe(409);
    expect(r.body.error.details.assessmentId).toBe(second);
    expect((await w.call(w.users.admin, 'GET', `/api/assessments/${id}`)).body).toMatchObject({ status: 'submitted', score: expect.any(Object) });
    expect(w.app.db.prepare(`SELECT COUNT(*) FROM assessments WHERE enterprise_id = ? AND kind = 'field' AND status = 'draft'`).pluck().get(w.own)).toBe(1);
  });

  it('lists assessments with filters and paging', async () => {
    await assessmentAt(w, w.own, 'submitted');
    await assessmentAt(w, w.ownAuto, 'draft');
    await assessmentAt(w, w.other, 'issued');
    const all = await w.call(w.users.bureau, 'GET', '/api/assessments?pageSize=2');
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    expect((await w.call(w.users.bureau, 'GET', '/api/assessments?status=draft')).body.items.map((a: { enterpriseId: number }) => a.enterpriseId)).toEqual([w.ownAuto]);
    expect((await w.call(w.users.bureau, 'GET', '/api/assessments?district=南关区')).body.total).toBe(1);
    expect((await w.call(w.users.bureau, 'GET', '/api/assessments?industry=auto')).body.total).toBe(1);
    expect((await w.call(w.users.bureau, 'GET', `/api/assessments?enterprise=${w.own}`)).body.total).toBe(1);
    expect((await w.call(w.users.bureau, 'GET', '/api/assessments?status=nope')).status).toBe(400);
    expect((await w.call(w.users.bureau, 'GET', '/api/assessments?district=火星')).status).toBe(400);
  });
});
