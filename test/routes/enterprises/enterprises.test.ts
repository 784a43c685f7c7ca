import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { addAssessment, createEnterprise, newCreditCode } from '../../helpers/enterprises.js';

let t: TestApp;
let app: FastifyInstance;
let e1: number; // 朝阳区, a reviewed then an issued assessment → done
let e2: number; // 绿园区, refused
let e3: number; // 朝阳区, a draft and a reviewed assessment, no report → pending
let who: Record<string, Record<string, string>>;

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  e1 = createEnterprise(app, '朝阳区', { name: '长春一号汽车零部件有限公司', industryCode: 'auto' });
  e2 = createEnterprise(app, '绿园区', { name: '绿园化工有限公司', industryCode: 'petrochem', refused: true, refusedReason: '停产' });
  e3 = createEnterprise(app, '朝阳区', { name: '朝阳纺织有限公司', industryCode: 'textile' });
  const admin = loginAs(app, 'admin');
  addAssessment(app, e1, admin.user.id, 'reviewed');
  addAssessment(app, e1, admin.user.id, 'issued');
  addAssessment(app, e3, admin.user.id, 'draft');
  // Reviewed is not done: the programme counts an enterprise as diagnosed once its report is issued.
  addAssessment(app, e3, admin.user.id, 'reviewed');
  who = {
    admin: admin.headers,
    bureau: loginAs(app, 'bureau').headers,
    districtOwn: loginAs(app, 'district', { districtId: districtId(app, '朝阳区') }).headers,
    districtOther: loginAs(app, 'district', { districtId: districtId(app, '南关区') }).headers,
    diagAssigned: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [e1] }).headers,
    diagUnassigned: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [e2] }).headers,
    entOwn: loginAs(app, 'enterprise', { enterpriseId: e1 }).headers,
    entOther: loginAs(app, 'enterprise', { enterpriseId: e2 }).headers,
    anonymous: {},
  };
});
afterAll(() => t.close());

const get = (url: string, as: string) => app.inject({ method: 'GET', url, headers: who[as] });
const send = (method: 'POST' | 'PATCH', url: string, as: string, payload: unknown) =>
  app.inject({ method, url, headers: who[as], payload: payload as object });

describe('GET /api/enterprises', () => {
  it.each([
    ['admin', 'all'],
    ['bureau', 'all'],
    ['districtOwn', 'e1,e3'],
    ['districtOther', ''],
    ['diagAssigned', 'e1'],
    ['diagUnassigned', 'e2'],
    ['entOwn', 'e1'],
    ['entOther', 'e2'],
  ])('%s sees only its scope (%s)', async (as, expected) => {
    const res = await get('/api/enterprises', as);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((e: { id: number }) => e.id).sort();
    const names: Record<string, number> = { e1, e2, e3 };
    const want = expected === 'all' ? [e1, e2, e3] : expected ? expected.split(',').map((k) => names[k]) : [];
    expect(ids).toEqual(want.sort());
  });

  it('answers 401 without a session', async () => {
    expect((await get('/api/enterprises', 'anonymous')).statusCode).toBe(401);
  });

  it('filters by diagnosis status, district (by name variant), industry and search text', async () => {
    const ids = async (qs: string) =>
      (await get(`/api/enterprises?${qs}`, 'admin')).json().items.map((e: { id: number }) => e.id);
    expect(await ids('status=done')).toEqual([e1]);
    expect(await ids('status=refused')).toEqual([e2]);
    expect(await ids('status=pending')).toEqual([e3]);
    expect((await ids(`district=${encodeURIComponent('长春市朝阳区')}`)).sort()).toEqual([e1, e3].sort());
    expect(await ids('industry=petrochem')).toEqual([e2]);
    expect(await ids(`q=${encodeURIComponent('纺织')}`)).toEqual([e3]);
    const code = (await get(`/api/enterprises/${e2}`, 'admin')).json().creditCode as string;
    expect(await ids(`q=${code.slice(4, 12).toLowerCase()}`)).toEqual([e2]);
    // A code typed full-width with a space still finds the enterprise.
    const fullWidth = code.slice(4, 12).replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(await ids(`q=${encodeURIComponent(`${fullWidth.slice(0, 4)} ${fullWidth.slice(4)}`)}`)).toEqual([e2]);
    expect(await ids('q=%25')).toEqual([]);
    // A whole code, typed lower-case, finds exactly its enterprise.
    expect(await ids(`q=${code.toLowerCase()}`)).toEqual([e2]);
  });

  it('pages', async () => {
    const p1 = (await get('/api/enterprises?pageSize=2&page=1', 'admin')).json();
    const p2 = (await get('/api/enterprises?pageSize=2&page=2', 'admin')).json();
    expect(p1.total).toBe(3);
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((e: { id: number }) => e.id)).size).toBe(3);
  });

  it('rejects bad query parameters with 400', async () => {
    expect((await get('/api/enterprises?status=maybe', 'admin')).statusCode).toBe(400);
    expect((await get('/api/enterprises?pageSize=100000', 'admin')).statusCode).toBe(400);
    const res = await get(`/api/enterprises?district=${encodeURIComponent('火星区')}`, 'admin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('火星区');
  });
});

