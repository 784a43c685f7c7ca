import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../server/domain/questionnaire/answers.js';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem, row } from './helpers.js';

// Three classification items with weights 1, 2, 3 (Σw = 6), plus the filing item (weight 1, also counted).
const q = buildQ({
  items: [
    control('c.a', { classification: true, weight: 1 }),
    control('c.b', { classification: true, weight: 2 }),
    control('c.c', { classification: true, weight: 3 }),
    filedItem({ classification: true, weight: 1 }),
    inventoryItem,
  ],
  data_types: [
    {
      id: 'dt.recipe',
      name: '工艺配方',
      domain: 'production',
      subcategory: '工艺参数',
      grading: [{ object: 'economy', degree: 'serious', when: { attr: 'scale', eq: 'industry' }, reason: '行业级影响' }],
    },
  ],
});

const all = (v: string): Answers => ({ 'c.a': v, 'c.b': v, 'c.c': v, 'data.filed': v });

describe('classification score', () => {
  it('is 100 when fully compliant', () => {
    const r = score(q, all('full')).classification;
    // 100 × (1+2+3+1)·1 / 7 = 100
    expect(r.score).toBe(100);
    expect(r.capped).toBe(false);
    expect(r.contributions.map((c) => c.fulfilment)).toEqual([1, 1, 1, 1]);
  });

  it('is 0 when bare (all 不符合)', () => {
    const r = score(q, all('none')).classification;
    expect(r.score).toBe(0);
    expect(r.rawScore).toBe(0);
  });

  it('weights partial answers by 0.5', () => {
    // c.a full (1·1), c.b partial (2·0.5), c.c none (3·0), filed partial (1·0.5)
    // S = 100 × (1 + 1 + 0 + 0.5) / 7 = 35.714… → 35.7
    const r = score(q, { 'c.a': 'full', 'c.b': 'partial', 'c.c': 'none', 'data.filed': 'partial' }).classification;
    expect(r.score).toBe(35.7);
    expect(r.contributions.find((c) => c.itemId === 'c.b')).toEqual({
      itemId: 'c.b', label: '题目 c.b', answer: 'partial', fulfilment: 0.5, weight: 2,
    });
  });

  it('leaves 不适用 out of the denominator', () => {
    // c.c (w 3) is na: S = 100 × (1·1 + 2·0.5 + 1·1) / (1 + 2 + 1) = 100 × 3 / 4 = 75
    const r = score(q, { 'c.a': 'full', 'c.b': 'partial', 'c.c': 'na', 'data.filed': 'full' }).classification;
    expect(r.score).toBe(75);
    expect(r.contributions.find((c) => c.itemId === 'c.c')?.fulfilment).toBeNull();
  });

  it('leaves unanswered items out of the denominator but lists them', () => {
    // only c.a (full) and c.b (none) answered: S = 100 × 1 / 3 = 33.3
    const r = score(q, { 'c.a': 'full', 'c.b': 'none' }).classification;
    expect(r.score).toBe(33.3);
    expect(r.unanswered.map((u) => u.itemId)).toEqual(['c.c', 'data.filed']);
    expect(r.contributions.map((c) => c.itemId)).toEqual(['c.a', 'c.b']);
  });

  it('scores 0 when nothing applies', () => {
    expect(score(q, {}).classification.score).toBe(0);
    expect(score(q, all('na')).classification.score).toBe(0);
  });
});

