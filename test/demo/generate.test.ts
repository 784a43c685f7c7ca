import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateUscc } from '../../server/domain/uscc.js';
import { score } from '../../server/domain/scoring/index.js';
import { scoringInput, storedScore } from '../../server/services/assessments.js';
import { loadDemoData, type DemoSummary } from '../../server/demo/generate.js';
import { listCases, listTrainings, plan, trainingCoverage } from '../../server/services/upward.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let summary: DemoSummary | null;

/** A digest of everything generated, to compare two loads. */
function digest(t: TestApp): string {
  const h = createHash('sha256');
  for (const sql of [
    'SELECT credit_code, name, district_id, industry_code, size, refused FROM enterprises ORDER BY id',
    'SELECT enterprise_id, kind, status, questionnaire_id, created_at, submitted_at FROM assessments ORDER BY id',
    'SELECT assessment_id, k.item_id, value FROM answers JOIN item_keys k ON k.id = item ORDER BY assessment_id, k.item_id',
    'SELECT assessment_id, result, hex(detail) FROM scores ORDER BY assessment_id',
    'SELECT assessment_id, item_id, status, status_date FROM rectifications ORDER BY id',
  ])
    h.update(JSON.stringify(t.app.db.prepare(sql).raw().all()));
  return h.digest('hex');
}

