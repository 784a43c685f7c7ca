/**
 * The risk register by scenario (GB/T 45577 identify → analyse → evaluate; review §3.3A). Gaps are grouped into the
 * eight themes of themes.ts; a theme is split into two entries only when its items touch 重要/核心 candidates in some
 * domains and 一般 data in others, so the register has at most 16 and typically 6–13 entries.
 *
 * - Vulnerability V from the weighted gap share g over the theme's applicable items: 1 below 0.30, 2 up to 0.60,
 *   3 above; a 不符合 on an item of weight ≥ 3 sets V ≥ 2 (a key control missing is never a small gap).
 * - Threat T from the exposure factors listed by the theme's visible items that hold: 1 none, 2 one, 3 two or more or
 *   past incidents.
 * - Likelihood L = LIKELIHOOD[V][T] (the published table below).
 * - Impact from the data, not from the author: 2 for 一般 data (or none held), 3 for a 重要 candidate, 4 for 核心;
 *   production-stop themes at an enterprise with OT have a floor of 3. Per-item `impact` is no longer read.
 * - R = L × I: 12–16 重大, 8–11 高, 4–7 中, 1–3 低. Enterprise level = highest entry, floored at 高 by a red line.
 * Compliance gaps (scenario `compliance`) are not risks: they form the obligations checklist.
 */
import type { DataLevel, RiskLevel } from '../questionnaire/labels.js';
import { higherLevel } from './grading.js';
import { round2, unansweredItem, type Assessed, type AssessedList } from './fulfilment.js';
import type { Prepared } from './prepare.js';
import { THEMES, themeOf, type ThemeDef } from './themes.js';
import type {
  CatalogueEntry,
  ExposureFactorCode,
  RiskEntry,
  RiskResult,
  RiskSource,
  ScenarioVerdict,
  UnansweredItem,
} from './types.js';

/** LIKELIHOOD[V − 1][T − 1]. */
export const LIKELIHOOD: readonly (readonly number[])[] = [
  [1, 1, 2],
  [2, 2, 3],
  [2, 3, 4],
];

/** Weight from which a 不符合 marks a key control (V ≥ 2; blocks maturity levels 2–3). */
export const KEY_WEIGHT = 3;

const DATA_IMPACT: Record<DataLevel, number> = { core: 4, important: 3, general: 2 };
const OT_FLOOR = 3;

const VERDICT_LABELS: Record<ScenarioVerdict['verdict'], string> = {
  good: '较好',
  fair: '一般',
  weak: '薄弱',
  not_assessed: '未评估',
};

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

/** V from the gap share, with the key-control override. */
export function vulnerabilityOf(items: readonly Assessed[]): { g: number; v: number } | null {
  let num = 0;
  let den = 0;
  let keyGap = false;
  for (const a of items) {
    if (!a.answered || a.fulfilment === null) continue;
    num += a.item.weight * (1 - a.fulfilment);
    den += a.item.weight;
    if (a.fulfilment === 0 && a.item.weight >= KEY_WEIGHT) keyGap = true;
  }
  if (den === 0) return null;
  const g = num / den;
  let v = g < 0.3 ? 1 : g <= 0.6 ? 2 : 3;
  if (keyGap) v = Math.max(v, 2);
  return { g, v };
}

export function threatOf(factors: ReadonlySet<ExposureFactorCode>): number {
  if (factors.has('incidents') || factors.size >= 2) return 3;
  return factors.size === 1 ? 2 : 1;
}

interface Group {
  theme: ThemeDef;
  grade: RiskEntry['grade'];
  items: Assessed[];
  dataLevel: DataLevel | null;
}

