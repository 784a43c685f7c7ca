/**
 * What would raise the enterprise's maturity level next: the fewest practices to bring to 符合 so that the enterprise
 * level reaches the next one, ranked. Found with the engine itself rather than a restatement of its rules: the
 * candidates are the red lines (which cap the level at 1) and the blockers of every core-set PA below the target,
 * tried in order (red lines, 不符合 on key items, then the largest weighted gain) and re-scored after each; then every
 * chosen item whose removal still leaves the target reached is dropped, so the list holds only what is needed.
 * Pure and deterministic like score(); a few dozen score() calls at most.
 */
import { z } from 'zod';
import type { AnswerValue, Answers } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import type { ItemDef } from '../questionnaire/schema.js';
import { score, type ScoreOptions } from './index.js';
import { KEY_WEIGHT } from './risk.js';
import type { ScoreResult } from './types.js';

export const NextLevelItemSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  /** The PA whose level it holds back (null for a red line). */
  pa: z.string().nullable(),
  paName: z.string().nullable(),
  /** 0 不符合, 0.5 部分符合, null unanswered. */
  fulfilment: z.union([z.literal(0), z.literal(0.5)]).nullable(),
  weight: z.number(),
  /** Why it is on the list: a red line caps the level, a 不符合 on a key item blocks it, or the level's share is short. */
  why: z.enum(['redline', 'key_gap', 'threshold']),
});
export type NextLevelItem = z.infer<typeof NextLevelItemSchema>;

export const NextLevelPlanSchema = z
  .object({
    currentLevel: z.number().int(),
    /** Null when the enterprise is already at the highest level this assessment can show. */
    targetLevel: z.number().int().nullable(),
    /** Whether bringing the items to 符合 reaches the target (false when unanswered or 不适用 items stand in the way). */
    reachable: z.boolean(),
    /** Ranked: red lines, 不符合 on key items, then the largest weighted gain. */
    items: z.array(NextLevelItemSchema),
  })
  .describe('提升到下一成熟度等级最少需要改为“符合”的题目');
export type NextLevelPlan = z.infer<typeof NextLevelPlanSchema>;

/** The answer that counts as 符合 for a scored item, or undefined for a kind that has none. */
export function compliantAnswer(def: ItemDef): AnswerValue | undefined {
  switch (def.kind) {
    case 'control':
      return 'full';
    case 'yesno':
      return def.pass === 'yes';
    case 'single': {
      const best = def.options.find((o) => o.score === 1);
      return best?.value;
    }
    default:
      return undefined;
  }
}

export function nextLevelPlan(q: Questionnaire, answers: Answers, options: ScoreOptions = {}, base?: ScoreResult): NextLevelPlan {
  const r0 = base ?? score(q, answers, options);
  const m = r0.maturity;
  if (m.level >= m.maxLevel) return { currentLevel: m.level, targetLevel: null, reachable: true, items: [] };
  const target = m.level + 1;
  const candidates = new Map<string, NextLevelItem & { gain: number }>();
  const weightOf = (itemId: string) => {
    const def = q.itemById.get(itemId)?.def;
    return def && 'scoring' in def && def.scoring ? def.scoring.weight : 1;
  };

  if (target > 1)
    for (const r of r0.redlines)
      candidates.set(r.itemId, { itemId: r.itemId, label: r.label, pa: null, paName: null, fulfilment: 0, weight: weightOf(r.itemId), why: 'redline', gain: Infinity });
  for (const pa of m.processAreas) {
    if (!m.basis.includes(pa.pa) || pa.level >= target || !pa.blocker) continue;
    for (const b of pa.blocker.items) {
      if (candidates.has(b.itemId) || b.fulfilment === 1) continue;
      const weight = weightOf(b.itemId);
      const f = b.fulfilment as 0 | 0.5 | null;
      const why = f === 0 && weight >= KEY_WEIGHT && pa.blocker.nextLevel > 1 ? 'key_gap' : 'threshold';
      candidates.set(b.itemId, { itemId: b.itemId, label: b.label, pa: pa.pa, paName: pa.name, fulfilment: f, weight, why, gain: weight * (1 - (f ?? 0)) });
    }
  }
  const rank = { redline: 0, key_gap: 1, threshold: 2 } as const;
  const ordered = [...candidates.values()].sort(
    (x, y) => rank[x.why] - rank[y.why] || y.gain - x.gain || (x.fulfilment ?? -1) - (y.fulfilment ?? -1) || x.itemId.localeCompare(y.itemId),
  );

  const levelWith = (chosen: readonly string[]): number => {
    const changed: Record<string, AnswerValue> = { ...answers } as Record<string, AnswerValue>;
    for (const id of chosen) {
      const def = q.itemById.get(id)?.def;
      const v = def && compliantAnswer(def);
      if (v !== undefined) changed[id] = v;
    }
    return score(q, changed as Answers, options).maturity.level;
  };

  const chosen: string[] = [];
  let reached = false;
  for (const c of ordered) {
    chosen.push(c.itemId);
    if (levelWith(chosen) >= target) {
      reached = true;
      break;
    }
  }
  if (reached)
    for (const id of [...chosen].reverse()) {
      const without = chosen.filter((x) => x !== id);
      if (levelWith(without) >= target) chosen.splice(chosen.indexOf(id), 1);
    }
  const items = ordered
    .filter((c) => chosen.includes(c.itemId))
    .map((c): NextLevelItem => ({ itemId: c.itemId, label: c.label, pa: c.pa, paName: c.paName, fulfilment: c.fulfilment, weight: c.weight, why: c.why }));
  return { currentLevel: m.level, targetLevel: target, reachable: reached, items };
}
