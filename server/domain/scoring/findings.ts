/**
 * Findings: every scored item answered 不符合 or 部分符合 that carries a finding, in the order a report
 * should present them — red lines, then priority, then risk, then questionnaire order.
 */
import type { Assessed } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { FindingEntry, PriorityCode, RiskEntry } from './types.js';

const PRIORITY_RANK: Record<PriorityCode, number> = { high: 0, medium: 1, low: 2 };

export function collectFindings(
  p: Prepared,
  assessed: ReadonlyMap<string, Assessed>,
  redlineIds: ReadonlySet<string>,
  riskByItem: ReadonlyMap<string, RiskEntry>,
): FindingEntry[] {
  const rows: { f: FindingEntry; order: number; riskValue: number }[] = [];
  for (const item of p.scored) {
    const a = assessed.get(item.id);
    if (!a || !a.answered || !item.finding) continue;
    if (a.fulfilment !== 0 && a.fulfilment !== 0.5) continue;
    const risk = riskByItem.get(item.id);
    rows.push({
      order: item.order,
      riskValue: risk?.value ?? 0,
      f: {
        itemId: item.id,
        sectionId: item.sectionId,
        label: item.label,
        problem: item.finding.problem,
        recommendation: item.finding.recommendation,
        priority: item.finding.priority,
        answer: a.answer!,
        fulfilment: a.fulfilment,
        redline: redlineIds.has(item.id),
        ...(risk && { riskLevel: risk.level }),
        refs: item.refs,
      },
    });
  }
  rows.sort(
    (x, y) =>
      Number(y.f.redline) - Number(x.f.redline) ||
      PRIORITY_RANK[x.f.priority] - PRIORITY_RANK[y.f.priority] ||
      y.riskValue - x.riskValue ||
      x.order - y.order,
  );
  return rows.map((r) => r.f);
}
