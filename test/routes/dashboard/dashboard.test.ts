import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { buildFixture, CLOCK, ITEMS, type Fixture } from './fixture.js';

let t: TestApp;
let fx: Fixture;
let chaoyang: number;
let nanguan: number;
let as: Record<string, Record<string, string>>;

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  chaoyang = districtId(t.app, '朝阳区');
  nanguan = districtId(t.app, '南关区');
  const bureau = loginAs(t.app, 'bureau');
  fx = buildFixture(t.app, bureau.user.id);
  as = {
    bureau: bureau.headers,
    district: loginAs(t.app, 'district', { districtId: chaoyang }).headers,
    admin: loginAs(t.app, 'admin').headers,
    diagnostician: loginAs(t.app, 'diagnostician', { assignedEnterpriseIds: fx.e }).headers,
    enterprise: loginAs(t.app, 'enterprise', { enterpriseId: fx.e[0] }).headers,
  };
});
afterAll(() => t.close());

const get = async (url: string, who = 'bureau') => {
  const res = await t.app.inject({ method: 'GET', url, headers: as[who] });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/dashboard/coverage', () => {
  it('counts the whole city for the bureau', async () => {
    const { status, body } = await get('/api/dashboard/coverage');
    expect(status).toBe(200);
    expect(body.scope).toEqual({ districtId: null, label: '全市', asOf: '2026-06-30' });
    expect(body.total).toMatchObject({ roster: 6, diagnosed: 2, inProgress: 1, notStarted: 2, refused: 1 });
    expect(body.total.coverage).toBeCloseTo(2 / 6);
    const cy = body.byDistrict.find((r: { key: number }) => r.key === chaoyang);
    expect(cy).toMatchObject({ name: '朝阳区', roster: 4, diagnosed: 1, inProgress: 1, notStarted: 1, refused: 1, coverage: 0.25 });
    expect(body.byDistrict.find((r: { key: number }) => r.key === nanguan)).toMatchObject({ roster: 2, diagnosed: 1, notStarted: 1 });
    expect(body.byDistrict.filter((r: { roster: number }) => r.roster === 0).length).toBe(body.byDistrict.length - 2);
    expect(body.byIndustry.find((r: { key: string }) => r.key === 'steel')).toMatchObject({ roster: 3, diagnosed: 2, inProgress: 1, coverage: 2 / 3 });
    expect(body.byIndustry.find((r: { key: string }) => r.key === 'other')).toMatchObject({ roster: 3, diagnosed: 0, notStarted: 2, refused: 1 });
    expect(body.matrix).toContainEqual({ districtId: chaoyang, industryCode: 'steel', roster: 2, diagnosed: 1 });
    expect(body.matrix).toContainEqual({ districtId: nanguan, industryCode: 'other', roster: 1, diagnosed: 0 });
    expect(body.matrix).toHaveLength(4);
  });

  it('counts only their own district for a district officer', async () => {
    const { status, body } = await get('/api/dashboard/coverage', 'district');
    expect(status).toBe(200);
    expect(body.scope).toMatchObject({ districtId: chaoyang, label: '朝阳区' });
    expect(body.total).toMatchObject({ roster: 4, diagnosed: 1 });
    expect(body.byDistrict.map((r: { key: number }) => r.key)).toEqual([chaoyang]);
    expect(body.matrix.every((c: { districtId: number }) => c.districtId === chaoyang)).toBe(true);
  });

  it('lets the bureau narrow to one district by name', async () => {
    const { body } = await get(`/api/dashboard/coverage?district=${encodeURIComponent('南关区')}`);
    expect(body.total).toMatchObject({ roster: 2, diagnosed: 1, notStarted: 1 });
  });

  it('keeps the summary in step with later writes', async () => {
    t.app.db.prepare('UPDATE enterprises SET refused = 0 WHERE id = ?').run(fx.e[3]);
    expect((await get('/api/dashboard/coverage')).body.total).toMatchObject({ refused: 0, notStarted: 3 });
    t.app.db.prepare('UPDATE enterprises SET refused = 1 WHERE id = ?').run(fx.e[3]);
    expect((await get('/api/dashboard/coverage')).body.total).toMatchObject({ refused: 1, notStarted: 2 });
  });
});

