/**
 * 合规义务落实清单: each legal obligation of the core (`obligations:`) with its status. An obligation applies when
 * its `applies_if` holds and, for `candidates: true`, when the draft catalogue has a 重要/核心 candidate or the
 * enterprise declares such data (`important_data_declared`); it is met
 * when every applicable item is 符合, not met when none is fulfilled at all, partly met otherwise.
 */
import type { Answers } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { evaluate } from '../questionnaire/conditions.js';
import { contribution, type Assessed, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { ObligationResult } from './types.js';

const STATUS_LABELS: Record<ObligationResult['status'], string> = {
  met: '已落实',
  partly_met: '部分落实',
  not_met: '未落实',
  not_applicable: '不适用',
  unanswered: '未作答',
};

export function assessObligations(
  q: Questionnaire,
  p: Prepared,
  assessed: AssessedList,
  answers: Answers,
  visible: ReadonlySet<string>,
  holdsImportant: boolean,
): ObligationResult[] {
  return q.obligations.map((o) => {
    const items: Assessed[] = [];
    for (const id of o.items) {
      const item = p.scoredById.get(id);
      const a = item && assessed[item.index];
      if (a) items.push(a);
    }
    const applies = (!o.applies_if || evaluate(o.applies_if, { answers, visible })) && (!o.candidates || holdsImportant);
    const applicable = items.filter((a) => a.answered && a.fulfilment !== null);
    let status: ObligationResult['status'];
    if (!applies) status = 'not_applicable';
    else if (applicable.length === 0) status = items.some((a) => !a.answered) ? 'unanswered' : 'not_applicable';
    else if (applicable.every((a) => a.fulfilment === 1)) status = 'met';
    else if (applicable.every((a) => a.fulfilment === 0)) status = 'not_met';
    else status = 'partly_met';
    return {
      id: o.id,
      label: o.label,
      status,
      statusLabel: STATUS_LABELS[status],
      items: items.filter((a) => a.answered).map(contribution),
      refs: o.refs,
    };
  });
}
