/**
 * POST /api/users/:id/assignments/bulk: by selection, district or industry, adding to what the diagnostician has;
 * a district officer only within its district; other roles refused; bad criteria 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { addEnterprise } from '../../helpers/accounts.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function world() {
  const app = t.app;
  const chaoyang = districtId(app, '朝阳区');
  const kuancheng = districtId(app, '宽城区');
  const c1 = addEnterprise(app, '朝阳区');
  const c2 = addEnterprise(app, '朝阳区');
  const k1 = addEnterprise(app, '宽城区');
  app.db.prepare(`UPDATE enterprises SET industry_code = 'auto' WHERE id IN (?, ?)`).run(c2, k1);
  const diag = loginAs(app, 'diagnostician', { assignedEnterpriseIds: [c1] }).user;
  const as = {
    admin: loginAs(app, 'admin').headers,
    bureau: loginAs(app, 'bureau').headers,
    district: loginAs(app, 'district', { districtId: chaoyang }).headers,
    diagnostician: loginAs(app, 'diagnostician').headers,
    enterprise: loginAs(app, 'enterprise', { enterpriseId: c1 }).headers,
  };
  const assigned = () =>
    (app.db.prepare('SELECT enterprise_id FROM assignments WHERE user_id = ? ORDER BY 1').pluck().all(diag.id) as number[]);
  const post = (who: keyof typeof as, payload: object, id = diag.id) =>
    app.inject({ method: 'POST', url: `/api/users/${id}/assignments/bulk`, headers: as[who], payload });
  return { chaoyang, kuancheng, c1, c2, k1, diag, assigned, post };
}

describe('bulk assignment', () => {
  it('assigns a district\'s enterprises, keeping existing assignments and counting only new ones', async () => {
    const w = world();
    const before = t.app.db.prepare('SELECT COUNT(*) FROM enterprises WHERE district_id = ?').pluck().get(w.chaoyang) as number;
    const res = await w.post('bureau', { districtId: w.chaoyang });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ matched: before, added: before - 1, assigned: before });
    expect(w.assigned()).toEqual(expect.arrayContaining([w.c1, w.c2]));
    expect(w.assigned()).not.toContain(w.k1);
  });

  it('assigns by industry city-wide for the bureau, and by selection', async () => {
    const w = world();
    const byIndustry = await w.post('bureau', { industry: 'auto', districtId: w.kuancheng });
    // Other tests' enterprises share the database: every match is new to this diagnostician.
    const { matched, added } = byIndustry.json();
    expect(added).toBe(matched);
    expect(w.assigned()).toContain(w.k1);
    expect(w.assigned()).not.toContain(w.c2);
    const bySelection = await w.post('admin', { enterpriseIds: [w.c2, w.c2] });
    expect(bySelection.json()).toMatchObject({ matched: 1, added: 1 });
    expect(w.assigned()).toEqual(expect.arrayContaining([w.c1, w.c2, w.k1]));
  });

  it('keeps a district officer inside its district', async () => {
    const w = world();
    expect((await w.post('district', { districtId: w.kuancheng })).statusCode).toBe(403);
    expect((await w.post('district', { enterpriseIds: [w.k1] })).statusCode).toBe(404);
    const byIndustry = await w.post('district', { industry: 'auto' });
    expect(byIndustry.statusCode).toBe(200);
    // Industry city-wide would include 宽城区's enterprise; the officer's scope leaves it out.
    expect(w.assigned()).toContain(w.c2);
    expect(w.assigned()).not.toContain(w.k1);
    expect(byIndustry.json().assigned).toBe(w.assigned().length);
  });

  it('refuses other roles, non-diagnosticians and empty or mixed criteria', async () => {
    const w = world();
    expect((await w.post('diagnostician', { districtId: w.chaoyang })).statusCode).toBe(403);
    expect((await w.post('enterprise', { districtId: w.chaoyang })).statusCode).toBe(403);
    const admin = loginAs(t.app, 'admin').user;
    expect((await w.post('admin', { districtId: w.chaoyang }, admin.id)).statusCode).toBe(400);
    const empty = await w.post('bureau', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请选择企业');
    expect((await w.post('bureau', { enterpriseIds: [w.c2], districtId: w.chaoyang })).statusCode).toBe(400);
    expect(w.assigned()).toEqual([w.c1]);
  });
});