describe('catalogue gate', () => {
  const important = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };

  it('caps the score at 59 when important data is held and no catalogue is filed', () => {
    // c.a–c.c full, filed none: raw = 100 × 6 / 7 = 85.7 → capped to 59
    const r = score(q, { ...all('full'), 'data.filed': 'none', ...important }).classification;
    expect(r.rawScore).toBe(85.7);
    expect(r.score).toBe(59);
    expect(r.capped).toBe(true);
    expect(r.gate).toMatchObject({ candidates: 1, catalogueFiled: false });
    expect(r.gate.reason).toContain('59');
  });

  it('counts 部分符合 as filed', () => {
    // raw = 100 × (6 + 0.5) / 7 = 92.9, not capped
    const r = score(q, { ...all('full'), 'data.filed': 'partial', ...important }).classification;
    expect(r.score).toBe(92.9);
    expect(r.capped).toBe(false);
    expect(r.gate.reason).toBeUndefined();
  });

  it('does not count 不适用 as filed', () => {
    const r = score(q, { ...all('full'), 'data.filed': 'na', ...important }).classification;
    // raw = 100 × 6 / 6 = 100 → 59
    expect(r.score).toBe(59);
    expect(r.gate.catalogueFiled).toBe(false);
  });

  it('does not apply without candidate rows', () => {
    const r = score(q, { ...all('full'), 'data.filed': 'none', 'data.inventory': [row({ type: 'dt.recipe' })] }).classification;
    expect(r.gate).toEqual({ candidates: 0, catalogueFiled: false });
    expect(r.score).toBe(85.7);
  });

  it('reports the gate but not capped when the raw score is already ≤ 59', () => {
    const r = score(q, { ...all('none'), ...important }).classification;
    expect(r.score).toBe(0);
    expect(r.capped).toBe(false);
    expect(r.gate.reason).toBeDefined();
  });
});

describe('fulfilment of yes/no and single-choice items', () => {
  const q2 = buildQ({
    items: [
      { id: 'y.pass', kind: 'yesno', label: '有制度', scoring: { classification: true }, finding: { problem: 'p', recommendation: 'r', priority: 'low' } },
      { id: 'y.fail_no', kind: 'yesno', label: '无明文', pass: 'no', scoring: { classification: true }, finding: { problem: 'p', recommendation: 'r', priority: 'low' } },
      {
        id: 's.freq',
        kind: 'single',
        label: '频率',
        scoring: { classification: true, weight: 2 },
        finding: { problem: 'p', recommendation: 'r', priority: 'low' },
        options: [
          { value: 'often', label: '经常', score: 1 },
          { value: 'sometimes', label: '偶尔', score: 0.5 },
          { value: 'unknown', label: '不清楚' },
        ],
      },
      filedItem(),
      inventoryItem,
    ],
  });

  it('maps answers to fulfilment', () => {
    // y.pass true → 1; y.fail_no true (pass is "no") → 0; s.freq sometimes → 0.5 × w 2; filed full → 1
    // S = 100 × (1 + 0 + 1 + 1) / 5 = 60
    const r = score(q2, { 'y.pass': true, 'y.fail_no': true, 's.freq': 'sometimes', 'data.filed': 'full' }).classification;
    expect(r.contributions.map((c) => c.fulfilment)).toEqual([1, 0, 0.5, 1]);
    expect(r.score).toBe(60);
  });

  it('treats an option without a score as not applicable', () => {
    // s.freq unknown → null: S = 100 × (1 + 1) / 2 = 100
    const r = score(q2, { 'y.pass': true, 's.freq': 'unknown', 'data.filed': 'full' }).classification;
    expect(r.score).toBe(100);
    expect(r.contributions.find((c) => c.itemId === 's.freq')?.fulfilment).toBeNull();
  });
});

describe('visibility', () => {
  const q3 = buildQ({
    items: [
      { id: 'p.has_ot', kind: 'yesno', label: '有工控系统' },
      control('c.ot', { classification: true }, { visible_if: { item: 'p.has_ot', eq: true } }),
      control('c.it', { classification: true }),
      filedItem({ maturity: { pa: 'PA01', level: 2, capability: 'process' } }),
      inventoryItem,
    ],
  });

  it('ignores hidden items, even when they carry an answer', () => {
    // c.ot hidden → only c.it (full) counts: 100
    const r = score(q3, { 'p.has_ot': false, 'c.ot': 'none', 'c.it': 'full' });
    expect(r.classification.score).toBe(100);
    expect(r.findings).toEqual([]);
    // shown → 100 × 1 / 2 = 50
    expect(score(q3, { 'p.has_ot': true, 'c.ot': 'none', 'c.it': 'full' }).classification.score).toBe(50);
  });
});

describe('the result', () => {
  it('is plain JSON and deterministic', () => {
    const answers = { ...all('partial'), 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };
    const r = score(q, answers);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(score(q, answers)).toEqual(r);
    expect(r.questionnaire).toEqual({ id: 't', version: '1.0.0', hash: q.hash });
    expect(r.scoringModel).toBe('2.1.0');
  });
});
