import { describe, expect, it } from 'vitest';
import { visibleItems } from '../../../server/domain/questionnaire/conditions.js';
import { narrowToVariant } from '../../../server/domain/questionnaire/variant.js';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, inventoryItem } from '../scoring/helpers.js';

const m = (pa: string, level: number) => ({ maturity: { pa, level, capability: 'process' } });
const q = buildQ({
  items: [
    { id: 'p.name', kind: 'text', label: '企业名称' },
    control('c.basic', m('PA01', 1), { tier: 'quick' }),
    control('c.plan', m('PA01', 2), { tier: 'quick' }),
    control('c.deep', m('PA01', 3)),
    control('c.extra', m('PA01', 1)),
    inventoryItem,
  ],
});

describe('questionnaire variants', () => {
  it('the quick variant keeps the unscored items and the scored items tagged tier: quick', () => {
    const visible = narrowToVariant(q, visibleItems(q, {}), 'quick');
    expect([...visible].sort()).toEqual(['c.basic', 'c.plan', 'data.inventory', 'p.name']);
    expect(narrowToVariant(q, visibleItems(q, {}), 'full').size).toBe(6);
  });

  it('scores the quick variant with the same engine, maturity up to level 2, and says which variant was used', () => {
    const answers = { 'c.basic': 'full', 'c.plan': 'full', 'c.deep': 'full', 'c.extra': 'partial' } as const;
    const full = score(q, answers);
    const quick = score(q, answers, { variant: 'quick' });
    expect([full.variant, quick.variant]).toEqual(['full', 'quick']);
    // full: level 1 = (1 + 0.5) / 2 = 0.75 → met; level 2 (one item) judged with level 1: 2.5 / 3 → met; level 3
    // with levels 2 and 1: 3.5 / 4 → met → 3. quick: c.extra is not asked; capped at 2.
    expect([full.maturity.level, full.maturity.maxLevel]).toEqual([3, 3]);
    expect([quick.maturity.level, quick.maturity.maxLevel]).toEqual([2, 2]);
    expect(full.findings.map((f) => f.itemId)).toEqual(['c.extra']);
    expect(quick.findings).toEqual([]);
  });
});
