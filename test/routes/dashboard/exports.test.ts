import ExcelJS from 'exceljs';
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

const json = async (url: string, who = 'bureau') => (await t.app.inject({ method: 'GET', url, headers: as[who] })).json();

/** The export opened with exceljs: per sheet its rows as arrays of cell values (1-based columns dropped). */
async function open(url: string, who = 'bureau') {
  const res = await t.app.inject({ method: 'GET', url, headers: as[who] });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return Object.fromEntries(
    wb.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [ws.name, rows];
    }),
  );
}

describe('dashboard exports', () => {
  it('coverage: the API figures per district and industry, with a title row naming scope and date', async () => {
    const api = await json('/api/dashboard/coverage');
    const x = await open('/api/dashboard/coverage.xlsx');
    expect(x['按区县'][0][0]).toBe('诊断覆盖（按区县） — 全市 — 截至 2026-06-30');
    expect(x['按区县'][1]).toEqual(['区县', '企业名录数', '已出具报告', '诊断中', '未开始', '拒绝/联系不上', '覆盖率']);
    const body = x['按区县'].slice(2);
    expect(body).toHaveLength(api.byDistrict.length + 1);
    for (const [i, r] of [...api.byDistrict, api.total].entries())
      expect(body[i]).toEqual([r.name, r.roster, r.diagnosed, r.inProgress, r.notStarted, r.refused, r.coverage]);
    expect(body.at(-1)).toEqual(['全市', 6, 2, 1, 2, 1, 2 / 6]);
    expect(x['按行业'].slice(2).find((r) => r[0] === '钢铁')).toEqual(['钢铁', 3, 2, 1, 0, 0, 2 / 3]);
    expect(x['区县×行业'].slice(2)).toContainEqual(['朝阳区', '钢铁', 2, 1, 0.5]);
    expect(x['区县×行业'].slice(2)).toHaveLength(api.matrix.length);
  });

  it('trend, results and loop carry the API figures', async () => {
    const trend = await open('/api/dashboard/trend.xlsx');
    expect(trend['每周趋势'].slice(2)).toEqual([
      ['2026-01-05', 1, 1, 1 / 6],
      ['2026-03-02', 1, 2, 2 / 6],
    ]);
    const results = await open('/api/dashboard/results.xlsx');
    // Only the levels that occur get a column; e5's earlier report (maturity 1) is not its latest.
    expect(results['按行业'][1]).toEqual(['行业', '已出具报告', '高风险', '低风险', '成熟度 二级 计划跟踪', '成熟度 三级 充分定义']);
    expect(results['按行业'].slice(2).find((r) => r[0] === '钢铁')).toEqual(['钢铁', 2, 1, 1, 1, 1]);
    expect(results['常见问题'][1]).toEqual(['排名', '问题', '检查项编号', '涉及企业数', '问题数']);
    expect(results['常见问题'].slice(2)).toEqual([
      [1, ITEMS.A.label, ITEMS.A.id, 3, 3],
      [2, ITEMS.C.label, ITEMS.C.id, 1, 1],
      [3, ITEMS.B.label, ITEMS.B.id, 1, 1],
    ]);
    const apiResults = await json('/api/dashboard/results');
    const readiness = results['红线与分类分级'].slice(2);
    for (const [i, r] of [...apiResults.readiness.byDistrict, apiResults.readiness.total].entries())
      expect(readiness[i]).toEqual([r.name, r.diagnosed, r.withRedlines, r.redlines, r.classificationDone,
        r.diagnosed ? r.classificationDone / r.diagnosed : 0, r.catalogueFiled, r.candidatesHeld, r.keyCandidates]);
    expect(readiness.at(-1)).toEqual(['全市', 2, 1, 2, 2, 1, 1, 2, 1]);
    const api = await json('/api/dashboard/loop');
    const loop = await open('/api/dashboard/loop.xlsx');
    const rows = loop['闭环整改'].slice(2);
    for (const [i, r] of [...api.byDistrict, api.total].entries())
      expect(rows[i]).toEqual([r.name, r.found, r.open, r.inProgress, r.rectified, r.accepted, r.closeRate, r.overdue]);
    expect(rows.at(-1)).toEqual(['全市', 4, 2, 0, 1, 1, 0.5, 2]);
  });

  it('the drill-down list exports every matching enterprise', async () => {
    const x = await open('/api/dashboard/enterprises.xlsx?status=diagnosed');
    expect(x['企业清单'][0][0]).toBe('企业清单（已出具报告） — 全市 — 截至 2026-06-30');
    expect(x['企业清单'].slice(2).map((r) => [r[0], r[4], r[5]])).toEqual([
      ['一号钢铁有限公司', '已出具报告', '高风险'],
      ['五号钢铁有限公司', '已出具报告', '低风险'],
    ]);
  });
});

const EXPORTS = ['coverage', 'trend', 'results', 'loop', 'enterprises'].map((r) => `/api/dashboard/${r}.xlsx`);

describe('export isolation', () => {
  it.each(EXPORTS)('%s gives a district officer only their district', async (url) => {
    const x = await open(url, 'district');
    for (const rows of Object.values(x)) {
      expect(String(rows[0][0])).toContain('朝阳区');
      const text = JSON.stringify(rows.slice(2));
      expect(text).not.toContain('南关区');
      expect(text).not.toContain('五号');
    }
    const res = await t.app.inject({ method: 'GET', url: `${url}?district=${nanguan}`, headers: as.district });
    expect(res.statusCode).toBe(403);
  });

  it.each(EXPORTS.flatMap((url) => ['diagnostician', 'enterprise'].map((who) => [url, who])))(
    '%s refuses %s',
    async (url, who) => {
      expect((await t.app.inject({ method: 'GET', url, headers: as[who] })).statusCode).toBe(403);
    },
  );

  it.each(EXPORTS)('%s needs a session', async (url) => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
