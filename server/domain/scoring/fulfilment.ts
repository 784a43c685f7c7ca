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
 * Fulfilment of a raw answer; undefined = not answered. Values of the wrong shape count as unanswered rather
 * than throwing: score() must stay total for stored drafts, and validateAnswers() is where bad values are reported.
 */
export function fulfilmentOf(item: ScoredItem, answer: AnswerValue | undefined): Fulfilment | undefined {
  if (answer === undefined || answer === null) return undefined;
  switch (item.kind) {
    case 'control':
      return typeof answer === 'string' && Object.hasOwn(CONTROL, answer) ? CONTROL[answer] : undefined;
    case 'yesno':
      if (typeof answer !== 'boolean') return undefined;
      return answer === item.passYes ? 1 : 0;
    case 'single':
      if (typeof answer !== 'string' || !item.optionScores?.has(answer)) return undefined;
      return item.optionScores.get(answer) ?? null;
  }
}

/** Assessments indexed by ScoredItem.index; undefined for hidden items. */
export type AssessedList = readonly (Assessed | undefined)[];

/**
 * Assesses every visible scored item. An item that applies only to processors of 重要/核心 data (filing, annual
 * risk assessment…) counts as 不适用 when the draft catalogue has no candidate and the enterprise declares none,
 * whatever was answered: the report
 * must not print a filing gap for data the enterprise does not hold.
 */
export function assessAll(p: Prepared, answers: Answers, visible: ReadonlySet<string>, holdsImportant: boolean): AssessedList {
  const out: (Assessed | undefined)[] = new Array(p.scored.length);
  for (const item of p.scored) {
    if (!visible.has(item.id)) continue;
    const answer = answers[item.id];
    const f = fulfilmentOf(item, answer);
    if (item.needsCandidates && !holdsImportant) {
      out[item.index] = { item, answer: answer ?? 'na', answered: true, fulfilment: null };
      continue;
    }
    out[item.index] = { item, answer, answered: f !== undefined, fulfilment: f ?? null };
  }
  return out;
}

/** Σw(1−f)/Σw over applicable items (0–1): the weighted gap share; null when no item applies. */
export function gapShare(list: Iterable<Assessed>): number | null {
  const wf = weightedFulfilment(list);
  return wf === null ? null : 1 - wf;
}

/** The visible ones among `items`, in the order given. */
export function visibleOf(items: readonly ScoredItem[], assessed: AssessedList): Assessed[] {
  const out: Assessed[] = [];
  for (const item of items) {
    const a = assessed[item.index];
    if (a) out.push(a);
  }
  return out;
}

export function contribution(a: Assessed): Contribution {
  return {
    itemId: a.item.id,
    label: a.item.label,
    answer: a.answer as AnswerValue,
    fulfilment: a.fulfilment,
    weight: a.item.weight,
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
    num += a.item.weight * a.fulfilment;
    den += a.item.weight;
  }
  return den === 0 ? null : num / den;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
