/**
 * Protection maturity as DSMM assessors aggregate it (review §3.3B, the C2M2/CSET rule on the 3-point scale):
 * - level 1 (非正式执行) is met when the weighted fulfilment of its items is ≥ 0.5: partly performed practices are
 *   exactly what level 1 means, so a PA answered 部分符合 throughout is level 1, not 0;
 * - levels 2 and 3 are met at ≥ 0.75 with no 不符合 on a key item (weight ≥ 3): a 不符合 on a lighter item is a
 *   finding, not a blocker;
 * - no level is decided by one or two answers: a level the questionnaire asks through fewer than three gating items
 *   (MIN_LEVEL_ITEMS) is judged on a pool with the whole next lower asked levels added (cumulative, as C2M2 MILs are)
 *   until the pool holds three; a level 2 or 3 still needs some of its own practices performed (its own fulfilment
 *   above 0) and no 不符合 on its own key items. Level 1 borrows the levels above and is met when either its own
 *   practices or the pool are half done. The pool depends only on which items are visible, never on the answers, so
 *   raising an answer never lowers a level;
 * - supplementary items (module items, and items marked `supplementary`) count in the PA's figures and dimensions
 *   but never gate a level where core items are asked, so a thorough industry module does not sink its enterprise;
 * - PAs are capped at 3 (a field visit cannot evidence 量化控制; level-4 items count as good practice only), at 2 on
 *   the quick variant;
 * - enterprise level = minimum over the assessed core set (the tool's 木桶 convention), capped at 1 by a red line;
 *   `coreMean` is the core-set mean to one decimal, printed beside it.
 */
