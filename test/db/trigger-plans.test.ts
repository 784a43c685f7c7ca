/**
 * Lookups inside the summary triggers that SQLite could answer with the wrong index: the readiness counts find a
 * score's enterprise through enterprise_summary_assessment (one row), not by walking every diagnosed enterprise in
 * enterprise_summary_levels (migration 188; 1.7 ms a score at 50,000 enterprises).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('summary trigger lookups', () => {
  it.each(['readiness_counts_fi', 'readiness_counts_fd'])('%s finds the enterprise of a score by its assessment index', (name) => {
    const db = t.app.db;
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string;
    const lookup = /\((SELECT s\.district_id FROM enterprise_summary s WHERE [^)]*)\)/.exec(sql)?.[1];
    expect(lookup).toBeDefined();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${lookup!.replace(/\b(NEW|OLD)\.assessment_id\b/g, '?')}`)
      .all(1)
      .map((r) => (r as { detail: string }).detail);
    expect(plan).toEqual(['SEARCH s USING INDEX enterprise_summary_assessment (assessment_id=?)']);
  });
});
