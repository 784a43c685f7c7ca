import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { createEnterprise } from '../../helpers/enterprises.js';
import { fileUpload } from '../../helpers/multipart.js';

const CLOCK = '2026-06-30T08:00:00.000Z';
let t: TestApp;
let as: Record<string, Record<string, string>>;
let steelLarge: number, steelSmall: number, otherLarge: number;
let chaoyang: number;

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  chaoyang = districtId(t.app, '朝阳区');
  // Roster of 3: one key-industry 规上 (steel, large), one key-industry small, one 其他 large.
  steelLarge = createEnterprise(t.app, '朝阳区', { industryCode: 'steel', size: 'large', name: '甲钢铁有限公司' });
  steelSmall = createEnterprise(t.app, '朝阳区', { industryCode: 'steel', size: 'small', name: '乙钢铁有限公司' });
  otherLarge = createEnterprise(t.app, '南关区', { size: 'large', name: '丙有限公司' });
  as = {
    bureau: loginAs(t.app, 'bureau').headers,
    admin: loginAs(t.app, 'admin').headers,
    district: loginAs(t.app, 'district', { districtId: chaoyang }).headers,
    diagnostician: loginAs(t.app, 'diagnostician').headers,
    enterprise: loginAs(t.app, 'enterprise', { enterpriseId: steelLarge }).headers,
  };
});
afterAll(() => t.close());

const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, who = 'bureau') => {
  const res = await t.app.inject({ method, url, headers: as[who], ...(body !== undefined && { payload: body as object }) });
  return { status: res.statusCode, body: res.body ? (String(res.headers['content-type']).includes('json') ? res.json() : res.rawPayload) : null };
};

