import { describe, expect, it } from 'vitest';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem } from './helpers.js';

const finding = (priority: string) => ({ finding: { problem: '问题', recommendation: '建议', priority } });
const risk = (impact: number) => ({ risk: { scenario: 'leakage', area: 'technology', impact } });

// Questionnaire order: f1 … f6. Ordering keys: red line, then priority, then the R of the item's register entry,
// then weight, then order.
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
    // f5 red line first; then high f4; then medium: f2 and f3 share the 数据泄露 entry (g 0.75 → V 3, L 2 × I 2 = 4),
    // so questionnaire order decides, then f6 (no entry); then low f1
    expect(r.findings.map((f) => f.itemId)).toEqual(['f5', 'f4', 'f2', 'f3', 'f6', 'f1']);
    expect(r.findings[0]).toMatchObject({ id: 'F-f5', redline: true, answer: 'none', fulfilment: 0, sectionId: 's', band: 'immediate' });
    expect(r.findings[3]).toMatchObject({ riskId: 'R-leakage', riskLevel: 'medium', fulfilment: 0.5, band: 'one_year' });
    expect(r.findings[1]).toMatchObject({ band: 'three_months' });
    expect(r.findings[4].refs).toEqual([{ standard: 'GB/T 37988-2019', clause: '9.1' }]);
    expect(r.findings[4]).not.toHaveProperty('riskLevel');
  });

  it('prints the 部分符合 text for a partial answer, never the 不符合 one', () => {
    const withPartial = buildQ({
      items: [
        control('p1', { classification: true }, { finding: { problem: '从未做过恢复测试', partial: '恢复测试不定期', recommendation: '建议', priority: 'medium' } }),
        control('p2', { classification: true }, { label: '备份定期做恢复测试？' }),
        filedItem(),
        inventoryItem,
      ],
    });
    const r = score(withPartial, { p1: 'partial', p2: 'partial' });
    expect(r.findings.map((f) => f.problem)).toEqual(['恢复测试不定期', '「备份定期做恢复测试」仅部分落实，尚未完全达到要求。']);
    expect(score(withPartial, { p1: 'none' }).findings[0].problem).toBe('从未做过恢复测试');
  });

  it('carries the evidence basis and the diagnostician note of the answer', () => {
    const r = score(q, { f1: 'none', f4: 'partial' }, { basis: { f1: 'verbal' }, notes: { f4: '仅 ERP 做了备份' } });
    expect(r.findings.find((f) => f.itemId === 'f1')).toMatchObject({ basis: 'verbal' });
    expect(r.findings.find((f) => f.itemId === 'f4')).toMatchObject({ basis: null, note: '仅 ERP 做了备份' });
    expect(r.summary.evidence).toEqual({ onsite: 0, document: 0, verbal: 1, unrecorded: 1 });
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
    expect(score(ind, { 'p.revenue': 12 }).profile.keyEnterprise).toEqual({ met: true, description: '年营收 10 亿元以上', label: '符合重点企业遴选条件（候选）' });
    expect(score(ind, { 'p.revenue': 3 }).profile.keyEnterprise?.met).toBe(false);
    expect(score(q, {}).profile.keyEnterprise).toBeNull();
  });
});
