import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, districtId, loginAs, type TestApp } from '../../helpers/app.js';
import { addAssessment, createEnterprise } from '../../helpers/enterprises.js';

let t: TestApp;
let app: FastifyInstance;
let who: Record<string, Record<string, string>>;
let chaoyang: number;

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  chaoyang = districtId(app, '朝阳区');
  const e1 = createEnterprise(app, '朝阳区', { industryCode: 'auto' });
  const e2 = createEnterprise(app, '朝阳区', { industryCode: 'auto', refused: true });
  createEnterprise(app, '绿园区', { industryCode: 'steel' });
  const admin = loginAs(app, 'admin');
  addAssessment(app, e1, admin.user.id, 'issued');
  who = {
    admin: admin.headers,
    bureau: loginAs(app, 'bureau').headers,
    districtOwn: loginAs(app, 'district', { districtId: chaoyang }).headers,
    districtOther: loginAs(app, 'district', { districtId: districtId(app, '南关区') }).headers,
    diagAssigned: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [e1] }).headers,
    diagUnassigned: loginAs(app, 'diagnostician').headers,
    entOwn: loginAs(app, 'enterprise', { enterpriseId: e1 }).headers,
    entOther: loginAs(app, 'enterprise', { enterpriseId: e2 }).headers,
    anonymous: {},
  };
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, as: string, payload?: object) =>
  app.inject({ method, url, headers: who[as], payload });

type Row = { name: string; code: string; counts: { enterprises: number; done: number; pending: number; refused: number } };
const countsOf = (rows: Row[], key: string) => rows.find((r) => r.name === key || r.code === key)!.counts;

describe('GET /api/districts and /api/industries', () => {
  it('lists the 18 work areas in the programme order with counts', async () => {
    const res = await inject('GET', '/api/districts', 'bureau');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as Row[];
    expect(rows).toHaveLength(18);
    expect(rows[0].name).toBe('朝阳区');
    expect(rows[17].name).toBe('公主岭市');
    expect(countsOf(rows, '朝阳区')).toEqual({ enterprises: 2, done: 1, pending: 0, refused: 1 });
    expect(countsOf(rows, '绿园区')).toEqual({ enterprises: 1, done: 0, pending: 1, refused: 0 });
  });

  it.each([
    ['admin', 2, 1],
    ['districtOwn', 2, 0],
    ['districtOther', 0, 0],
    ['diagAssigned', 1, 0],
    ['diagUnassigned', 0, 0],
    ['entOwn', 1, 0],
    ['entOther', 1, 0],
  ])('%s counts only what it may see', async (as, chaoyangCount, lvyuanCount) => {
    const rows = (await inject('GET', '/api/districts', as)).json() as Row[];
    expect(countsOf(rows, '朝阳区').enterprises).toBe(chaoyangCount);
    expect(countsOf(rows, '绿园区').enterprises).toBe(lvyuanCount);
  });

  it('lists industries with counts', async () => {
    const rows = (await inject('GET', '/api/industries', 'bureau')).json() as Row[];
    expect(rows.map((r) => r.code)).toContain('other');
    expect(countsOf(rows, 'auto')).toMatchObject({ enterprises: 2, done: 1 });
    const scoped = (await inject('GET', '/api/industries', 'entOwn')).json() as Row[];
    expect(countsOf(scoped, 'steel').enterprises).toBe(0);
  });

  it.each(['admin', 'bureau', 'districtOwn', 'districtOther', 'diagAssigned', 'diagUnassigned', 'entOwn', 'entOther'])(
    '%s may list districts and industries',
    async (as) => {
      expect((await inject('GET', '/api/districts', as)).statusCode).toBe(200);
      expect((await inject('GET', '/api/industries', as)).statusCode).toBe(200);
    },
  );

  it('requires a session', async () => {
    expect((await inject('GET', '/api/districts', 'anonymous')).statusCode).toBe(401);
    expect((await inject('GET', '/api/industries', 'anonymous')).statusCode).toBe(401);
  });
});

describe('district contacts', () => {
  it.each([
    ['bureau', 403],
    ['districtOwn', 403],
    ['districtOther', 403],
    ['diagAssigned', 403],
    ['diagUnassigned', 403],
    ['entOwn', 403],
    ['entOther', 403],
    ['anonymous', 401],
  ])('%s may not read or edit contacts (%i)', async (as, status) => {
    expect((await inject('GET', `/api/districts/${chaoyang}/contacts`, as)).statusCode).toBe(status);
    const add = await inject('POST', `/api/districts/${chaoyang}/contacts`, as, { side: 'bureau', name: '王五' });
    expect(add.statusCode).toBe(status);
    expect((await inject('DELETE', `/api/districts/${chaoyang}/contacts/1`, as)).statusCode).toBe(status);
  });

  it('an admin adds, lists and deletes contacts', async () => {
    const add = await inject('POST', `/api/districts/${chaoyang}/contacts`, 'admin', {
      side: 'provider',
      name: ' 赵六 ',
      phone: '0431-88888888',
    });
    expect(add.statusCode).toBe(201);
    const contact = add.json();
    expect(contact).toMatchObject({ side: 'provider', name: '赵六', districtId: chaoyang });
    const list = await inject('GET', `/api/districts/${chaoyang}/contacts`, 'admin');
    expect(list.json()).toEqual([contact]);
    const other = districtId(app, '绿园区');
    expect((await inject('DELETE', `/api/districts/${other}/contacts/${contact.id}`, 'admin')).statusCode).toBe(404);
    expect((await inject('DELETE', `/api/districts/${chaoyang}/contacts/${contact.id}`, 'admin')).statusCode).toBe(204);
    expect((await inject('GET', `/api/districts/${chaoyang}/contacts`, 'admin')).json()).toEqual([]);
  });

  it('answers 4xx to malformed JSON and oversize bodies', async () => {
    const raw = (payload: string) =>
      app.inject({
        method: 'POST',
        url: `/api/districts/${chaoyang}/contacts`,
        headers: { ...who.admin, 'content-type': 'application/json' },
        payload,
      });
    expect((await raw('{"side":')).statusCode).toBe(400);
    expect((await raw(JSON.stringify({ side: 'bureau', name: 'x'.repeat(3 * 1024 * 1024) }))).statusCode).toBe(413);
  });

  it('validates input and the district', async () => {
    expect((await inject('GET', '/api/districts/9999/contacts', 'admin')).statusCode).toBe(404);
    expect((await inject('POST', '/api/districts/9999/contacts', 'admin', { side: 'bureau', name: 'x' })).statusCode).toBe(404);
    expect((await inject('POST', `/api/districts/${chaoyang}/contacts`, 'admin', { side: 'x', name: 'x' })).statusCode).toBe(400);
    expect((await inject('POST', `/api/districts/${chaoyang}/contacts`, 'admin', { side: 'bureau', name: '' })).statusCode).toBe(400);
  });
});