export function assessRisk(
  p: Prepared,
  assessed: AssessedList,
  exposure: ReadonlySet<ExposureFactorCode>,
  catalogue: CatalogueEntry[],
  ot: boolean,
  redlineCount: number,
): RiskResult {
  const byDomain = levelsByDomain(catalogue);
  const byTheme = new Map<ThemeDef, Assessed[]>();
  const unanswered: UnansweredItem[] = [];

  for (const item of p.risk) {
    const theme = themeOf(item.risk!.scenario);
    const a = assessed[item.index];
    if (!theme || !a) continue;
    // Every visible item of the theme is kept, answered or not: the grouping and the threat then depend on the
    // profile and the catalogue only, and answering an item can only lower the entry. V reads applicable answers only.
    if (!a.answered) unanswered.push(unansweredItem(a));
    const list = byTheme.get(theme);
    if (list) list.push(a);
    else byTheme.set(theme, [a]);
  }

  const dataLevelOf = (a: Assessed): DataLevel | null => {
    let level: DataLevel | null = null;
    for (const d of a.item.risk!.data) level = higherLevel(level, byDomain.get(d) ?? null);
    return level;
  };
  const isCandidate = (l: DataLevel | null) => l === 'important' || l === 'core';

  const entries: RiskEntry[] = [];
  const verdicts: ScenarioVerdict[] = [];
  for (const theme of THEMES) {
    const items = byTheme.get(theme) ?? [];
    const groups = splitByGrade(theme, items, dataLevelOf, isCandidate);
    for (const g of groups) {
      const entry = entryOf(g, exposure, ot);
      if (entry) entries.push(entry);
    }
    if (theme.frequent) {
      const vuln = vulnerabilityOf(items);
      const own = entries.filter((e) => e.theme === theme.code);
      const verdict: ScenarioVerdict['verdict'] = vuln === null ? 'not_assessed' : vuln.v === 1 ? 'good' : vuln.v === 2 ? 'fair' : 'weak';
      verdicts.push({
        theme: theme.code,
        label: theme.title,
        verdict,
        verdictLabel: VERDICT_LABELS[verdict],
        gapShare: vuln === null ? null : round2(vuln.g),
        riskLevel: highest(own),
      });
    }
  }

  // Entries were made in theme order and sort() is stable, so equal values keep that order.
  entries.sort((x, y) => y.value - x.value);
  const counts = { major: 0, high: 0, medium: 0, low: 0 };
  for (const e of entries) counts[e.level]++;
  let level = highest(entries);
  // A red line is a breach of an unambiguous legal or safety duty: never reported below 高.
  if (redlineCount > 0 && (level === 'none' || level === 'low' || level === 'medium')) level = 'high';
  return { level, counts, entries, verdicts, unanswered };
}

function highest(entries: readonly RiskEntry[]): RiskLevel {
  const rank: RiskLevel[] = ['major', 'high', 'medium', 'low'];
  for (const r of rank) if (entries.some((e) => e.level === r)) return r;
  return 'none';
}

/**
 * One group per theme, or two when its items touch 重要/核心 candidates in some domains and only 一般 data in others:
 * the two call for different urgency, and each is measured on its own items only. The grouping depends on the
 * catalogue, never on the answers, so raising an answer can only lower an entry or remove it.
 */
function splitByGrade(
  theme: ThemeDef,
  items: Assessed[],
  dataLevelOf: (a: Assessed) => DataLevel | null,
  isCandidate: (l: DataLevel | null) => boolean,
): Group[] {
  const cand: Assessed[] = [];
  const general: Assessed[] = [];
  let candLevel: DataLevel | null = null;
  let generalLevel: DataLevel | null = null;
  for (const a of items) {
    const l = dataLevelOf(a);
    if (isCandidate(l)) {
      cand.push(a);
      candLevel = higherLevel(candLevel, l);
    } else {
      general.push(a);
      generalLevel = higherLevel(generalLevel, l);
    }
  }
  if (cand.length > 0 && general.length > 0)
    return [
      { theme, grade: 'candidates', items: cand, dataLevel: candLevel },
      { theme, grade: 'general', items: general, dataLevel: generalLevel },
    ];
  return [{ theme, grade: null, items, dataLevel: higherLevel(candLevel, generalLevel) }];
}

function entryOf(g: Group, exposure: ReadonlySet<ExposureFactorCode>, ot: boolean): RiskEntry | null {
  const gaps = g.items.filter((a) => a.fulfilment === 0 || a.fulfilment === 0.5);
  if (gaps.length === 0) return null;
  const vuln = vulnerabilityOf(g.items)!;

  const relevant = new Set<ExposureFactorCode>();
  for (const a of g.items) for (const f of a.item.risk!.exposure) if (exposure.has(f)) relevant.add(f);
  const threat = threatOf(relevant);
  const likelihood = LIKELIHOOD[vuln.v - 1][threat - 1];

  const dataImpact = DATA_IMPACT[g.dataLevel ?? 'general'];
  const otFloor = g.theme.otFloor && ot && dataImpact < OT_FLOOR;
  const impact = otFloor ? OT_FLOOR : dataImpact;
  const value = likelihood * impact;

  const sources: RiskSource[] = gaps
    .sort((x, y) => (x.fulfilment as number) - (y.fulfilment as number) || y.item.weight - x.item.weight || x.item.order - y.item.order)
    .map((a) => ({
      itemId: a.item.id,
      label: a.item.label,
      answer: a.answer!,
      fulfilment: a.fulfilment as 0 | 0.5,
      weight: a.item.weight,
    }));

  const suffix = g.grade === 'candidates' ? '（涉及重要/核心数据候选）' : g.grade === 'general' ? '（一般数据）' : '';
  return {
    id: g.grade ? `R-${g.theme.code}-${g.grade}` : `R-${g.theme.code}`,
    theme: g.theme.code,
    title: `${g.theme.title}${suffix}`,
    grade: g.grade,
    dataLevel: g.dataLevel,
    gapShare: round2(vuln.g),
    vulnerability: vuln.v,
    threat,
    likelihood,
    impact,
    otFloor,
    value,
    level: riskLevelOf(value),
    exposure: [...relevant],
    sources,
  };
}