describe('GET /api/dashboard/trend', () => {
  it('counts enterprises by the week of their first issued report', async () => {
    const { body } = await get('/api/dashboard/trend');
    expect(body.roster).toBe(6);
    expect(body.weeks).toEqual([
      { week: '2026-01-05', issued: 1, cumulative: 1 },
      { week: '2026-03-02', issued: 1, cumulative: 2 },
    ]);
  });
});

describe('GET /api/dashboard/results', () => {
  it('distributes the latest issued levels and ranks findings by enterprises', async () => {
    const { body } = await get('/api/dashboard/results');
    const cy = body.byDistrict.find((r: { key: number }) => r.key === chaoyang);
    expect(cy).toMatchObject({ diagnosed: 1, risk: { high: 1 }, maturity: { '2': 1 } });
    const ng = body.byDistrict.find((r: { key: number }) => r.key === nanguan);
    expect(ng).toMatchObject({ diagnosed: 1, risk: { low: 1 }, maturity: { '3': 1 } });
    expect(body.byIndustry.find((r: { key: string }) => r.key === 'steel')).toMatchObject({
      diagnosed: 2, risk: { high: 1, low: 1 }, maturity: { '2': 1, '3': 1 },
    });
    // Named by the finding's Chinese title; ties in id order (org.management_body before org.security_lead).
    expect(body.topFindings).toEqual([
      { itemId: ITEMS.A.id, label: ITEMS.A.label, enterprises: 3, findings: 3 },
      { itemId: ITEMS.C.id, label: ITEMS.C.label, enterprises: 1, findings: 1 },
      { itemId: ITEMS.B.id, label: ITEMS.B.label, enterprises: 1, findings: 1 },
    ]);
  });

  it('counts red lines and classification readiness from the latest issued report', async () => {
    const { body } = await get('/api/dashboard/results');
    const counts = { diagnosed: 2, withRedlines: 1, redlines: 2, classificationDone: 2, catalogueFiled: 1, candidatesHeld: 2, keyCandidates: 1 };
    expect(body.readiness.total).toEqual({ key: 0, name: '全市', ...counts });
    expect(body.readiness.byDistrict.find((r: { key: number }) => r.key === chaoyang)).toEqual({
      key: chaoyang, name: '朝阳区', diagnosed: 1, withRedlines: 1, redlines: 2, classificationDone: 1, catalogueFiled: 0, candidatesHeld: 1,
      keyCandidates: 1,
    });
    // e5's earlier report had a red line and no classification: its latest one counts.
    expect(body.readiness.byDistrict.find((r: { key: number }) => r.key === nanguan)).toEqual({
      key: nanguan, name: '南关区', diagnosed: 1, withRedlines: 0, redlines: 0, classificationDone: 1, catalogueFiled: 1, candidatesHeld: 1,
      keyCandidates: 0,
    });
    const own = (await get('/api/dashboard/results', 'district')).body.readiness;
    expect(own.byDistrict.map((r: { key: number }) => r.key)).toEqual([chaoyang]);
    expect(own.total).toMatchObject({ diagnosed: 1, withRedlines: 1, redlines: 2 });
  });

  it('ranks only the district’s findings for a district officer', async () => {
    const { body } = await get('/api/dashboard/results', 'district');
    expect(body.topFindings).toEqual([
      { itemId: ITEMS.A.id, label: ITEMS.A.label, enterprises: 2, findings: 2 },
      { itemId: ITEMS.B.id, label: ITEMS.B.label, enterprises: 1, findings: 1 },
    ]);
  });
});

describe('GET /api/dashboard/loop', () => {
  it('counts findings by status, the close rate and the overdue', async () => {
    const { body } = await get('/api/dashboard/loop');
    expect(body.total).toMatchObject({ found: 4, open: 2, inProgress: 0, rectified: 1, accepted: 1, overdue: 2 });
    expect(body.total.closeRate).toBeCloseTo(2 / 4);
    expect(body.byDistrict.find((r: { key: number }) => r.key === chaoyang)).toMatchObject({
      found: 2, open: 1, inProgress: 0, accepted: 1, closeRate: 1 / 2, overdue: 1,
    });
    expect(body.byDistrict.find((r: { key: number }) => r.key === nanguan)).toMatchObject({
      found: 2, open: 1, rectified: 1, closeRate: 0.5, overdue: 1,
    });
  });
});

