/**
 * Red lines: duties unambiguous enough that failing them outright (不符合; 部分符合 is a finding, not a breach)
 * caps the enterprise maturity level at 1 and floors the risk level at 高. A conditional red line is breached only
 * when its `when` holds on the answers and, with `candidates`, when the draft catalogue holds (or exports) a
 * 重要/核心 candidate.
 */
import type { Answers } from '../questionnaire/answers.js';
import { evaluate } from '../questionnaire/conditions.js';
import type { AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { RedlineEntry } from './types.js';

export interface CandidateFacts {
  held: number;
  exported: number;
}

export function breachedRedlines(
  p: Prepared,
  assessed: AssessedList,
  answers: Answers,
  visible: ReadonlySet<string>,
  candidates: CandidateFacts,
): RedlineEntry[] {
  const out: RedlineEntry[] = [];
  for (const a of assessed) {
    const rule = a?.item.redline;
    if (!a || !rule || !a.answered || a.fulfilment !== 0) continue;
    if (rule.when && !evaluate(rule.when, { answers, visible })) continue;
    if (rule.candidates && candidates[rule.candidates] === 0) continue;
    out.push({ itemId: a.item.id, label: a.item.label, answer: a.answer! });
  }
  return out;
}
