/**
 * The risk register (standards.md §6 B): every 不符合/部分符合 answer to an item with a risk mapping is an
 * entry with likelihood × impact. The enterprise level is the highest entry.
 */
import type { DataLevel, RiskLevel } from '../questionnaire/labels.js';
import { higherLevel } from './grading.js';
import { unansweredItem, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import type { CatalogueEntry, ExposureFactorCode, RiskEntry, RiskResult, UnansweredItem } from './types.js';

/** Highest level held per domain, and over all data ('*'). */
type LevelByDomain = Map<string, DataLevel>;

function levelsByDomain(catalogue: CatalogueEntry[]): LevelByDomain {
  const out: LevelByDomain = new Map();
  for (const e of catalogue) {
    for (const key of [e.domain, '*']) {
      const level = higherLevel(out.get(key) ?? null, e.level);
      if (level) out.set(key, level);
    }
  }
  return out;
}

export function riskLevelOf(value: number): Exclude<RiskLevel, 'none'> {
  if (value >= 12) return 'major';
  if (value >= 8) return 'high';
  if (value >= 4) return 'medium';
  return 'low';
}

const DATA_IMPACT: Record<DataLevel, number> = { core: 4, important: 3, general: 0 };

export function assessRisk(
  p: Prepared,
  assessed: AssessedList,
  exposure: ReadonlySet<ExposureFactorCode>,
  catalogue: CatalogueEntry[],
): RiskResult {
  const byDomain = levelsByDomain(catalogue);
  const entries: RiskEntry[] = [];
  const unanswered: UnansweredItem[] = [];

  for (const item of p.risk) {
    const a = assessed[item.index];
    if (!a) continue;
    if (!a.answered) {
      unanswered.push(unansweredItem(a));
      continue;
    }
    if (a.fulfilment !== 0 && a.fulfilment !== 0.5) continue;
    const risk = item.risk!;

    // The gap sets the base (不符合 2, 部分符合 1) and each exposure factor of the item that holds adds one, at
    // most two: a plain gap at a sheltered plant is moderately likely, the same gap behind internet exposure
    // and uncontrolled remote O&M is near-certain to be exploited.
    const applied = risk.exposure.filter((f) => exposure.has(f));
    const likelihood = Math.min(4, (a.fulfilment === 0 ? 2 : 1) + Math.min(2, applied.length));

    let dataLevel: DataLevel | null = null;
    for (const d of risk.data) dataLevel = higherLevel(dataLevel, byDomain.get(d) ?? null);
    const impact = Math.max(risk.impact, dataLevel ? DATA_IMPACT[dataLevel] : 0);

    const value = likelihood * impact;
    entries.push({
      id: `R-${item.id}`,
      scenario: risk.scenario,
      area: risk.area,
      title: item.finding?.problem ?? item.label,
      likelihood,
      impact,
      value,
      level: riskLevelOf(value),
      sources: [{ itemId: item.id, answer: a.answer! }],
      exposure: applied,
      dataLevel,
    });
  }

  // Entries were made in questionnaire order and sort() is stable, so equal values keep that order.
  entries.sort((x, y) => y.value - x.value);
  const counts = { major: 0, high: 0, medium: 0, low: 0 };
  for (const e of entries) counts[e.level]++;
  const level: RiskLevel = counts.major ? 'major' : counts.high ? 'high' : counts.medium ? 'medium' : counts.low ? 'low' : 'none';
  return { level, counts, entries, unanswered };
}
