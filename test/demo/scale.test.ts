/** The generator's scale and seed: the size of the city follows the scale, and a seed gives one reproducible city. */
import { afterAll, describe, expect, it } from 'vitest';
import { DISTRICT_MIX } from '../../server/demo/plan.js';
import { loadDemoData } from '../../server/demo/generate.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function city(seed: number, scale: number) {
  const t = await createTestApp();
  apps.push(t);
  const summary = await loadDemoData(t.app.db, t.app.questionnaires, { seed, scale });
  const rows = t.app.db.prepare('SELECT credit_code, name, district_id, industry_code FROM enterprises ORDER BY id').raw().all();
  return { summary: summary!, rows, db: t.app.db };
}

describe('demo scale and seed', () => {
  it('makes as many enterprises per district as the scale asks, through the services', async () => {
    const small = await city(7, 0.1);
    const expected = Object.values(DISTRICT_MIX).reduce((n, p) => n + Math.round(p.count * 0.1), 0);
    expect(small.summary.enterprises).toBe(expected);
    expect(small.rows).toHaveLength(expected);
    // Written by the services: every submitted assessment has its events, score and rectifications.
    const unscored = small.db
      .prepare(`SELECT COUNT(*) FROM assessments a WHERE status <> 'draft' AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.assessment_id = a.id)`)
      .pluck()
      .get();
    expect(unscored).toBe(0);
    const withoutEvents = small.db
      .prepare(`SELECT COUNT(*) FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM assessment_events e WHERE e.assessment_id = a.id AND e.action = 'create')`)
      .pluck()
      .get();
    expect(withoutEvents).toBe(0);
  }, 180_000);

  it('gives the same city for the same seed and another for another seed', async () => {
    const a = await city(11, 0.05);
    const b = await city(11, 0.05);
    const c = await city(12, 0.05);
    expect(b.rows).toEqual(a.rows);
    expect(c.rows).not.toEqual(a.rows);
  }, 180_000);
});
