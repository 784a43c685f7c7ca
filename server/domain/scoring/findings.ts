/**
 * Findings (问题清单): every scored item answered 不符合 or 部分符合 that carries a finding, with the text for the
 * answer actually given (a partial answer never prints the worst case), the diagnostician's note and evidence basis,
 * the register entry it feeds and a roadmap band. Order: red lines, then priority, then the R of the item's risk
 * entry, then weight, then questionnaire order.
 */
import type { EvidenceBasisCode } from '../questionnaire/schema.js';
import type { AssessedList } from './fulfilment.js';
import type { Prepared, ScoredItem } from './prepare.js';
import type { FindingEntry, PriorityCode, RiskEntry } from './types.js';

const PRIORITY_RANK: Record<PriorityCode, number> = { high: 0, medium: 1, low: 2 };

export interface AnswerMeta {
  basis?: Readonly<Record<string, EvidenceBasisCode>>;
  notes?: Readonly<Record<string, string>>;
}

/** The 部分符合 text: the authored one, or a neutral sentence that asserts nothing the answer does not say. */
export function partialText(item: ScoredItem): string {
  if (item.finding?.partial) return item.finding.partial;
  return `「${item.label.replace(/[？?]$/, '')}」仅部分落实，尚未完全达到要求。`;
}

function bandOf(redline: boolean, fulfilment: 0 | 0.5, priority: PriorityCode, risk: RiskEntry | undefined): FindingEntry['band'] {
  if (redline) return 'immediate';
  if (fulfilment === 0 && priority === 'high' && risk?.level === 'major') return 'immediate';
  if (priority === 'high' || risk?.level === 'major' || risk?.level === 'high') return 'three_months';
  return 'one_year';
}

export function collectFindings(
  p: Prepared,
  assessed: AssessedList,
  redlineIds: ReadonlySet<string>,
  risks: readonly RiskEntry[],
  meta: AnswerMeta,
): FindingEntry[] {
  const riskByItem = new Map<string, RiskEntry>();
  for (const e of risks) for (const s of e.sources) riskByItem.set(s.itemId, e);
  // Sort keys kept flat next to each entry: the comparator runs O(n log n) times.
  const rows: { f: FindingEntry; redline: number; priority: number; riskValue: number; weight: number; order: number }[] = [];
  for (const item of p.scored) {
    const a = assessed[item.index];
    if (!a || !a.answered || !item.finding) continue;
    if (a.fulfilment !== 0 && a.fulfilment !== 0.5) continue;
    const risk = riskByItem.get(item.id);
    const redline = redlineIds.has(item.id);
    const note = meta.notes?.[item.id]?.trim();
    rows.push({
      redline: redline ? 0 : 1,
      priority: PRIORITY_RANK[item.finding.priority],
      riskValue: risk?.value ?? 0,
      weight: item.weight,
      order: item.order,
      f: {
        id: `F-${item.id}`,
        itemId: item.id,
        sectionId: item.sectionId,
        label: item.label,
        problem: a.fulfilment === 0 ? item.finding.problem : partialText(item),
        recommendation: item.finding.recommendation,
        priority: item.finding.priority,
        answer: a.answer!,
        fulfilment: a.fulfilment,
        redline,
        ...(risk && { riskId: risk.id, riskLevel: risk.level }),
        band: bandOf(redline, a.fulfilment, item.finding.priority, risk),
        basis: meta.basis?.[item.id] ?? null,
        ...(note && { note }),
        refs: item.refs,
      },
    });
  }
  rows.sort(
    (x, y) => x.redline - y.redline || x.priority - y.priority || y.riskValue - x.riskValue || y.weight - x.weight || x.order - y.order,
  );
  return rows.map((r) => r.f);
}