beforeAll(async () => {
  t = await createTestApp();
  summary = await loadDemoData(t.app.db, t.app.questionnaires);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('the demo dataset', () => {
  it('has about 300 enterprises, some refused, and assessments at every stage', () => {
    expect(summary).not.toBeNull();
    expect(summary!.enterprises).toBeGreaterThanOrEqual(280);
    expect(summary!.refused).toBeGreaterThan(0);
    for (const status of ['draft', 'submitted', 'reviewed', 'issued'] as const) {
      const n = t.app.db.prepare('SELECT COUNT(*) FROM assessments WHERE status = ?').pluck().get(status) as number;
      expect(n, status).toBeGreaterThan(0);
      expect(n).toBe(summary!.assessments[status]);
    }
    const kinds = t.app.db.prepare('SELECT DISTINCT kind FROM assessments ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['field', 'self']);
  });

  it('spreads enterprises over every district and industry, mostly automotive in 汽开区', () => {
    const perDistrict = t.app.db.prepare('SELECT COUNT(DISTINCT district_id) FROM enterprises').pluck().get();
    expect(perDistrict).toBe(18);
    const industries = t.app.db.prepare('SELECT COUNT(DISTINCT industry_code) FROM enterprises').pluck().get();
    expect(industries).toBe(10);
    const qikai = t.app.db
      .prepare(`SELECT e.industry_code, COUNT(*) AS n FROM enterprises e JOIN districts d ON d.id = e.district_id WHERE d.code = 'qikai' GROUP BY 1 ORDER BY n DESC`)
      .all() as { industry_code: string; n: number }[];
    expect(qikai[0].industry_code).toBe('auto');
  });

  it('gives every enterprise a valid, unique credit code', () => {
    const codes = t.app.db.prepare('SELECT credit_code FROM enterprises').pluck().all() as string[];
    for (const code of codes) expect(validateUscc(code), code).toEqual({ ok: true, code });
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('stores scores that recompute equal from the stored answers and pinned questionnaire', () => {
    const rows = t.app.db
      .prepare(`SELECT s.assessment_id AS id, a.questionnaire_id AS qid, a.questionnaire_version AS qv, s.questionnaire_hash AS hash
                FROM scores s JOIN assessments a ON a.id = s.assessment_id`)
      .all() as { id: number; qid: string; qv: string; hash: string }[];
    expect(rows.length).toBe(summary!.assessments.submitted + summary!.assessments.reviewed + summary!.assessments.issued);
    for (const r of rows) {
      const q = t.app.questionnaires.get(r.qid, r.qv)!;
      expect(r.hash).toBe(q.hash);
      const { answers, options } = scoringInput(t.app.db, r.id);
      expect(score(q, answers, options)).toEqual(storedScore(t.app.db, r.id));
    }
  });

  it('has field visits on both paths with the evidence basis recorded, and self-assessments without one', () => {
    const variants = t.app.db.prepare(`SELECT DISTINCT variant FROM assessments WHERE kind = 'field' ORDER BY 1`).pluck().all();
    expect(variants).toEqual(['full', 'quick']);
    const basisBy = (kind: string) =>
      t.app.db.prepare(`SELECT COUNT(*) FROM answers n JOIN assessments a ON a.id = n.assessment_id WHERE a.kind = ? AND n.basis IS NOT NULL`).pluck().get(kind) as number;
    expect(basisBy('field')).toBeGreaterThan(1000);
    expect(basisBy('self')).toBe(0);
  });

  it('looks like a city of 规上 SMEs, not one in crisis: few below level 1, some at level 2, 重大 a minority', () => {
    const rows = t.app.db.prepare('SELECT maturity_level AS m, risk_level AS r FROM scores').all() as { m: number; r: string }[];
    const share = (f: (x: { m: number; r: string }) => boolean) => rows.filter(f).length / rows.length;
    expect(share((x) => x.m === 0)).toBeLessThanOrEqual(0.12);
    expect(share((x) => x.m >= 2)).toBeGreaterThanOrEqual(0.1);
    expect(share((x) => x.r === 'major')).toBeLessThan(0.35);
  });

  it('has rectifications in every state, with a history for each step', () => {
    const states = t.app.db.prepare('SELECT DISTINCT status FROM rectifications ORDER BY status').pluck().all();
    expect(states).toEqual(['accepted', 'in_progress', 'open', 'rectified']);
    const inconsistent = t.app.db
      .prepare(`SELECT COUNT(*) FROM rectifications r WHERE status <> 'open' AND status <> (
                  SELECT new_status FROM rectification_history h WHERE h.rectification_id = r.id ORDER BY h.seq DESC LIMIT 1)`)
      .pluck()
      .get();
    expect(inconsistent).toBe(0);
  });

  it('has no enterprise work on findings of a field assessment before its report is issued (it cannot see them)', () => {
    const early = t.app.db
      .prepare(`SELECT COUNT(*) FROM rectification_history h
                  JOIN rectifications r ON r.id = h.rectification_id
                  JOIN assessments a ON a.id = r.assessment_id
                WHERE a.kind = 'field' AND a.status <> 'issued' AND h.new_status IN ('in_progress', 'rectified')`)
      .pluck()
      .get();
    expect(early).toBe(0);
  });

  it('matches the figures the README gives for it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const m = /（(\d+) 家虚构企业、各阶段的 (\d+) 份诊断[，）]/.exec(readme);
    expect(m, 'README states the demo figures').not.toBeNull();
    const total = Object.values(summary!.assessments).reduce((a, b) => a + b, 0);
    expect({ enterprises: Number(m![1]), assessments: Number(m![2]) }).toEqual({ enterprises: summary!.enterprises, assessments: total });
  });

  it('fills the figures owed upward: trainings over the plan years, typical-case candidates, the plan with targets', () => {
    const coverage = trainingCoverage(t.app.db, 2026);
    expect(coverage.sessions).toBeGreaterThan(0);
    expect(coverage.enterprisesCovered).toBeGreaterThan(0);
    expect(coverage.keyIndustryScaledCovered).toBeGreaterThan(0);
    expect(listTrainings(t.app.db, 2025).length).toBeGreaterThan(0);
    const cases = listCases(t.app.db, 2026);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) expect([...c.summary].length).toBeLessThanOrEqual(100);
    const rows = plan(t.app.db, 2026, t.app.now()).rows;
    expect(rows.every((r) => r.target)).toBe(true);
    expect(rows.find((r) => r.indicator === 'cases')!.actual).toBe(cases.length);
    expect(rows.find((r) => r.indicator === 'training')!.actual).toBe(listTrainings(t.app.db).reduce((n, x) => n + x.personTimes, 0));
    expect(plan(t.app.db, 2025, t.app.now()).rows.find((r) => r.indicator === 'classification')!.actual).toBeGreaterThan(0);
    // The diagnoses' count beside it: this year's from the dashboard's summary equals the count from the reports
    // that a later year makes of it.
    const suggested = (now: string) => plan(t.app.db, 2026, now).rows.find((r) => r.indicator === 'classification')!.suggested;
    expect(suggested(t.app.now())).toBeGreaterThan(0);
    expect(suggested('2027-03-01T00:00:00.000Z')).toBe(suggested(t.app.now()));
  });

  it('creates one demo account per role', () => {
    const roles = t.app.db.prepare(`SELECT role FROM users WHERE username LIKE 'demo-%' AND disabled = 0 ORDER BY role`).pluck().all();
    expect(roles).toEqual(['admin', 'bureau', 'diagnostician', 'district', 'enterprise']);
  });

  it('is loaded only into a database without enterprises', async () => {
    expect(await loadDemoData(t.app.db, t.app.questionnaires)).toBeNull();
  });

  it('is the same data on every load', async () => {
    const other = await createTestApp();
    try {
      await loadDemoData(other.app.db, other.app.questionnaires);
      expect(digest(other)).toBe(digest(t));
    } finally {
      await other.close();
    }
  }, 180_000);
});
