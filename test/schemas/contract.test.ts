/**
 * The API contract as a client sees it: one session check for all of /api (before validation), every JSON
 * response typed in the OpenAPI document (the score result and the questionnaire with their real shapes), and
 * the pinned questionnaire served once per version with its content hash as ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWire } from '../../server/domain/questionnaire/wire.js';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { assessmentAt, createWorld, draft, type World } from '../routes/assessments/world.js';
import { storedScore } from '../../server/services/assessments.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('the session check', () => {
  it('answers 401, not 400, to an anonymous request with a malformed body', async () => {
    const r = await w.app.inject({ method: 'POST', url: '/api/assessments', payload: { kind: 'nonsense' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
    const patch = await w.app.inject({ method: 'PATCH', url: '/api/enterprises/abc', payload: { size: 1 } });
    expect(patch.statusCode).toBe(401);
  });

  it('leaves login, health and the API document open', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    const login = await w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe('invalid_credentials');
  });
});

describe('the OpenAPI document', () => {
  let doc: any;
  beforeAll(async () => {
    doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  const schemaOf = (path: string, method = 'get', status = '200') =>
    doc.paths[path][method].responses[status].content['application/json'].schema;
  /** Resolves a local $ref, as a client generator would. */
  const resolve = (s: any): any => (s?.$ref ? resolve(s.$ref.split('/').slice(1).reduce((o: any, k: string) => o[k], doc)) : s);

  it('types every JSON response of every route (no bare objects)', () => {
    const untyped: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths))
      for (const [method, op] of Object.entries<any>(ops))
        for (const [status, res] of Object.entries<any>(op.responses ?? {})) {
          const s = resolve(res.content?.['application/json']?.schema);
          if (!s) continue;
          const bare = s.type === 'object' && !s.properties && (s.additionalProperties === undefined || s.additionalProperties === true || Object.keys(s.additionalProperties).length === 0);
          if (bare) untyped.push(`${method} ${path} ${status}`);
        }
    expect(untyped).toEqual([]);
  });

  it('documents a typed answer for every route (the file downloads excepted) and the one error shape', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths))
      for (const [method, op] of Object.entries<any>(ops)) {
        const responses = Object.entries<any>(op.responses ?? {});
        const ok = responses.some(([status, r]) => status.startsWith('2') && (r.content || status === '204'));
        if (!ok && !(method === 'get' && ['/api/evidence/{id}', '/api/rectification-evidence/{id}'].includes(path))) missing.push(`${method} ${path}`);
        const err = resolve(op.responses?.['4XX']?.content?.['application/json']?.schema);
        if (!err?.properties?.error) missing.push(`${method} ${path} 4XX`);
      }
    expect(missing).toEqual([]);
  });

  it('shows the score result with its dimensions and findings', () => {
    const s = resolve(schemaOf('/api/assessments/{id}/score'));
    expect(Object.keys(s.properties)).toEqual(
      expect.arrayContaining(['questionnaire', 'scoringModel', 'classification', 'risk', 'maturity', 'redlines', 'findings']),
    );
    const finding = resolve(resolve(s.properties.findings).items);
    expect(finding.properties.priority.enum).toEqual(['high', 'medium', 'low']);
  });

  it('shows the questionnaire with its sections and items', () => {
    const s = resolve(schemaOf('/api/assessments/{id}/questionnaire'));
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['id', 'version', 'hash', 'sections', 'dataTypes', 'exposure']));
    const section = resolve(resolve(s.properties.sections).items);
    expect(Object.keys(section.properties)).toEqual(expect.arrayContaining(['id', 'title', 'items', 'origin']));
  });
});

describe('the questionnaire wire document', () => {
  it('is served with its content hash as ETag, and 304 when the client holds it', async () => {
    const id = await draft(w, w.users.diagAssigned, w.ownAuto, 'field');
    const url = `/api/assessments/${id}/questionnaire`;
    const first = await w.app.inject({ method: 'GET', url, headers: w.users.diagAssigned.headers });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(first.headers.etag).toBe(`"${body.hash}"`);
    expect(body.hash).toBe(w.app.questionnaires.current('auto')!.hash);

    const again = await w.app.inject({ method: 'GET', url, headers: { ...w.users.diagAssigned.headers, 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await w.app.inject({ method: 'GET', url, headers: { ...w.users.diagAssigned.headers, 'if-none-match': '"other"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('turns back into a questionnaire that evaluates conditions as the server does', async () => {
    const id = await draft(w, w.users.entOwn, w.own, 'self');
    const r = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/questionnaire`);
    const q = fromWire(r.body);
    const server = w.app.questionnaires.current('core')!;
    expect(q.hash).toBe(server.hash);
    expect(q.items.map((i) => i.def.id)).toEqual(server.items.map((i) => i.def.id));
    for (const answers of [{}, { 'profile.internet': true }, { 'profile.internet': false }] as Answers[])
      expect([...visibleItems(q, answers)].sort()).toEqual([...visibleItems(server, answers)].sort());
  });

  it('is listed per current version and served for any known version, for logged-in users only', async () => {
    const list = await w.call(w.users.entOwn, 'GET', '/api/questionnaires');
    expect(list.status).toBe(200);
    const auto = list.body.find((q: { id: string }) => q.id === 'auto');
    expect(auto).toMatchObject({ version: '1.0.0+core.1.0.0', industryName: expect.any(String) });

    const url = `/api/questionnaires/auto/versions/${encodeURIComponent(auto.version)}`;
    const doc = await w.app.inject({ method: 'GET', url, headers: w.users.entOwn.headers });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers.etag).toBe(`"${auto.hash}"`);
    expect(fromWire(doc.json()).version).toBe(auto.version);
    const cached = await w.app.inject({ method: 'GET', url, headers: { ...w.users.entOwn.headers, 'if-none-match': `"${auto.hash}"` } });
    expect(cached.statusCode).toBe(304);

    expect((await w.call(w.users.entOwn, 'GET', '/api/questionnaires/auto/versions/9.9.9')).status).toBe(404);
    expect((await w.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('the stored score is served whole', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    const r = await w.call(w.users.admin, 'GET', `/api/assessments/${id}/score`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(storedScore(w.app.db, id));
  });
});