async function sheet(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('宣贯培训', () => {
  it('records sessions and counts person-times and coverage', async () => {
    const a = await call('POST', '/api/upward/trainings', {
      heldOn: '2025-05-10', course: '工业领域重要数据识别、防护与评估', organiser: '市工信局', districtId: chaoyang,
      personTimes: 40, enterpriseIds: [steelLarge, steelSmall],
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ districtName: '朝阳区', enterpriseIds: [steelLarge, steelSmall].sort((x, y) => x - y) });
    const b = await call('POST', '/api/upward/trainings', {
      heldOn: '2026-03-01', course: '《数据防勒索指南》解读', organiser: '长春联通', districtId: null, personTimes: 25, enterpriseIds: [steelLarge],
    });
    expect(b.status).toBe(201);
    expect((await call('GET', '/api/upward/trainings/coverage')).body).toEqual({
      year: null, sessions: 2, personTimes: 65, enterprisesCovered: 2, roster: 3, rosterShare: 2 / 3,
      keyIndustryScaled: 1, keyIndustryScaledCovered: 1, keyIndustryScaledShare: 1,
    });
    expect((await call('GET', '/api/upward/trainings/coverage?year=2026')).body).toMatchObject({
      sessions: 1, personTimes: 25, enterprisesCovered: 1, rosterShare: 1 / 3,
    });
    const { id: _id, districtName: _name, ...stored } = b.body;
    // The record as read back is not a valid body: the contract refuses its read-only fields.
    expect((await call('PUT', `/api/upward/trainings/${b.body.id}`, b.body)).status).toBe(400);
    const edited = await call('PUT', `/api/upward/trainings/${b.body.id}`, { ...stored, personTimes: 30, enterpriseIds: [otherLarge] });
    expect(edited.body).toMatchObject({ personTimes: 30, enterpriseIds: [otherLarge] });
    expect((await call('GET', '/api/upward/trainings/coverage')).body).toMatchObject({ personTimes: 70, enterprisesCovered: 3, keyIndustryScaledCovered: 1 });
    expect((await call('POST', '/api/upward/trainings', { ...stored, enterpriseIds: [999999] })).status).toBe(400);
  });

  it('imports sessions from XLSX, rejecting bad rows with their reason', async () => {
    const code = (t.app.db.prepare('SELECT credit_code FROM enterprises WHERE id = ?').pluck().get(steelSmall) as string);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('培训');
    ws.addRow(['日期', '课程', '组织单位', '区县', '人次', '参训企业']);
    ws.addRow(['2026-04-02', '工业领域数据出境安全评估', '市工信局', '朝阳', 12, code]);
    ws.addRow(['2026/04/03', '课程', '市工信局', '', 5, '']);
    ws.addRow(['2026-04-04', '课程', '市工信局', '', 5, '91220101MA00000000']);
    const up = fileUpload('培训.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const res = await t.app.inject({ method: 'POST', url: '/api/upward/trainings/import', payload: up.payload, headers: { ...as.bureau, ...up.headers } });
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toBe(1);
    expect(res.json().rejected.map((r: { row: number }) => r.row)).toEqual([3, 4]);
    const list = (await call('GET', '/api/upward/trainings?year=2026')).body as { course: string; districtName: string; enterpriseIds: number[] }[];
    expect(list.find((x) => x.course === '工业领域数据出境安全评估')).toMatchObject({ districtName: '朝阳区', enterpriseIds: [steelSmall] });
  });
});

describe('年度计划表 and typical cases', () => {
  it('computes what the product holds, keeps what the bureau enters, and exports both years in the template shape', async () => {
    expect((await call('POST', '/api/upward/cases', {
      year: 2025, enterpriseId: steelLarge, caseName: '甲钢铁数据分类分级实践', category: '工业领域·钢铁',
      direction: '数据安全基础共性方向·数据分类分级类', summary: '建成覆盖生产数据域的分类分级目录并落实分级防护', contactName: '张三', contactPhone: '13800000000',
    })).status).toBe(201);
    expect((await call('POST', '/api/upward/cases', {
      year: 2025, enterpriseId: steelLarge, caseName: 'x', category: 'x', direction: 'x', summary: '长'.repeat(101),
    })).status).toBe(400);
    const entered = await call('PUT', '/api/upward/plan', { year: 2025, indicator: 'risk_nodes', target: '10', actual: 3 });
    expect(entered.status).toBe(200);
    expect(entered.body.rows.find((r: { indicator: string }) => r.indicator === 'risk_nodes')).toMatchObject({ actual: 3, target: '10' });
    expect((await call('PUT', '/api/upward/plan', { year: 2025, indicator: 'training', actual: 5 })).status).toBe(400);
    expect((await call('PUT', '/api/upward/plan', { year: 2025, indicator: 'training', target: '不少于1000人次' })).status).toBe(200);

    const p2025 = (await call('GET', '/api/upward/plan?year=2025')).body;
    const by = (k: string) => p2025.rows.find((r: { indicator: string }) => r.indicator === k);
    expect(by('cases')).toMatchObject({ actual: 1, source: 'computed' });
    expect(by('training')).toMatchObject({ actual: 40, target: '不少于1000人次', source: 'computed' }); // 2025 only so far
    expect(by('risk_nodes')).toMatchObject({ actual: 3, target: '10', source: 'entered' });
    expect(by('classification')).toMatchObject({ actual: null, source: 'entered' });
    const p2026 = (await call('GET', '/api/upward/plan?year=2026')).body;
    expect((await call('GET', '/api/upward/plan')).body.year).toBe(Number(t.app.now().slice(0, 4))); // this year by default
    expect(p2026.rows.find((r: { indicator: string }) => r.indicator === 'training').actual).toBe(40 + 30 + 12); // cumulative

    const x = await sheet((await call('GET', '/api/upward/plan.xlsx')).body);
    expect(x[1]).toEqual(['序号', '主要目标', '统计口径', '2024年目标', '2024年完成', '2025年目标', '2025年完成', '2026年目标', '2026年完成', '数据来源']);
    const training = x.slice(2).find((r) => r[2] === '(数据安全培训累计覆盖总人次)')!;
    expect([training[6], training[8], training[9]]).toEqual([40, 82, '系统统计']);
    expect(x.slice(2).find((r) => r[2] === '(企业数据安全风险评估节点建设总数)')!.slice(5, 7)).toEqual(['10', 3]);

    const cases = await sheet((await call('GET', '/api/upward/cases.xlsx?year=2025')).body);
    expect(cases[1]).toEqual(['序号', '案例名称', '企业名称', '企业类别', '申报方向和简述', '联系人', '联系方式']);
    expect(cases[2]).toEqual([1, '甲钢铁数据分类分级实践', '甲钢铁有限公司', '工业领域·钢铁',
      '数据安全基础共性方向·数据分类分级类：建成覆盖生产数据域的分类分级目录并落实分级防护', '张三', '13800000000']);
  });
});

const TRAINING = { heldOn: '2026-01-01', course: 'c', organiser: 'o', districtId: null, personTimes: 1, enterpriseIds: [] };
const BODIES: Record<string, object> = {
  '/api/upward/trainings': TRAINING,
  '/api/upward/trainings/1': TRAINING,
  '/api/upward/plan': { year: 2025, indicator: 'risk_nodes', target: '10' },
  '/api/upward/cases': { year: 2025, enterpriseId: 1, caseName: 'x', category: 'x', direction: 'x', summary: 'x' },
};

describe('role isolation', () => {
  const routes: [('GET' | 'POST' | 'PUT' | 'DELETE'), string][] = [
    ['GET', '/api/upward/plan?year=2025'], ['PUT', '/api/upward/plan'], ['GET', '/api/upward/plan.xlsx'],
    ['GET', '/api/upward/trainings'], ['GET', '/api/upward/trainings/coverage'], ['POST', '/api/upward/trainings'],
    ['GET', '/api/upward/trainings/1'], ['PUT', '/api/upward/trainings/1'], ['DELETE', '/api/upward/trainings/1'],
    ['POST', '/api/upward/trainings/import'], ['GET', '/api/upward/cases'], ['POST', '/api/upward/cases'],
    ['DELETE', '/api/upward/cases/1'], ['GET', '/api/upward/cases.xlsx'],
  ];
  it.each(routes.flatMap(([m, u]) => ['admin', 'district', 'diagnostician', 'enterprise'].map((who) => [m, u, who] as const)))(
    '%s %s refuses %s',
    async (method, url, who) => {
      // A valid body, so the refusal is the role's and not the validation's.
      const payload = method === 'GET' || method === 'DELETE' ? undefined : (BODIES[url] ?? {});
      expect((await t.app.inject({ method, url, headers: as[who], payload })).statusCode).toBe(403);
    },
  );
});
