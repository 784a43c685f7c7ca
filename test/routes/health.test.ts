import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { MINIMAL_CORE, questionnaireDir } from '../helpers/questionnaire-files.js';
import { QuestionnaireLoadError } from '../../server/services/questionnaire-loader.js';

describe('the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/health with the loaded questionnaires', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toBe('ok');
    expect(body.questionnaires.map((q: { id: string }) => q.id)).toContain('core');
  });

  it('serves the home page in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('数安诊断');
  });

  it('publishes an OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
    const paths = res.json().paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    expect(Object.keys(paths)).toContain('/api/health');
    // Swagger lists every route that is not hidden; each must say what it does for the people building clients.
    const undocumented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([, op]) => !op.summary || !op.tags?.length).map(([method]) => `${method} ${path}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('seeds the 18 Changchun districts in the programme order', () => {
    const names = t.app.db.prepare('SELECT name FROM districts ORDER BY sort_order').pluck().all();
    expect(names).toHaveLength(18);
    expect(names[0]).toBe('朝阳区');
    expect(names[2]).toBe('长春新区（南）');
    expect(names[17]).toBe('公主岭市');
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('找不到');
  });
});

describe('start-up', () => {
  it('stops on an invalid questionnaire file, naming it', async () => {
    const dir = questionnaireDir({ 'core.yaml': MINIMAL_CORE.replace('version: 1.0.0', 'version: one') });
    await expect(createTestApp({ questionnaireDir: dir })).rejects.toThrow(QuestionnaireLoadError);
    await expect(createTestApp({ questionnaireDir: dir })).rejects.toThrow(/core\.yaml: version/);
  });
});
