/**
 * Property tests over random questionnaires and random answers. The monotonicity properties assume what
 * questionnaire authors are asked to keep: control answers do not drive visibility, exposure or grading
 * (here those depend on profile yes/no items only).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../../server/domain/questionnaire/compose.js';
import { score, type ScoreResult } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem, row } from './helpers.js';

const PAS = ['PA01', 'PA02', 'PA09', 'PA21', 'PA27'];
const CAPS = ['organization', 'process', 'technology', 'people'];
const FACTORS = ['internet', 'remote_om', 'third_party'];
const DOMAINS = ['production', 'rnd', 'management', '*'];

const itemSpec = fc.record({
  weight: fc.constantFrom(0.5, 1, 2, 3, 5),
  classification: fc.boolean(),
  maturity: fc.option(fc.record({ pa: fc.constantFrom(...PAS), level: fc.integer({ min: 1, max: 5 }), capability: fc.constantFrom(...CAPS) }), { nil: undefined }),
  risk: fc.option(
    fc.record({
      impact: fc.integer({ min: 1, max: 4 }),
      scenario: fc.constantFrom('leakage', 'ransomware', 'data_loss', 'vuln_backdoor', 'compliance'),
      exposure: fc.subarray(FACTORS),
      data: fc.subarray(DOMAINS, { minLength: 1 }),
    }),
    { nil: undefined },
  ),
  redline: fc.boolean(),
  // Visibility depends on profile items only.
  shownIf: fc.option(fc.constantFrom('p.ot', 'p.cloud'), { nil: undefined }),
});

const questionnaireArb = fc.array(itemSpec, { minLength: 1, maxLength: 25 }).map((specs) =>
  buildQ({
    exposure: FACTORS.map((factor, n) => ({ factor, label: factor, when: { item: `p.f${n}`, eq: true } })),
    operational_technology: { item: 'p.ot', eq: true },
    items: [
      { id: 'p.ot', kind: 'yesno', label: 'OT' },
      { id: 'p.cloud', kind: 'yesno', label: '云' },
      ...FACTORS.map((_, n) => ({ id: `p.f${n}`, kind: 'yesno', label: `暴露 ${n}` })),
      ...specs.map((s, n) =>
        control(
          `c${n}`,
          {
            weight: s.weight,
            // a scored item must count somewhere
            classification: s.classification || (!s.maturity && !s.risk),
            ...(s.maturity && { maturity: s.maturity }),
            ...(s.risk && { risk: { area: 'technology', ...s.risk } }),
            ...(s.redline && { redline: true }),
          },
          s.shownIf ? { visible_if: { item: s.shownIf, eq: true } } : {},
        ),
      ),
      filedItem({ classification: true, maturity: { pa: 'PA01', level: 2, capability: 'process' } }),
      inventoryItem,
    ],
    data_types: [
      {
        id: 'dt.a', name: 'A', domain: 'production', subcategory: 'x',
        grading: [
          { object: 'economy', degree: 'serious', when: { attr: 'scale', eq: 'industry' }, reason: 'r1' },
          { object: 'national_security', degree: 'serious', when: { item: 'p.ot', eq: true }, reason: 'r2' },
        ],
      },
      { id: 'dt.b', name: 'B', domain: 'rnd', subcategory: 'y', grading: [{ object: 'economy', degree: 'especially_serious', when: { attr: 'national_project', eq: true }, reason: 'r3' }] },
    ],
  }),
);

const controlIds = (q: Questionnaire) => q.items.filter((i) => i.def.kind === 'control').map((i) => i.def.id);

function answersArb(q: Questionnaire): fc.Arbitrary<Answers> {
  const controls = controlIds(q);
  return fc
    .record({
      controls: fc.array(fc.constantFrom('full', 'partial', 'none', 'na', undefined), { minLength: controls.length, maxLength: controls.length }),
      profile: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 5, maxLength: 5 }),
      rows: fc.array(
        fc.record({
          type: fc.constantFrom('dt.a', 'dt.b'),
          scale: fc.constantFrom('enterprise', 'industry'),
          national_project: fc.boolean(),
          held: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
    })
    .map(({ controls: values, profile, rows }) => {
      const a: Answers = {};
      controls.forEach((id, n) => {
        if (values[n] !== undefined) a[id] = values[n];
      });
      ['p.ot', 'p.cloud', 'p.f0', 'p.f1', 'p.f2'].forEach((id, n) => {
        if (profile[n] !== undefined) a[id] = profile[n];
      });
      a['data.inventory'] = rows.map((r) => row(r)) as never;
      return a;
    });
}

const scenario = questionnaireArb.chain((q) => answersArb(q).map((answers) => ({ q, answers })));

function checkBounds(r: ScoreResult): void {
  const c = r.classification;
  expect(c.score).toBeGreaterThanOrEqual(0);
  expect(c.score).toBeLessThanOrEqual(c.rawScore);
  expect(c.rawScore).toBeLessThanOrEqual(100);
  if (c.capped) expect(c.score).toBe(59);

  const m = r.maturity;
  for (const pa of m.processAreas) {
    expect(pa.level).toBeGreaterThanOrEqual(0);
    expect(pa.level).toBeLessThanOrEqual(5);
    for (const l of pa.levels) expect(l.fulfilment ?? 0).toBeGreaterThanOrEqual(0);
    for (const l of pa.levels) expect(l.fulfilment ?? 1).toBeLessThanOrEqual(1);
  }
  expect(m.level).toBeGreaterThanOrEqual(0);
  expect(m.level).toBeLessThanOrEqual(m.rawLevel);
  expect(m.mean).toBeGreaterThanOrEqual(0);
  expect(m.mean).toBeLessThanOrEqual(5);
  if (r.redlines.length > 0) expect(m.level).toBeLessThanOrEqual(1);
  for (const d of m.dimensions) expect(d.score ?? 0).toBeGreaterThanOrEqual(0);
  for (const d of m.dimensions) expect(d.score ?? 100).toBeLessThanOrEqual(100);

  for (const e of r.risk.entries) {
    expect(e.likelihood).toBeGreaterThanOrEqual(1);
    expect(e.likelihood).toBeLessThanOrEqual(4);
    expect(e.impact).toBeGreaterThanOrEqual(1);
    expect(e.impact).toBeLessThanOrEqual(4);
    expect(e.value).toBe(e.likelihood * e.impact);
  }
  const { major, high, medium, low } = r.risk.counts;
  expect(major + high + medium + low).toBe(r.risk.entries.length);
}

describe('scoring properties', () => {
  it('keeps every figure within bounds', () => {
    fc.assert(fc.property(scenario, ({ q, answers }) => checkBounds(score(q, answers))), { numRuns: 300 });
  });

  it('never gets worse when one control answer becomes 符合', () => {
    const withChoice = scenario.chain(({ q, answers }) =>
      fc.constantFrom(...controlIds(q)).map((id) => ({ q, answers, id })),
    );
    fc.assert(
      fc.property(withChoice, ({ q, answers, id }) => {
        const before = score(q, answers);
        const after = score(q, { ...answers, [id]: 'full' });
        checkBounds(after);

        expect(after.classification.rawScore).toBeGreaterThanOrEqual(before.classification.rawScore);
        expect(after.classification.score).toBeGreaterThanOrEqual(before.classification.score);
        expect(after.risk.entries.length).toBeLessThanOrEqual(before.risk.entries.length);
        expect(after.redlines.length).toBeLessThanOrEqual(before.redlines.length);

        const levelAfter = new Map(after.maturity.processAreas.map((p) => [p.pa, p]));
        for (const pa of before.maturity.processAreas) {
          expect(levelAfter.get(pa.pa)!.level).toBeGreaterThanOrEqual(pa.level);
          // an assessed PA stays assessed
          if (pa.assessed) expect(levelAfter.get(pa.pa)!.assessed).toBe(true);
        }
        // 不适用 → 符合 can bring an all-不适用 PA into the mean at a low level: that is the PA starting to
        // apply, not the enterprise getting worse. With the same PAs assessed, mean and level never fall.
        const assessed = (r: ScoreResult) => r.maturity.processAreas.filter((p) => p.assessed).map((p) => p.pa).join();
        if (assessed(before) === assessed(after)) {
          expect(after.maturity.mean).toBeGreaterThanOrEqual(before.maturity.mean);
          expect(after.maturity.level).toBeGreaterThanOrEqual(before.maturity.level);
        }
        if (answers[id] !== 'na') expect(after.maturity.mean).toBeGreaterThanOrEqual(before.maturity.mean);
        // the register (whatever the answer was, 不适用 and unanswered included): no theme's entry rises, the
        // enterprise level does not rise, no finding appears, no frequent-risk scenario's gap share grows
        const worst = (r: ScoreResult) => {
          const m = new Map<string, number>();
          for (const e of r.risk.entries) m.set(e.theme, Math.max(m.get(e.theme) ?? 0, e.value));
          return m;
        };
        const w = worst(after);
        for (const [theme, value] of worst(before)) expect(w.get(theme) ?? 0).toBeLessThanOrEqual(value);
        const RANK = { none: 0, low: 1, medium: 2, high: 3, major: 4 };
        expect(RANK[after.risk.level]).toBeLessThanOrEqual(RANK[before.risk.level]);
        expect(after.findings.length).toBeLessThanOrEqual(before.findings.length);
        for (const v of before.risk.verdicts) {
          const g = after.risk.verdicts.find((x) => x.theme === v.theme)!.gapShare;
          if (v.gapShare !== null) expect(g!).toBeLessThanOrEqual(v.gapShare);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic and JSON-clean', () => {
    fc.assert(
      fc.property(scenario, ({ q, answers }) => {
        const r = score(q, answers);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        expect(score(q, structuredClone(answers))).toEqual(r);
      }),
      { numRuns: 100 },
    );
  });
});