describe('the 年度计划表 beside the diagnoses', () => {
  it('suggests the enterprises with 分类分级 done by their latest report issued by the year end', async () => {
    const suggested = async (year: number) =>
      (await get(`/api/upward/plan?year=${year}`)).body.rows.find((r: { indicator: string }) => r.indicator === 'classification');
    // e1 and e5 (their reports of March 2026); e5's report of January 2026 said not yet, and nothing was issued in 2025.
    expect(await suggested(2026)).toMatchObject({ suggested: 2, actual: null, source: 'entered' });
    expect((await suggested(2025)).suggested).toBe(0);
  });
});

describe('the loop and the rectification work list', () => {
  it('count the same rows: every figure of the loop, for the bureau and a district officer, leads to a list of as many', async () => {
    for (const who of ['bureau', 'district']) {
      const { body } = await get('/api/dashboard/loop', who);
      for (const r of [body.total, ...body.byDistrict]) {
        const district = r.key ? `&district=${r.key}` : '';
        const listed = async (filter: string) => (await get(`/api/rectifications?pageSize=1${district}${filter}`, who)).body.total;
        const lists = {
          found: await listed(''),
          open: await listed('&status=open'),
          inProgress: await listed('&status=in_progress'),
          rectified: await listed('&status=rectified'),
          accepted: await listed('&status=accepted'),
          overdue: await listed('&overdue=true'),
        };
        expect(lists, `${who}: ${r.name}`).toEqual({ found: r.found, open: r.open, inProgress: r.inProgress, rectified: r.rectified, accepted: r.accepted, overdue: r.overdue });
      }
    }
  });
});

describe('GET /api/dashboard/enterprises', () => {
  it('lists the enterprises behind a figure', async () => {
    const { body } = await get('/api/dashboard/enterprises?status=diagnosed');
    expect(body.total).toBe(2);
    expect(body.items.map((r: { id: number }) => r.id)).toEqual([fx.e[0], fx.e[4]]);
    expect(body.items[1]).toMatchObject({ districtName: '南关区', industryName: '钢铁', riskLevel: 'low', maturityLevel: 3 });
    expect((await get('/api/dashboard/enterprises?industry=other&status=not_started')).body.total).toBe(2);
    expect((await get('/api/dashboard/enterprises?riskLevel=high')).body.items.map((r: { id: number }) => r.id)).toEqual([fx.e[0]]);
    // Key-enterprise candidates by their latest issued report: e1; e5's earlier report met the criterion, its latest not.
    expect((await get('/api/dashboard/enterprises?keyCandidate=1')).body.items.map((r: { id: number }) => r.id)).toEqual([fx.e[0]]);
    expect((await get('/api/dashboard/enterprises?keyCandidate=1', 'district')).body.total).toBe(1);
    expect((await get('/api/dashboard/enterprises?keyCandidate=yes')).status).toBe(400);
    const page2 = (await get('/api/dashboard/enterprises?pageSize=4&page=2')).body;
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.items.map((r: { id: number }) => r.id)).toEqual([fx.e[4], fx.e[5]]);
  });

  it('lists only the district’s enterprises for a district officer', async () => {
    const { body } = await get('/api/dashboard/enterprises', 'district');
    expect(body.items.map((r: { id: number }) => r.id)).toEqual(fx.e.slice(0, 4));
  });
});

const ROUTES = ['coverage', 'trend', 'results', 'loop', 'enterprises'].map((r) => `/api/dashboard/${r}`);

describe('role isolation', () => {
  it.each(ROUTES)('%s refuses a district officer another district', async (url) => {
    expect((await get(`${url}?district=${nanguan}`, 'district')).status).toBe(403);
    expect((await get(`${url}?district=${chaoyang}`, 'district')).status).toBe(200);
  });

  it.each(ROUTES.flatMap((url) => ['diagnostician', 'enterprise'].map((who) => [url, who])))(
    '%s refuses %s',
    async (url, who) => {
      expect((await get(url, who)).status).toBe(403);
    },
  );

  it.each(ROUTES)('%s shows an administrator the whole city, like the bureau', async (url) => {
    const admin = await get(url, 'admin');
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual((await get(url, 'bureau')).body);
  });

  it.each(ROUTES)('%s needs a session', async (url) => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
