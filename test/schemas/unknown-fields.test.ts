/**
 * Unknown fields are refused, not ignored: a typo such as `displayname` or `disable` must not answer 200 and do
 * nothing. Every route with a JSON body in the API document is probed with an extra key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { openApiDocument, operations, fillPath, type Operation } from '../helpers/openapi.js';

let t: TestApp;
let admin: LoggedIn;
let jsonBodies: Operation[];
beforeAll(async () => {
  t = await createTestApp();
  admin = loginAs(t.app, 'admin');
  jsonBodies = operations(await openApiDocument(t.app)).filter(({ op }) => op.requestBody?.content?.['application/json']);
});
afterAll(() => t.close());

const EXTRA = 'zzUnknownField';

describe('unknown fields in a JSON body', () => {
  it('finds the JSON-body routes in the API document', () => {
    expect(jsonBodies.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/users', 'PATCH /api/users/{id}', 'POST /api/auth/login']),
    );
    expect(jsonBodies.length).toBeGreaterThanOrEqual(12);
  });

  it('every route answers 400 naming the unknown field', async () => {
    const wrong: string[] = [];
    for (const { method, path } of jsonBodies) {
      const res = await t.app.inject({
        method: method as 'POST',
        url: fillPath(path, {}, '999999'), // no such row: a body that got through must not change anything
        headers: admin.headers,
        payload: { [EXTRA]: 1 },
      });
      const body = res.json();
      const named = JSON.stringify(body.error?.details ?? '').includes(EXTRA) && body.error.message.includes(EXTRA);
      if (res.statusCode !== 400 || !named) wrong.push(`${method} ${path} → ${res.statusCode} ${body.error?.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every JSON body in the document says additional properties are not allowed', async () => {
    const doc = await openApiDocument(t.app);
    const open = jsonBodies
      .filter(({ method, path }) => doc.paths[path][method.toLowerCase()].requestBody.content['application/json'].schema.additionalProperties !== false)
      .map(({ method, path }) => `${method} ${path}`);
    expect(open).toEqual([]);
  });

  it('a typo in an otherwise valid user change is refused, in Chinese, and changes nothing', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'typo-user', role: 'bureau', displayname: '张三' },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.message).toMatch(/不允许的字段：“displayname”/);

    const ok = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'typo-user', role: 'bureau' } });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().user.id;
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: { disable: true } });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.message).toMatch(/“disable”/);
    const after = await t.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: admin.headers });
    expect(after.json().disabled).toBe(false);
  });

  it('a login with an extra field is refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y', remember: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/“remember”/);
  });
});
