/**
 * How far one answer fulfils its item: 1 符合, 0.5 部分符合, 0 不符合, null 不适用, or not answered.
 * Computed once per scoring call for every visible scored item; every other module reads these.
 */
import type { AnswerValue, Answers } from '../questionnaire/answers.js';
import type { Prepared, ScoredItem } from './prepare.js';
import type { Contribution, Fulfilment, UnansweredItem } from './types.js';

export interface Assessed {
  item: ScoredItem;
  /** Undefined when not answered. */
  answer: AnswerValue | undefined;
  /** False when unanswered: such items are left out of every denominator and listed as unanswered. */
  answered: boolean;
  /** Null = not applicable (不适用, or a single-choice option without a score). */
  fulfilment: Fulfilment;
}

const CONTROL: Record<string, Fulfilment> = { full: 1, partial: 0.5, none: 0, na: null };

/**
 * Fulfilment of a raw answer. Values of the wrong shape count as unanswered rather than throwing: score() must
 * stay total for stored drafts, and validateAnswers() is where bad values are reported.
 */
export function fulfilmentOf(item: ScoredItem, answer: AnswerValue | undefined): { answered: boolean; fulfilment: Fulfilment } {
  const unanswered = { answered: false, fulfilment: null };
  if (answer === undefined || answer === null) return unanswered;
  switch (item.def.kind) {
    case 'control':
      return typeof answer === 'string' && answer in CONTROL ? { answered: true, fulfilment: CONTROL[answer] } : unanswered;
    case 'yesno':
      if (typeof answer !== 'boolean') return unanswered;
      return { answered: true, fulfilment: answer === (item.def.pass === 'yes') ? 1 : 0 };
    case 'single': {
      if (typeof answer !== 'string' || !item.optionScores?.has(answer)) return unanswered;
      return { answered: true, fulfilment: item.optionScores.get(answer) ?? null };
    }
  }
}

/** Assesses every visible scored item, in questionnaire order. */
export function assessAll(p: Prepared, answers: Answers, visible: ReadonlySet<string>): Map<string, Assessed> {
  const out = new Map<string, Assessed>();
  for (const item of p.scored) {
    if (!visible.has(item.id)) continue;
    const answer = answers[item.id];
    out.set(item.id, { item, answer, ...fulfilmentOf(item, answer) });
  }
  return out;
}

export function contribution(a: Assessed): Contribution {
  return {
    itemId: a.item.id,
    label: a.item.label,
    answer: a.answer as AnswerValue,
    fulfilment: a.fulfilment,
    weight: a.item.scoring.weight,
  };
}

export function unansweredItem(a: Assessed): UnansweredItem {
  return { itemId: a.item.id, label: a.item.label };
}

/** Σw·f / Σw over applicable items (0–1), or null when no item applies. */
export function weightedFulfilment(list: Iterable<Assessed>): number | null {
  let num = 0;
  let den = 0;
  for (const a of list) {
    if (!a.answered || a.fulfilment === null) continue;
    num += a.item.scoring.weight * a.fulfilment;
    den += a.item.scoring.weight;
  }
  return den === 0 ? null : num / den;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