describe('GET /api/enterprises/:id', () => {
  it.each([
    ['admin', 200],
    ['bureau', 200],
    ['districtOwn', 200],
    ['districtOther', 404],
    ['diagAssigned', 200],
    ['diagUnassigned', 404],
    ['entOwn', 200],
    ['entOther', 404],
    ['anonymous', 401],
  ])('%s → %i', async (as, status) => {
    const res = await get(`/api/enterprises/${e1}`, as);
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(res.json()).toMatchObject({ id: e1, districtName: '朝阳区', diagnosisStatus: 'done' });
    else expect(res.body).not.toContain('长春一号');
  });

  it('answers 404 for an id that does not exist, 400 for one that is not a number', async () => {
    expect((await get('/api/enterprises/999999', 'admin')).statusCode).toBe(404);
    expect((await get('/api/enterprises/abc', 'admin')).statusCode).toBe(400);
  });
});

describe('POST /api/enterprises', () => {
  const body = (district: string | number = '朝阳区') => ({
    creditCode: newCreditCode().toLowerCase(),
    name: '新登记企业有限公司',
    district,
    industry: 'steel',
    size: 'medium',
    contactName: '张三',
    contactEmail: '',
  });

  it.each([
    ['admin', '朝阳区', 201],
    ['bureau', '绿园区', 201],
    ['districtOwn', '朝阳区', 201],
    ['districtOwn', '绿园区', 403],
    ['districtOther', '朝阳区', 403],
    ['diagAssigned', '朝阳区', 403],
    ['entOwn', '朝阳区', 403],
    ['anonymous', '朝阳区', 401],
  ])('%s creating in %s → %i', async (as, district, status) => {
    const b = body(district);
    const res = await send('POST', '/api/enterprises', as, b);
    expect(res.statusCode).toBe(status);
    if (status === 201) {
      expect(res.json()).toMatchObject({
        creditCode: b.creditCode.toUpperCase(),
        districtName: district,
        industryCode: 'steel',
        contactEmail: null,
        diagnosisStatus: 'pending',
      });
    }
  });

  it('accepts a district id and name variants', async () => {
    const byId = await send('POST', '/api/enterprises', 'admin', body(districtId(app, '汽开区')));
    expect(byId.json().districtName).toBe('汽开区');
    const variant = await send('POST', '/api/enterprises', 'admin', body('汽车经济技术开发区'));
    expect(variant.json().districtName).toBe('汽开区');
  });

  it('explains an invalid credit code, district, industry or email', async () => {
    const bad = async (patch: object) => {
      const res = await send('POST', '/api/enterprises', 'admin', { ...body(), ...patch });
      expect(res.statusCode).toBe(400);
      return res.json().error.message as string;
    };
    expect(await bad({ creditCode: '91330100716105852G' })).toContain('校验位应为 ‘F’，实际为 ‘G’');
    expect(await bad({ district: '火星区' })).toContain('火星区');
    expect(await bad({ industry: 'mining' })).toContain('mining');
    expect(await bad({ contactEmail: 'not-an-email' })).toContain('邮箱');
    expect(await bad({ name: '  ' })).toContain('企业名称');
    expect(await bad({ extra: 1 })).toBeTruthy();
  });

  it('refuses a duplicate credit code with 409, naming the holder only to those who may see it', async () => {
    const code = (await get(`/api/enterprises/${e1}`, 'admin')).json().creditCode as string;
    const res = await send('POST', '/api/enterprises', 'admin', { ...body(), creditCode: code });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('长春一号汽车零部件有限公司');
    const code2 = (await get(`/api/enterprises/${e2}`, 'admin')).json().creditCode as string;
    const hidden = await send('POST', '/api/enterprises', 'districtOwn', { ...body(), creditCode: code2 });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.message).not.toContain('绿园化工');
  });

  it('answers 4xx, never 500, to malformed JSON and oversize bodies', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { ...who.admin, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    const big = await app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { ...who.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...body(), address: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
  });

  it('requires the CSRF header with a session', async () => {
    const { cookie } = who.admin;
    const res = await app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: body() });
    expect(res.statusCode).toBe(403);
  });
});

