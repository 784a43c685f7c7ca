import { describe, expect, it } from 'vitest';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, inventoryItem, row } from './helpers.js';

const q = buildQ({
  important_data_declared: { item: 'p.declared', eq: true },
  obligations: [
    { id: 'lead', label: '明确负责人', items: ['o.lead', 'o.body'], refs: [{ standard: '网络数据安全管理条例', clause: '第三十条' }] },
    { id: 'filing', label: '目录备案', items: ['o.filed'], candidates: true, refs: [{ standard: '166号' }] },
    { id: 'export', label: '出境评估', items: ['o.export'], applies_if: { item: 'p.export', eq: true }, refs: [{ standard: '数据出境安全评估办法' }] },
  ],
  items: [
    { id: 'p.declared', kind: 'yesno', label: '企业自认持有重要数据' },
    { id: 'p.export', kind: 'yesno', label: '有数据出境' },
    { id: 'p.internet', kind: 'yesno', label: '互联网暴露' },
    control('o.lead', { weight: 3, risk: { scenario: 'compliance', area: 'management' } }),
    control('o.body', { risk: { scenario: 'compliance', area: 'management' } }),
    control('o.filed', { weight: 4, classification: true, needs_candidates: true }, { role: 'catalogue_filed' }),
    control('o.export', { risk: { scenario: 'illegal_transfer', area: 'processing' }, redline: { candidates: 'exported' } }),
    control('o.ports', { risk: { scenario: 'ransomware', area: 'technology' }, redline: { when: { item: 'p.internet', eq: true } } }),
    inventoryItem,
  ],
  data_types: [
    {
      id: 'dt.recipe', name: '工艺配方', domain: 'production', subcategory: '工艺参数',
      grading: [{ object: 'economy', degree: 'serious', when: { attr: 'scale', eq: 'industry' }, reason: '重要' }],
    },
  ],
});

const status = (answers: Record<string, unknown>) =>
  Object.fromEntries(score(q, answers as never).obligations.map((o) => [o.id, o.status]));
const important = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };

describe('obligations checklist', () => {
  it('is met, partly met or not met from its applicable items', () => {
    expect(status({ 'o.lead': 'full', 'o.body': 'full' }).lead).toBe('met');
    expect(status({ 'o.lead': 'full', 'o.body': 'none' }).lead).toBe('partly_met');
    expect(status({ 'o.lead': 'none', 'o.body': 'none' }).lead).toBe('not_met');
    expect(status({}).lead).toBe('unanswered');
  });

  it('applies filing only to holders of 重要/核心 candidates, or enterprises that declare such data', () => {
    expect(status({ 'o.filed': 'none' }).filing).toBe('not_applicable');
    expect(status({ 'o.filed': 'none', ...important }).filing).toBe('not_met');
    expect(status({ 'o.filed': 'none', 'p.declared': true }).filing).toBe('not_met');
  });

  it('applies the export duty only when its condition holds', () => {
    expect(status({ 'o.export': 'none' }).export).toBe('not_applicable');
    expect(status({ 'o.export': 'none', 'p.export': true }).export).toBe('not_met');
  });

  it('carries label, status label and legal source for the report', () => {
    const [lead] = score(q, { 'o.lead': 'full', 'o.body': 'partial' }).obligations;
    expect(lead).toMatchObject({ label: '明确负责人', statusLabel: '部分落实', refs: [{ standard: '网络数据安全管理条例', clause: '第三十条' }] });
  });
});

describe('declared and proposed important data', () => {
  it('names the disagreement between the enterprise’s own identification and the draft catalogue', () => {
    expect(score(q, { 'p.declared': true }).dataAssets).toMatchObject({ declaredImportant: true, candidates: 0 });
    expect(score(q, { 'p.declared': true }).dataAssets.conflict).toContain('企业自认持有重要数据或核心数据');
    expect(score(q, important as never).dataAssets.conflict).toContain('1 类重要 / 核心数据候选，但企业尚未识别出重要数据');
    expect(score(q, { 'p.declared': true, ...important } as never).dataAssets.conflict).toBeNull();
  });
});

describe('items that need candidates', () => {
  it('count as 不适用 without candidates, whatever was answered: no filing finding for data the enterprise does not hold', () => {
    const r = score(q, { 'o.filed': 'none' });
    expect(r.findings.map((f) => f.itemId)).not.toContain('o.filed');
    expect(r.classification.contributions.find((c) => c.itemId === 'o.filed')).toMatchObject({ fulfilment: null });
    expect(score(q, { 'o.filed': 'none', ...important }).findings.map((f) => f.itemId)).toContain('o.filed');
  });
});

describe('conditional red lines', () => {
  it('breach exposed ports only with internet exposure', () => {
    expect(score(q, { 'o.ports': 'none' }).redlines).toEqual([]);
    expect(score(q, { 'o.ports': 'none', 'p.internet': true }).redlines.map((r) => r.itemId)).toEqual(['o.ports']);
  });

  it('breach the export assessment only when a candidate row is exported', () => {
    const exported = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry', cross_border: true })] };
    expect(score(q, { 'o.export': 'none', ...important }).redlines).toEqual([]);
    const r = score(q, { 'o.export': 'none', ...exported });
    expect(r.redlines.map((x) => x.itemId)).toEqual(['o.export']);
    expect(r.findings[0]).toMatchObject({ itemId: 'o.export', redline: true, band: 'immediate' });
  });
});
