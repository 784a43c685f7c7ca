import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../server/domain/questionnaire/answers.js';
import { score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem } from './helpers.js';

const m = (pa: string, level: number, capability: string, extra: Record<string, unknown> = {}) => ({
  maturity: { pa, level, capability },
  ...extra,
});

// PA01 (core): a1 L1 org, a2 L1 process, a3 L2 tech, a4 L2 people, a5 L3 process (w 2)
// PA09 (core): b1 L1 tech, b2 L2 tech, b3 L3 tech — a red line
// PA02:        x1 L1 process (w 4), x2 L1 tech, x3 L2 process
const q = buildQ({
  items: [
    control('a1', m('PA01', 1, 'organization')),
    control('a2', m('PA01', 1, 'process')),
    control('a3', m('PA01', 2, 'technology')),
    control('a4', m('PA01', 2, 'people')),
    control('a5', m('PA01', 3, 'process', { weight: 2 })),
    control('b1', m('PA09', 1, 'technology')),
    control('b2', m('PA09', 2, 'technology')),
    control('b3', m('PA09', 3, 'technology', { redline: true })),
    control('x1', m('PA02', 1, 'process', { weight: 4 })),
    control('x2', m('PA02', 1, 'technology')),
    control('x3', m('PA02', 2, 'process')),
    filedItem(),
    inventoryItem,
  ],
});

const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3', 'x1', 'x2', 'x3'];
const all = (v: string, over: Answers = {}): Answers => ({ ...Object.fromEntries(ids.map((id) => [id, v])), ...over });
const paLevels = (answers: Answers) =>
  Object.fromEntries(score(q, answers).maturity.processAreas.map((p) => [p.pa, p.level]));

describe('process-area levels', () => {
  it('reaches the highest level with items when fully compliant', () => {
    const r = score(q, all('full')).maturity;
    expect(r.processAreas.map((p) => [p.pa, p.name, p.level])).toEqual([
      ['PA01', '数据分类分级', 3],
      ['PA02', '数据采集安全管理', 2],
      ['PA09', '数据备份和恢复', 3],
    ]);
    // enterprise = min(PA01 3, PA09 3) = 3; mean = (3 + 2 + 3) / 3 = 2.67
    expect([r.level, r.mean, r.basis]).toEqual([3, 2.67, ['PA01', 'PA09']]);
    expect(r.coreSet).toEqual(['PA01', 'PA09', 'PA21', 'PA27', 'PA28', 'PA30']);
  });

  it('is 0 everywhere when bare', () => {
    const r = score(q, all('none')).maturity;
    expect(r.processAreas.map((p) => p.level)).toEqual([0, 0, 0]);
    expect([r.level, r.mean, r.coreMean]).toEqual([0, 0, 0]);
  });

  it('gates levels: level 2 not met (none of its own practices performed) → level 1, whatever level 3 says', () => {
    // PA01 pools (each level has fewer than three items): L1 = a1 a2 + L2; L2 = a3 a4 + L1; L3 = a5 + L2 (a3 a4).
    // a3, a4 none: L1 (1 + 1 + 0 + 0) / 4 = 0.5 → met; L2 0.5 and its own practices at 0 → not met.
    const r = score(q, all('full', { a3: 'none', a4: 'none' })).maturity;
    const pa01 = r.processAreas.find((p) => p.pa === 'PA01')!;
    expect(pa01.levels.map((l) => [l.level, l.met, l.fulfilment, l.ownFulfilment])).toEqual([
      [1, true, 0.5, 1], [2, false, 0.5, 0], [3, false, 0.5, 1],
    ]);
    expect(pa01.level).toBe(1);
    // enterprise = min(PA01 1, PA09 3) = 1
    expect(r.level).toBe(1);
  });

  it('never lets one or two answers decide a level: a level with fewer than three items is judged with the levels below', () => {
    // a3 none alone: L2 pool a3 a4 a1 a2 = 3 / 4 = 0.75, own 0.5 > 0, a3 weighs 1 → met; L3 pool a5 (w 2) a3 a4 = 3 / 4 → met
    const pa01 = score(q, all('full', { a3: 'none' })).maturity.processAreas.find((p) => p.pa === 'PA01')!;
    expect(pa01.level).toBe(3);
    expect(pa01.levels.map((l) => [l.level, l.gatingItems, l.pooledWith])).toEqual([[1, 2, [2]], [2, 2, [1]], [3, 1, [2]]]);
    // PA09 has one item per level: level 1 borrows the levels above, levels 2 and 3 only the levels below
    const pa09 = score(q, all('full')).maturity.processAreas.find((p) => p.pa === 'PA09')!;
    expect(pa09.levels.map((l) => [l.level, l.pooledWith])).toEqual([[1, [2, 3]], [2, [1]], [3, [1, 2]]]);
  });

  it('meets level 1 at ≥ 50 % weighted fulfilment: partly performed practices are level 1 (非正式执行)', () => {
    // PA02 L1: x1 (w 4) full, x2 partial → (4 + 0.5) / 5 = 0.9 → met, level 2
    expect(paLevels(all('full', { x2: 'partial' })).PA02).toBe(2);
    // x1 partial, x2 full → L1 pool with x3: (2 + 1 + 1) / 6 = 0.67 ≥ 0.5 → met; L2 (x3 alone) is judged with L1 → 0.67 < 0.75
    expect(paLevels(all('full', { x1: 'partial' })).PA02).toBe(1);
    // x1 none, x2 full → (0 + 1 + 1) / 6 = 0.33 → not met, level 0
    expect(paLevels(all('full', { x1: 'none' })).PA02).toBe(0);
    // a PA answered 部分符合 throughout is level 1, not 0
    expect(paLevels(all('partial'))).toEqual({ PA01: 1, PA02: 1, PA09: 1 });
  });

  it('treats a level with no applicable item as not met', () => {
    // PA02 L1 all 不适用, L2 full → level 1 not met (its own items show nothing, whatever the pooled x3 says) → 0,
    // but the PA is assessed (x3 applies)
    const pa02 = score(q, all('full', { x1: 'na', x2: 'na' })).maturity.processAreas.find((p) => p.pa === 'PA02')!;
    expect([pa02.assessed, pa02.level, pa02.levels[0].ownFulfilment, pa02.levels[0].met]).toEqual([true, 0, null, false]);
  });

  it('leaves a PA whose items are all 不适用 out of the mean', () => {
    // PA02 all na → excluded: mean = (3 + 3) / 2 = 3
    const r = score(q, all('full', { x1: 'na', x2: 'na', x3: 'na' })).maturity;
    expect(r.processAreas.find((p) => p.pa === 'PA02')).toMatchObject({ assessed: false, level: 0 });
    expect(r.mean).toBe(3);
  });

  it('keeps an unanswered PA at level 0 and lists its items', () => {
    const r = score(q, all('full', { x1: undefined as never, x2: undefined as never, x3: undefined as never })).maturity;
    // mean = (3 + 0 + 3) / 3 = 2
    expect(r.mean).toBe(2);
    expect(r.unanswered.map((u) => u.itemId)).toEqual(['x1', 'x2', 'x3']);
  });
});

