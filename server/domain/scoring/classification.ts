/**
 * 分类分级 readiness (standards.md §6 A): S = 100 × Σw·f / Σw over the applicable classification items,
 * capped at 59 when the draft catalogue holds important/core data but no catalogue has been filed.
 */
import type { Answers } from '../questionnaire/answers.js';
import { contribution, round1, unansweredItem, visibleOf, weightedFulfilment, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { DraftCatalogue } from './catalogue.js';
import type { ClassificationResult } from './types.js';

export const GATE_CAP = 59;

export function classify(
  p: Prepared,
  assessed: AssessedList,
  answers: Answers,
  visible: ReadonlySet<string>,
  draft: DraftCatalogue,
): ClassificationResult {
  const catalogue = draft.entries;
  const items = visibleOf(p.classification, assessed);
  // Nothing applicable yet scores 0: readiness that nobody has shown is not readiness.
  const raw = 100 * (weightedFulfilment(items) ?? 0);

  const candidates = catalogue.filter((e) => e.level !== 'general').length;
  const catalogueFiled = isCatalogueFiled(p, answers, visible);
  const gateApplies = candidates > 0 && !catalogueFiled;
  const capped = gateApplies && raw > GATE_CAP;

  return {
    score: round1(gateApplies ? Math.min(raw, GATE_CAP) : raw),
    rawScore: round1(raw),
    capped,
    gate: {
      candidates,
      catalogueFiled,
      ...(gateApplies && {
        reason: `数据清单中有 ${candidates} 类数据为重要或核心数据候选（须经主管部门认定），但尚未向属地工信主管部门报备数据目录，分类分级得分最高计 ${GATE_CAP} 分`,
      }),
    },
    contributions: items.filter((a) => a.answered).map(contribution),
    unanswered: items.filter((a) => !a.answered).map(unansweredItem),
    catalogue,
    excluded: draft.excluded,
  };
}

/**
 * Filed means the catalogue_filed item is visible and fulfilled at least partly (符合 or 部分符合, a passing
 * yes/no, or an option scored ≥ 0.5). 不适用 does not count: with important data on the list, filing applies.
 * The item need not be a scored one, so its fulfilment is worked out here rather than read from `assessed`.
 */
function isCatalogueFiled(p: Prepared, answers: Answers, visible: ReadonlySet<string>): boolean {
  const item = p.catalogueFiled;
  if (!item || !visible.has(item.def.id)) return false;
  const answer = answers[item.def.id];
  const def = item.def;
  if (def.kind === 'control') return answer === 'full' || answer === 'partial';
  if (def.kind === 'yesno') return typeof answer === 'boolean' && answer === (def.pass === 'yes');
  if (def.kind === 'single') {
    const option = def.options.find((o) => o.value === answer);
    return option?.score !== undefined && option.score >= 0.5;
  }
  return false;
}
