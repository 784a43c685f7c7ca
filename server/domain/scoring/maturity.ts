/**
 * Protection maturity, DSMM-style (standards.md §6 C): a level per process area with level gating,
 * capability-dimension scores, and the enterprise level as the minimum over the core set, capped by red lines.
 */
import { PROCESS_AREA_NAMES } from '../questionnaire/labels.js';
import { contribution, round1, round2, unansweredItem, visibleOf, weightedFulfilment, type Assessed, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { CapabilityCode, DimensionScore, LevelResult, MaturityResult, PAResult } from './types.js';

export const CORE_SET = ['PA01', 'PA09', 'PA21', 'PA27', 'PA28', 'PA30'];
/** A level is met at ≥ 75 % weighted fulfilment with no 不符合 among its items. */
export const MET_THRESHOLD = 0.75;
export const CAPABILITIES: CapabilityCode[] = ['organization', 'process', 'technology', 'people'];

// Weighted sums of 0.5 steps are exact in binary only for some weights; allow for rounding at the threshold.
const EPSILON = 1e-9;

export function assessMaturity(
  p: Prepared,
  assessed: AssessedList,
  redlineCount: number,
): MaturityResult {
  const processAreas: PAResult[] = [];
  const allItems: Assessed[] = [];

  for (const [pa, defs] of p.maturityByPa) {
    const items = visibleOf(defs, assessed);
    if (items.length === 0) continue;
    allItems.push(...items);
    processAreas.push(assessPa(pa, items));
  }

  const byPa = new Map(processAreas.map((r) => [r.pa, r]));
  const basis = CORE_SET.filter((pa) => byPa.get(pa)?.assessed);
  const rawLevel = basis.length > 0 ? Math.min(...basis.map((pa) => byPa.get(pa)!.level)) : 0;
  const counted = processAreas.filter((r) => r.assessed);
  const mean = counted.length > 0 ? counted.reduce((s, r) => s + r.level, 0) / counted.length : 0;
  const level = redlineCount > 0 ? Math.min(rawLevel, 1) : rawLevel;

  return {
    level,
    rawLevel,
    mean: round2(mean),
    cappedByRedline: level < rawLevel,
    coreSet: [...CORE_SET],
    basis,
    processAreas,
    dimensions: dimensionScores(allItems, true),
    unanswered: allItems.filter((a) => !a.answered).map(unansweredItem),
  };
}

/**
 * Levels the questionnaire does not ask about for this enterprise (no visible item at that level of the PA: a
 * structural gap, or items hidden by the profile) are skipped: otherwise a PA without level-1 items could never
 * rise above 0 whatever the answers. A level it does ask about but where nothing applies (all 不适用 or
 * unanswered) is not met and blocks the levels above: a level nobody has shown cannot be claimed, and marking
 * failing items 不适用 must not skip a level. A PA whose visible items are all 不适用 is not assessed at all.
 * A PA whose items are merely unanswered is assessed (level 0 so far) and lists them, so a draft is not
 * flattered by leaving whole areas blank.
 */
function assessPa(pa: string, items: Assessed[]): PAResult {
  let isAssessed = false;
  const byLevel = new Map<number, Assessed[]>();
  for (const a of items) {
    if (!a.answered || a.fulfilment !== null) isAssessed = true;
    const at = byLevel.get(a.item.maturity!.level);
    if (at) at.push(a);
    else byLevel.set(a.item.maturity!.level, [a]);
  }

  const levels: LevelResult[] = [...byLevel.keys()].sort((x, y) => x - y).map((n) => {
    const at = byLevel.get(n)!;
    const wf = weightedFulfilment(at);
    const anyNone = at.some((a) => a.answered && a.fulfilment === 0);
    return {
      level: n,
      met: wf !== null && wf >= MET_THRESHOLD - EPSILON && !anyNone,
      fulfilment: wf === null ? null : round2(wf),
      items: at.filter((a) => a.answered).map(contribution),
    };
  });

  // Level gating: the PA is at the highest asked level L with every asked level up to L met.
  let level = 0;
  for (const l of levels) {
    if (!l.met) break;
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