describe('red lines', () => {
  it('cap the enterprise level at 1', () => {
    // b3 (PA09 L3, red line) none → L3's own practice at 0 → PA09 level 2; raw = min(PA01 3, PA09 2) = 2 → capped to 1
    const r = score(q, all('full', { b3: 'none' }));
    expect(r.redlines).toEqual([{ itemId: 'b3', label: '题目 b3', answer: 'none' }]);
    expect([r.maturity.rawLevel, r.maturity.level, r.maturity.cappedByRedline]).toEqual([2, 1, true]);
    // the mean is not capped: (3 + 2 + 2) / 3 = 2.33
    expect(r.maturity.mean).toBe(2.33);
  });

  it('are not breached by 部分符合', () => {
    const r = score(q, all('full', { b3: 'partial' }));
    expect(r.redlines).toEqual([]);
    expect(r.maturity.cappedByRedline).toBe(false);
  });
});

describe('capability dimensions', () => {
  it('score the weighted fulfilment of each dimension', () => {
    // organization: a1 full → 100; process: a2 full, a5 (w2) partial, x1 (w4) full, x3 none → (1 + 1 + 4 + 0) / 8 = 75
    // technology: a3, b1, b2, b3, x2 full → 100; people: a4 na → null
    const r = score(q, all('full', { a5: 'partial', x3: 'none', a4: 'na' })).maturity;
    expect(r.dimensions.map((d) => [d.capability, d.score])).toEqual([
      ['organization', 100], ['process', 75], ['technology', 100], ['people', null],
    ]);
    expect(r.dimensions[1].items).toEqual(['a2', 'a5', 'x1', 'x3']);
    expect(r.processAreas[0].capabilityDims.map((d) => [d.capability, d.score])).toEqual([
      ['organization', 100], ['process', 66.7], ['technology', 100], ['people', null],
    ]);
  });
});

