/**
 * The API document states, for every operation, who may call it, how it authenticates (the session cookie, and
 * the x-csrf-token header for state-changing methods), its multipart body where it takes one, and its error
 * responses with their codes — and what it states is what the server does: roles are probed with real sessions and
 * documented errors against real answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/domain/roles.js';
import { EVIDENCE_MAX_BYTES } from '../../server/services/evidence.js';
import { ROSTER_MAX_BYTES } from '../../server/services/roster-import.js';
import { VERIFY_FILE_MAX_BYTES } from '../../server/services/reports.js';
import { TRAINING_MAX_BYTES } from '../../server/services/training-import.js';
import { addEnterprise } from '../helpers/accounts.js';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { fillPath, openApiDocument, operations, resolveRef, type Operation } from '../helpers/openapi.js';

let t: TestApp;
let doc: any;
let ops: Operation[];
beforeAll(async () => {
  t = await createTestApp();
  doc = await openApiDocument(t.app);
  ops = operations(doc);
});
afterAll(() => t.close());

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const name = (o: Operation) => `${o.method} ${o.path}`;
/** The codes the document gives for one status of an operation. */
const documentedCodes = (o: Operation, status: number): string[] =>
  resolveRef(doc, o.op.responses?.[String(status)]?.content?.['application/json']?.schema)?.properties?.error?.properties?.code?.enum ?? [];

describe('who may call each operation', () => {
  it('every operation lists its roles in x-roles and in a line of its description', () => {
    const wrong = ops.filter(({ op }) => {
      const roles = op['x-roles'];
      return !Array.isArray(roles) || roles.length === 0 || roles.some((r: string) => !ROLES.includes(r as Role)) || !/调用权限：/.test(op.description ?? '');
    });
    expect(wrong.map(name)).toEqual([]);
  });

  it('states the role lists the routes enforce', () => {
    const roles = (method: string, path: string) => doc.paths[path][method]['x-roles'];
    expect(roles('get', '/api/users')).toEqual(['admin', 'bureau', 'district']);
    expect(roles('get', '/api/districts/{id}/contacts')).toEqual(['admin']);
    expect(roles('post', '/api/assessments/{id}/issue')).toEqual(['admin', 'bureau', 'district']);
    expect(roles('post', '/api/assessments/{id}/review')).toEqual(['admin', 'bureau', 'district', 'diagnostician']);
    expect(roles('get', '/api/enterprises')).toEqual([...ROLES]);
    expect(doc.paths['/api/auth/login'].post['x-public']).toBe(true);
    expect(doc.paths['/api/users'].get.description).toContain('调用权限：系统管理员');
  });

  it('every role left out of x-roles is refused with 403 by the route', async () => {
    const district = (t.app.db.prepare('SELECT id FROM districts ORDER BY id LIMIT 1').get() as { id: number }).id;
    const enterprise = addEnterprise(t.app, (t.app.db.prepare('SELECT name FROM districts WHERE id = ?').get(district) as { name: string }).name);
    const scope = { district: { districtId: district }, enterprise: { enterpriseId: enterprise } } as Partial<Record<Role, object>>;
    const sessions = Object.fromEntries(ROLES.map((r) => [r, loginAs(t.app, r, scope[r])]));
    const wrong: string[] = [];
    // Routes without a JSON body: validation (which comes first) cannot answer before the role check.
    for (const o of ops.filter((x) => !x.op.requestBody?.content?.['application/json']))
      for (const role of ROLES.filter((r) => !o.op['x-roles'].includes(r))) {
        const res = await t.app.inject({ method: o.method as 'GET', url: fillPath(o.path), headers: sessions[role].headers });
        if (res.statusCode !== 403 || res.json().error.code !== 'forbidden') wrong.push(`${name(o)} as ${role} → ${res.statusCode}`);
      }
    expect(wrong).toEqual([]);
  });
});

