import { describe, expect, it } from 'vitest';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem } from './helpers.js';

const finding = (priority: string) => ({ finding: { problem: '问题', recommendation: '建议', priority } });
const risk = (impact: number) => ({ risk: { scenario: 'leakage', area: 'technology', impact } });

// Questionnaire order: f1 … f6. Ordering keys: red line, then priority, then risk value, then order.
const q = buildQ({
  items: [
    control('f1', { classification: true }, finding('low')),
    control('f2', { classification: true, ...risk(1) }, finding('medium')),
    control('f3', { classification: true, ...risk(4) }, finding('medium')),
    control('f4', { classification: true }, finding('high')),
    control('f5', { classification: true, redline: true }, finding('low')),
    control('f6', { classification: true }, { ...finding('medium'), refs: [{ standard: 'GB/T 37988-2019', clause: '9.1' }] }),
    filedItem(),
    inventoryItem,
  ],
});

describe('findings', () => {
  it('lists 不符合 and 部分符合 items in report order', () => {
    const r = score(q, { f1: 'none', f2: 'none', f3: 'partial', f4: 'partial', f5: 'none', f6: 'none', 'data.filed': 'full' });
    // f5 red line first; then high f4; then medium by risk value: f3 (L1 × I4 = 4) > f2 (L2 × I1 = 2) > f6 (no risk); then low f1
    expect(r.findings.map((f) => f.itemId)).toEqual(['f5', 'f4', 'f3', 'f2', 'f6', 'f1']);
    expect(r.findings[0]).toMatchObject({ redline: true, answer: 'none', fulfilment: 0, sectionId: 's' });
    expect(r.findings[2]).toMatchObject({ riskLevel: 'medium', fulfilment: 0.5 });
    expect(r.findings[4].refs).toEqual([{ standard: 'GB/T 37988-2019', clause: '9.1' }]);
    expect(r.findings[4]).not.toHaveProperty('riskLevel');
  });

  it('leaves out compliant, 不适用 and unanswered items', () => {
    const r = score(q, { f1: 'full', f2: 'na', f4: 'partial' });
    expect(r.findings.map((f) => f.itemId)).toEqual(['f4']);
  });

  it('keeps a partly met red line a finding but not a red line', () => {
    const r = score(q, { f5: 'partial' });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].redline).toBe(false);
    expect(r.redlines).toEqual([]);
  });
});

describe('key enterprise', () => {
  const ind = buildQ(
    { items: [{ id: 'p.revenue', kind: 'number', label: '营收（亿元）' }, filedItem(), inventoryItem] },
    {
      sections: [{ id: 'ind.s', title: '行业', items: [control('ind.c', { classification: true })] }],
      key_enterprise: { description: '年营收 10 亿元以上', when: { item: 'p.revenue', gte: 10 } },
    },
  );

  it('evaluates the module criteria on the answers', () => {
    expect(score(ind, { 'p.revenue': 12 }).profile.keyEnterprise).toEqual({ met: true, description: '年营收 10 亿元以上' });
    expect(score(ind, { 'p.revenue': 3 }).profile.keyEnterprise?.met).toBe(false);
    expect(score(q, {}).profile.keyEnterprise).toBeNull();
  });
});