describe('levels the questionnaire does not ask about', () => {
  // PA13: items at level 2 only. PA27: level 1 only for OT enterprises (hidden otherwise), then level 2.
  const q2 = buildQ({
    items: [
      { id: 'p.ot', kind: 'yesno', label: '有工控系统' },
      control('e2a', m('PA13', 2, 'technology')),
      control('e2b', m('PA13', 2, 'process')),
      control('m1', m('PA27', 1, 'technology'), { visible_if: { item: 'p.ot', eq: true } }),
      control('m2', m('PA27', 2, 'technology')),
      filedItem(),
      inventoryItem,
    ],
  });
  const pas = (answers: Answers) => score(q2, answers).maturity.processAreas;

  it('are skipped, so a PA without level-1 items can still reach level 2', () => {
    const [pa13] = pas({ e2a: 'full', e2b: 'full' });
    expect(pa13.levels.map((l) => l.level)).toEqual([2]);
    expect(pa13.level).toBe(2);
  });

  it('treat a level whose items are all hidden for this enterprise as not asked', () => {
    // no OT: m1 hidden → PA27 asks level 2 only → 2
    expect(pas({ 'p.ot': false, m2: 'full' })[1].level).toBe(2);
    // with OT, m1 none: L1 is judged with m2 → 0.5 → met; L2 with m1 → 0.5 → not met → 1; both none → 0
    expect(pas({ 'p.ot': true, m1: 'none', m2: 'full' })[1].level).toBe(1);
    expect(pas({ 'p.ot': true, m1: 'none', m2: 'none' })[1].level).toBe(0);
  });

  it('do not cover a level the assessor marked all 不适用: that level is asked and not met', () => {
    // with OT, m1 na: level 1 is asked but nothing applies → not met → 0
    expect(pas({ 'p.ot': true, m1: 'na', m2: 'full' })[1].level).toBe(0);
  });
});

describe('levels 2 and 3: the C2M2 rule on the 3-point scale', () => {
  // PA05: y0 L1; y1 L2 (w 3, a key item); y2 L2 (w 2); y3 L2 (w 10); y4 L3; z1 L2 (w 1, a module-like supplementary item); y5 L4
  const q2 = buildQ({
    items: [
      control('y0', m('PA05', 1, 'process')),
      control('y1', m('PA05', 2, 'process', { weight: 3 })),
      control('y2', m('PA05', 2, 'process', { weight: 2 })),
      control('y3', m('PA05', 2, 'technology', { weight: 10 })),
      control('y4', m('PA05', 3, 'process')),
      control('z1', { maturity: { pa: 'PA05', level: 2, capability: 'technology', supplementary: true } }),
      control('y5', m('PA05', 4, 'process')),
      filedItem(),
      inventoryItem,
    ],
  });
  const full = { y0: 'full', y1: 'full', y2: 'full', y3: 'full', y4: 'full', z1: 'full', y5: 'full' };
  const pa05 = (over: Answers, options = {}) => score(q2, { ...full, ...over }, options).maturity.processAreas[0];

  it('blocks level 2 with a 不符合 on a key item (weight ≥ 3) even at ≥ 75 %', () => {
    // y1 none: (2 + 10) / 15 = 0.8 but y1 weighs 3 → not met, level 1
    expect(pa05({ y1: 'none' }).level).toBe(1);
  });

  it('lets a 不符合 on a lighter item stand as a finding, not a blocker', () => {
    // y2 none: (3 + 10) / 15 = 0.87, y2 weighs 2 → met; level 3 (level 4 is never reached on a field visit)
    expect(pa05({ y2: 'none' }).level).toBe(3);
  });

  it('needs ≥ 75 % at level 2', () => {
    // y3 partial: (3 + 2 + 5) / 15 = 0.67 → not met
    expect(pa05({ y3: 'partial' }).level).toBe(1);
  });

  it('never lets a supplementary item gate a level', () => {
    expect(pa05({ z1: 'none' }).level).toBe(3);
    expect(pa05({ z1: 'none' }).levels.find((l) => l.level === 2)!.fulfilment).toBe(1);
  });

  it('caps PAs at 3, and at 2 on the quick variant', () => {
    expect(pa05({}).levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(score(q2, full).maturity.maxLevel).toBe(3);
  });

  it('says what blocks the next level, 不符合 and heavier items first', () => {
    const pa = pa05({ y1: 'none', y2: 'partial' });
    expect(pa.blocker).toMatchObject({ nextLevel: 2, reason: '达到 2 级还差：题目 y1；题目 y2' });
    expect(pa.blocker!.items.map((i) => [i.itemId, i.fulfilment])).toEqual([['y1', 0], ['y2', 0.5]]);
    expect(pa05({}).blocker).toBeNull();
  });
});
