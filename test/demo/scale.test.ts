/** The generator's scale and seed: the size of the city follows the scale, and a seed gives one reproducible city. */
import { afterAll, describe, expect, it } from 'vitest';
import { DISTRICT_MIX } from '../../server/demo/plan.js';
import { loadDemoData, type DemoOptions } from '../../server/demo/generate.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function city(seed: number, scale: number, more: DemoOptions = {}) {
  const t = await createTestApp();
  apps.push(t);
  const summary = await loadDemoData(t.app.db, t.app.questionnaires, { seed, scale, ...more });
  const rows = t.app.db.prepare('SELECT credit_code, name, district_id, industry_code FROM enterprises ORDER BY id').raw().all();
  return { summary: summary!, rows, db: t.app.db };
}

const workListIndexes = (db: TestApp['app']['db']) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('rectifications_work', 'rectifications_area') ORDER BY name").pluck().all();

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
    // The load keeps SQLite's temporary files in memory, and gives the connection back as it found it.
    expect(small.db.pragma('temp_store', { simple: true })).toBe(0);
    // The work list's indexes, built at the end of the load, are there and answer the list.
    expect(workListIndexes(small.db)).toEqual(['rectifications_area', 'rectifications_work']);
  }, 180_000);

  it('gives the same city for the same seed and another for another seed', async () => {
    const a = await city(11, 0.05);
    const b = await city(11, 0.05);
    const c = await city(12, 0.05);
    expect(b.rows).toEqual(a.rows);
    expect(c.rows).not.toEqual(a.rows);
  }, 180_000);

  it('tells earlier campaign years as issued field diagnoses, the same city whether committed at once or in batches', async () => {
    const once = await city(5, 0.1, { campaigns: 3 });
    const progress: number[] = [];
    const batched = await city(5, 0.1, { campaigns: 3, commitEvery: 5, onProgress: (p) => progress.push(p.assessments) });
    const content = (db: typeof once.db) =>
      [
        'SELECT enterprise_id, kind, status, variant, created_at, issued_at FROM assessments ORDER BY id',
        'SELECT assessment_id, k.item_id, value FROM answers JOIN item_keys k ON k.id = item ORDER BY assessment_id, k.item_id',
        'SELECT assessment_id, item_id, status, status_date FROM rectifications ORDER BY id',
      ].map((sql) => db.prepare(sql).raw().all());
    expect(content(batched.db)).toEqual(content(once.db));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // About two assessments per enterprise diagnosed; the years before the current campaign hold issued field
    // diagnoses only, most of their findings accepted.
    const n = Object.values(once.summary.assessments).reduce((a, b) => a + b, 0);
    expect(n / (once.summary.enterprises - once.summary.refused)).toBeGreaterThan(1.6);
    const year = (sql: string) => once.db.prepare(sql).raw().all();
    expect(year(`SELECT DISTINCT kind, status FROM assessments WHERE created_at < '2024-12-01'`)).toEqual([['field', 'issued']]);
    const closed = once.db
      .prepare(`SELECT AVG(r.status = 'accepted') FROM rectifications r JOIN assessments a ON a.id = r.assessment_id WHERE a.created_at < '2024-12-01'`)
      .pluck()
      .get() as number;
    expect(closed).toBeGreaterThan(0.5);
  }, 300_000);

  it('builds the work-list indexes again when a load committed in batches stops with an error', async () => {
    const t = await createTestApp();
    apps.push(t);
    const load = loadDemoData(t.app.db, t.app.questionnaires, {
      seed: 5,
      scale: 0.05,
      commitEvery: 5,
      onProgress: () => {
        throw new Error('磁盘已满');
      },
    });
    await expect(load).rejects.toThrow('磁盘已满');
    expect(t.app.db.inTransaction).toBe(false);
    expect(workListIndexes(t.app.db)).toEqual(['rectifications_area', 'rectifications_work']);
  }, 180_000);
});
