/**
 * Findings: every scored item answered 不符合 or 部分符合 that carries a finding, in the order a report
 * should present them — red lines, then priority, then risk, then questionnaire order.
 */
import type { AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { FindingEntry, PriorityCode, RiskEntry } from './types.js';

const PRIORITY_RANK: Record<PriorityCode, number> = { high: 0, medium: 1, low: 2 };

export function collectFindings(
  p: Prepared,
  assessed: AssessedList,
  redlineIds: ReadonlySet<string>,
  riskByItem: ReadonlyMap<string, RiskEntry>,
): FindingEntry[] {
  // Sort keys kept flat next to each entry: the comparator runs O(n log n) times.
  const rows: { f: FindingEntry; redline: number; priority: number; riskValue: number; order: number }[] = [];
  for (const item of p.scored) {
    const a = assessed[item.index];
    if (!a || !a.answered || !item.finding) continue;
    if (a.fulfilment !== 0 && a.fulfilment !== 0.5) continue;
    const risk = riskByItem.get(item.id);
    const redline = redlineIds.has(item.id);
    rows.push({
      redline: redline ? 0 : 1,
      priority: PRIORITY_RANK[item.finding.priority],
      riskValue: risk?.value ?? 0,
      order: item.order,
      f: {
        itemId: item.id,
        sectionId: item.sectionId,
        label: item.label,
        problem: item.finding.problem,
        recommendation: item.finding.recommendation,
        priority: item.finding.priority,
        answer: a.answer!,
        fulfilment: a.fulfilment,
        redline,
        ...(risk && { riskLevel: risk.level }),
        refs: item.refs,
      },
    });
  }
  rows.sort((x, y) => x.redline - y.redline || x.priority - y.priority || y.riskValue - x.riskValue || x.order - y.order);
  return rows.map((r) => r.f);
}
