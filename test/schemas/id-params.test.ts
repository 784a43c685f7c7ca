/**
 * A path parameter that cannot be an id is the client's mistake, answered 400 with a Chinese message naming the
 * parameter — not looked up and answered 404. Every parameterised route in the API document is probed, so a new
 * route that declares its own id schema is caught.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_PARAM_PATTERN } from '../../server/schemas/common.js';
import { createTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { fillPath, openApiDocument, operations, pathParams, type Operation } from '../helpers/openapi.js';

let t: TestApp;
let admin: LoggedIn;
let parameterised: Operation[];
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin');
  parameterised = operations(await openApiDocument(t.app)).filter(({ path }) => path.includes('{'));
});
afterAll(() => t.close());

/**
 * Path parameters that name something other than a row (a questionnaire, its version, a questionnaire item, a
 * report's verification code, a batch download held in memory under a random UUID).
 */
const NOT_ROW_IDS = new Set([
  '/api/questionnaires/{id}/versions/{version} id',
  '/api/questionnaires/{id}/versions/{version} version',
  '/api/assessments/{id}/evidence/{itemId} itemId',
  '/api/verify/{code} code',
  '/api/report-batches/{id} id',
  '/api/report-batches/{id}/zip id',
]);

const NOT_IDS = ['abc', '0', '-1', '1.5', '1e3', '0x10', ' 1', '01', 'Infinity', '9'.repeat(16), '9'.repeat(101), '7'.repeat(3000)];

const isRowId = (o: Operation, name: string) => !NOT_ROW_IDS.has(`${o.path} ${name}`);

describe('id path parameters', () => {
  it('finds the parameterised routes', () => {
    expect(parameterised.length).toBeGreaterThanOrEqual(20);
  });

  it('every row id parameter is the one common id schema', () => {
    const other: string[] = [];
    for (const o of parameterised)
      for (const name of pathParams(o.path).filter((n) => isRowId(o, n))) {
        const p = (o.op.parameters ?? []).find((x: any) => x.in === 'path' && x.name === name);
        if (p?.schema?.pattern !== ID_PARAM_PATTERN) other.push(`${o.method} ${o.path} ${name}`);
      }
    expect(other).toEqual([]);
  });

  it('every route answers 400, not 404, to a value that cannot be an id', async () => {
    const wrong: string[] = [];
    for (const o of parameterised)
      for (const name of pathParams(o.path).filter((n) => isRowId(o, n)))
        for (const bad of NOT_IDS) {
          const res = await t.app.inject({ method: o.method as 'GET', url: fillPath(o.path, { [name]: bad }), headers: admin.headers });
          const message = res.json().error?.message ?? '';
          if (res.statusCode !== 400 || !/^路径参数不符合要求/.test(message))
            wrong.push(`${o.method} ${o.path} ${name}=${bad.slice(0, 20)} → ${res.statusCode} ${message.slice(0, 60)}`);
        }
    expect(wrong).toEqual([]);
  });

  it('names the parameter and says what it should be', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/enterprises/1e3', headers: admin.headers });
    expect(res.json().error.message).toBe('路径参数不符合要求：字段“id”：应为正整数编号（如 12）。');
  });

  it('every other path parameter refuses an over-long value with 400', async () => {
    const wrong: string[] = [];
    for (const o of parameterised)
      for (const name of pathParams(o.path).filter((n) => !isRowId(o, n))) {
        const res = await t.app.inject({ method: o.method as 'GET', url: fillPath(o.path, { [name]: 'a'.repeat(3000) }), headers: admin.headers });
        if (res.statusCode !== 400) wrong.push(`${o.method} ${o.path} ${name} → ${res.statusCode}`);
      }
    expect(wrong).toEqual([]);
  });

  it('still finds a valid id, and answers 404 for one that does not exist', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/enterprises/999999', headers: admin.headers });
    expect(res.statusCode).toBe(404);
    const district = await t.app.inject({ method: 'GET', url: '/api/districts/1/contacts', headers: admin.headers });
    expect(district.statusCode).toBe(200);
  });
});