describe('authentication', () => {
  it('declares the session cookie and the CSRF header as security schemes', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dsd_session' });
    expect(doc.components.securitySchemes.csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-csrf-token' });
  });

  it('every operation needs the session (unless public), and the x-csrf-token header when it changes something', () => {
    const wrong: string[] = [];
    for (const o of ops) {
      const security: Record<string, unknown>[] = o.op.security ?? [];
      const withSession = security.filter((s) => 'session' in s);
      if (withSession.length === 0) wrong.push(`${name(o)}: no session`);
      if (!o.op['x-public'] && security.some((s) => !('session' in s))) wrong.push(`${name(o)}: anonymous allowed`);
      if (!SAFE.has(o.method) && withSession.some((s) => !('csrf' in s))) wrong.push(`${name(o)}: no csrf`);
      if (!SAFE.has(o.method) && !o.op.description?.includes('x-csrf-token')) wrong.push(`${name(o)}: description`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('multipart bodies', () => {
  it('the upload routes document the file field, its type and its size limit', () => {
    const multipart = ops.filter((o) => o.op.requestBody?.content?.['multipart/form-data']);
    expect(multipart.map(name).sort()).toEqual([
      'POST /api/assessments/{id}/evidence/{itemId}',
      'POST /api/rectifications/{id}/evidence',
      'POST /api/roster/import',
      'POST /api/upward/trainings/import',
      'POST /api/verify',
    ]);
    const limits: Record<string, number> = {
      '/api/roster/import': ROSTER_MAX_BYTES,
      '/api/assessments/{id}/evidence/{itemId}': EVIDENCE_MAX_BYTES,
      '/api/rectifications/{id}/evidence': EVIDENCE_MAX_BYTES,
      '/api/upward/trainings/import': TRAINING_MAX_BYTES,
      '/api/verify': VERIFY_FILE_MAX_BYTES,
    };
    for (const o of multipart) {
      const schema = o.op.requestBody.content['multipart/form-data'].schema;
      expect(schema.required).toEqual(['file']);
      expect(schema['x-max-files']).toBe(1);
      expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary', 'x-max-bytes': limits[o.path] });
      expect(schema.properties.file.description).toMatch(/不超过 \d+ MB/);
      expect(schema.properties.file['x-accepts'].length).toBeGreaterThan(0);
    }
  });
});

describe('error responses', () => {
  it('every operation lists its error statuses with their codes', () => {
    const wrong: string[] = [];
    for (const o of ops) {
      const statuses = Object.keys(o.op.responses).filter((s) => /^4\d\d$/.test(s));
      for (const s of statuses) if (documentedCodes(o, Number(s)).length === 0) wrong.push(`${name(o)} ${s}: no codes`);
      if (!o.op['x-public'] && !documentedCodes(o, 401).includes('unauthenticated')) wrong.push(`${name(o)}: 401`);
      if ((o.op.parameters?.length || o.op.requestBody) && !documentedCodes(o, 400).includes('validation')) wrong.push(`${name(o)}: 400`);
      if (o.path.includes('{') && !documentedCodes(o, 404).includes('not_found')) wrong.push(`${name(o)}: 404`);
      if (!SAFE.has(o.method) && !['csrf', 'origin'].every((c) => documentedCodes(o, 403).includes(c))) wrong.push(`${name(o)}: 403`);
    }
    expect(wrong).toEqual([]);
  });

  it('what the server answers is documented: anonymous, without the CSRF token, from another origin, with a bad id', async () => {
    const admin = loginAs(t.app, 'admin');
    const wrong: string[] = [];
    const check = async (o: Operation, what: string, request: { url: string; headers: Record<string, string> }) => {
      const res = await t.app.inject({ method: o.method as 'GET', ...request });
      if (res.statusCode < 400) return;
      const code = res.json().error?.code;
      if (!documentedCodes(o, res.statusCode).includes(code)) wrong.push(`${name(o)} ${what} → ${res.statusCode} ${code}`);
    };
    for (const o of ops) {
      await check(o, 'anonymous', { url: fillPath(o.path), headers: {} });
      await check(o, 'bad id', { url: fillPath(o.path, {}, 'x'.repeat(120)), headers: admin.headers });
      if (SAFE.has(o.method)) continue;
      await check(o, 'no csrf', { url: fillPath(o.path), headers: { cookie: admin.headers.cookie } });
      await check(o, 'other origin', { url: fillPath(o.path), headers: { ...admin.headers, origin: 'https://evil.example' } });
    }
    expect(wrong).toEqual([]);
  });
});