import { PROCESS_AREA_NAMES } from '../questionnaire/labels.js';
import { contribution, round1, round2, unansweredItem, visibleOf, weightedFulfilment, type Assessed, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import { KEY_WEIGHT } from './risk.js';
import type { Blocker, CapabilityCode, DimensionScore, LevelResult, MaturityResult, PAResult } from './types.js';

export const CORE_SET = ['PA01', 'PA09', 'PA21', 'PA27', 'PA28', 'PA30'];
/** Level 1 is met at ≥ 50 % weighted fulfilment. */
export const LEVEL1_THRESHOLD = 0.5;
/** Levels 2 and 3 are met at ≥ 75 % weighted fulfilment with no 不符合 on a key item. */
export const MET_THRESHOLD = 0.75;
export const MAX_LEVEL = 3;
/** A level is judged on at least this many gating items (pooled with adjacent levels when it has fewer). */
export const MIN_LEVEL_ITEMS = 3;
export const CAPABILITIES: CapabilityCode[] = ['organization', 'process', 'technology', 'people'];

// Weighted sums of 0.5 steps are exact in binary only for some weights; allow for rounding at the threshold.
const EPSILON = 1e-9;

export function assessMaturity(
  p: Prepared,
  assessed: AssessedList,
  redlineCount: number,
  maxLevel: number = MAX_LEVEL,
): MaturityResult {
  const processAreas: PAResult[] = [];
  const allItems: Assessed[] = [];

  for (const [pa, defs] of p.maturityByPa) {
    const items = visibleOf(defs, assessed);
    if (items.length === 0) continue;
    allItems.push(...items);
    processAreas.push(assessPa(pa, items, maxLevel));
  }

  const byPa = new Map(processAreas.map((r) => [r.pa, r]));
  const basis = CORE_SET.filter((pa) => byPa.get(pa)?.assessed);
  const coreLevels = basis.map((pa) => byPa.get(pa)!.level);
  const rawLevel = coreLevels.length > 0 ? Math.min(...coreLevels) : 0;
  const counted = processAreas.filter((r) => r.assessed);
  const mean = counted.length > 0 ? counted.reduce((s, r) => s + r.level, 0) / counted.length : 0;
  const coreMean = coreLevels.length > 0 ? coreLevels.reduce((s, l) => s + l, 0) / coreLevels.length : 0;
  const level = redlineCount > 0 ? Math.min(rawLevel, 1) : rawLevel;

  return {
    level,
    rawLevel,
    mean: round2(mean),
    coreMean: round1(coreMean),
    maxLevel,
    cappedByRedline: level < rawLevel,
    coreSet: [...CORE_SET],
    basis,
    processAreas,
    dimensions: dimensionScores(allItems, true),
    unanswered: allItems.filter((a) => !a.answered).map(unansweredItem),
  };
}

type Gate = (a: Assessed) => boolean;
const notSupplementary: Gate = (a) => !a.item.maturity!.supplementary;
const everyItem: Gate = () => true;

/**
 * The items a level is judged on: its own gating items, then whole lower asked levels (nearest first) until the pool
 * holds MIN_LEVEL_ITEMS, as C2M2 levels are cumulative. Level 1, having none below, borrows the levels above it:
 * performing higher practices at all is evidence of performing the process area (非正式执行). A level 2 or 3 is
 * never judged on the practices of a higher level. `levels` are the asked levels, ascending.
 */
function poolOf(n: number, levels: number[], gatingAt: Map<number, Assessed[]>): { items: Assessed[]; with: number[] } {
  const items = [...gatingAt.get(n)!];
  const added: number[] = [];
  const lower = levels.filter((l) => l < n).reverse();
  const higher = n === 1 ? levels.filter((l) => l > n) : [];
  for (const l of [...lower, ...higher]) {
    if (items.length >= MIN_LEVEL_ITEMS) break;
    items.push(...gatingAt.get(l)!);
    added.push(l);
  }
  return { items, with: added.sort((x, y) => x - y) };
}

function levelMet(n: number, own: Assessed[], pool: Assessed[]): { met: boolean; wf: number | null; ownWf: number | null } {
  const ownWf = weightedFulfilment(own);
  const wf = weightedFulfilment(pool);
  // A level nobody has shown (its own items all 不适用 or unanswered) is not met, whatever the pooled items say.
  if (ownWf === null || wf === null) return { met: false, wf, ownWf };
  // Level 1 is performance at all: its own practices half done, or the process area's practices half done, so one
  // missing basic practice alone does not make a PA 未达 1 级.
  if (n === 1) return { met: ownWf >= LEVEL1_THRESHOLD - EPSILON || wf >= LEVEL1_THRESHOLD - EPSILON, wf, ownWf };
  const keyGap = own.some((a) => a.answered && a.fulfilment === 0 && a.item.weight >= KEY_WEIGHT);
  return { met: wf >= MET_THRESHOLD - EPSILON && ownWf > EPSILON && !keyGap, wf, ownWf };
}

/**
 * Levels the questionnaire does not ask about for this enterprise (no visible gating item at that level of the PA)
 * are skipped: otherwise a PA without level-1 items could never rise above 0 whatever the answers. A level it does
 * ask about but where nothing applies (all 不适用 or unanswered) is not met and blocks the levels above: a level
 * nobody has shown cannot be claimed, and marking failing items 不适用 must not skip a level. A PA whose visible
 * items are all 不适用 is not assessed at all; one whose items are merely unanswered is assessed (level 0 so far).
 */
function assessPa(pa: string, items: Assessed[], maxLevel: number): PAResult {
  // A PA asked only through supplementary items (an industry-only PA) is gated by them: otherwise it could not be rated.
  const gating = items.some(notSupplementary) ? notSupplementary : everyItem;
  let isAssessed = false;
  const byLevel = new Map<number, Assessed[]>();
  for (const a of items) {
    if (!a.answered || a.fulfilment !== null) isAssessed = true;
    const n = a.item.maturity!.level;
    if (n > maxLevel) continue;
    const at = byLevel.get(n);
    if (at) at.push(a);
    else byLevel.set(n, [a]);
  }

  const asked = [...byLevel.keys()].filter((n) => byLevel.get(n)!.some(gating)).sort((x, y) => x - y);
  const gatingAt = new Map(asked.map((n) => [n, byLevel.get(n)!.filter(gating)]));
  const pools = new Map(asked.map((n) => [n, poolOf(n, asked, gatingAt)]));
  const levels: LevelResult[] = asked.map((n) => {
    const at = byLevel.get(n)!;
    const pool = pools.get(n)!;
    const { met, wf, ownWf } = levelMet(n, gatingAt.get(n)!, pool.items);
    return {
      level: n,
      met,
      fulfilment: wf === null ? null : round2(wf),
      ownFulfilment: ownWf === null ? null : round2(ownWf),
      gatingItems: gatingAt.get(n)!.length,
      pooledWith: pool.with,
      items: at.filter((a) => a.answered).map(contribution),
    };
  });

  // Level gating: the PA is at the highest asked level L with every asked level up to L met.
  let level = 0;
  let next: LevelResult | undefined;
  for (const l of levels) {
    if (!l.met) {
      next = l;
      break;
    }
    level = l.level;
  }

  return {
    pa,
    name: PROCESS_AREA_NAMES[pa] ?? pa,
    level: isAssessed ? level : 0,
    assessed: isAssessed,
    levels,
    capabilityDims: dimensionScores(items, false),
    unanswered: items.filter((a) => !a.answered).map(unansweredItem),
    blocker: isAssessed && next ? blockerOf(next, gatingAt.get(next.level)!, pools.get(next.level)!.items) : null,
  };
}

/**
 * The practices to close for the next level: its own gating items not fully met (不符合 first, heavier first) or
 * unanswered, then those of the levels pooled with it.
 */
function blockerOf(next: LevelResult, own: Assessed[], pool: Assessed[]): Blocker {
  const isOpen = (a: Assessed) => !a.answered || (a.fulfilment !== null && a.fulfilment < 1);
  const order = (x: Assessed, y: Assessed) =>
    (x.fulfilment ?? -1) - (y.fulfilment ?? -1) || y.item.weight - x.item.weight || x.item.order - y.item.order;
  const open = [...own.filter(isOpen).sort(order), ...pool.filter((a) => !own.includes(a) && isOpen(a)).sort(order)];
  const name = next.level === 1 ? '1 级（非正式执行）' : `${next.level} 级`;
  const reason =
    open.length === 0
      ? `达到 ${name}：该级实践均为不适用，无法认定`
      : `达到 ${name}还差：${open.map((a) => a.item.label.replace(/[？?]$/, '')).join('；')}`;
  return {
    nextLevel: next.level,
    reason,
    items: open.map((a) => ({ itemId: a.item.id, label: a.item.label, fulfilment: a.answered ? a.fulfilment : null })),
  };
}

/** Weighted fulfilment % per capability dimension; `all` lists every dimension, even without items. */
function dimensionScores(items: Assessed[], all: boolean): DimensionScore[] {
  const acc = new Map<CapabilityCode, { num: number; den: number; seen: boolean; items: string[] }>(
    CAPABILITIES.map((c) => [c, { num: 0, den: 0, seen: false, items: [] }]),
  );
  for (const a of items) {
    const slot = acc.get(a.item.maturity!.capability)!;
    slot.seen = true;
    if (!a.answered || a.fulfilment === null) continue;
    slot.num += a.item.weight * a.fulfilment;
    slot.den += a.item.weight;
    slot.items.push(a.item.id);
  }
  const out: DimensionScore[] = [];
  for (const [capability, slot] of acc) {
    if (!all && !slot.seen) continue;
    out.push({ capability, score: slot.den === 0 ? null : round1((100 * slot.num) / slot.den), items: slot.items });
  }
  return out;
}