describe('PATCH /api/enterprises/:id', () => {
  it.each([
    ['admin', 200],
    ['bureau', 200],
    ['districtOwn', 200],
    ['districtOther', 404],
    ['diagAssigned', 403],
    ['diagUnassigned', 403],
    ['entOwn', 200],
    ['entOther', 404],
    ['anonymous', 401],
  ])('%s updating contacts → %i', async (as, status) => {
    const res = await send('PATCH', `/api/enterprises/${e1}`, as, { contactPhone: `0431-${as}` });
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(res.json().contactPhone).toBe(`0431-${as}`);
    else expect(res.body).not.toContain('长春一号');
  });

  it('answers 400 to malformed JSON, never 500', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${e1}`,
      headers: { ...who.entOwn, 'content-type': 'application/json' },
      payload: '{"contactName": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('JSON');
  });

  it('lets an enterprise user change only its contacts', async () => {
    const res = await send('PATCH', `/api/enterprises/${e1}`, 'entOwn', { name: '改名', contactName: '李四' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('name');
    expect((await get(`/api/enterprises/${e1}`, 'admin')).json()).toMatchObject({ name: '长春一号汽车零部件有限公司' });
  });

  it('keeps a district officer from moving an enterprise out of their district', async () => {
    const res = await send('PATCH', `/api/enterprises/${e3}`, 'districtOwn', { district: '绿园区' });
    expect(res.statusCode).toBe(403);
    expect((await get(`/api/enterprises/${e3}`, 'admin')).json().districtName).toBe('朝阳区');
  });

  it('updates fields, records refusal, clears blanks and refuses a code already in use', async () => {
    const res = await send('PATCH', `/api/enterprises/${e3}`, 'bureau', {
      size: 'small',
      refused: true,
      refusedReason: '企业拒绝入企',
      address: '',
    });
    expect(res.json()).toMatchObject({ size: 'small', refused: true, diagnosisStatus: 'refused', address: null });
    const code1 = (await get(`/api/enterprises/${e1}`, 'admin')).json().creditCode as string;
    const dup = await send('PATCH', `/api/enterprises/${e3}`, 'admin', { creditCode: code1 });
    expect(dup.statusCode).toBe(409);
    const same = await send('PATCH', `/api/enterprises/${e1}`, 'admin', { creditCode: code1.toLowerCase() });
    expect(same.statusCode).toBe(200);
  });
});
