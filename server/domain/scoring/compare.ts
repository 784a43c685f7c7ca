/**
 * Two stored results of the same enterprise side by side: what improved and what got worse, per dimension
 * (classification, risk, maturity and each process area, capability dimensions, red lines, findings) and per item
 * (the fulfilment of every scored answer the results list). Pure and browser-safe: the portal runs it on the two
 * results the API serves.
 */
import { CAPABILITY_LABELS, RISK_LEVEL_LABELS } from '../questionnaire/labels.js';
import type { ScoreResult } from './types.js';

export type Change = 'better' | 'worse' | 'same';

export interface DimensionChange {
  key: string;
  label: string;
  /** As printed (e.g. “62.5”, “高”, “2 级”); “—” when the result does not have it. */
  before: string;
  after: string;
  change: Change;
}

export interface ItemChange {
  itemId: string;
  label: string;
  /** 1 符合, 0.5 部分符合, 0 不符合, null 不适用; undefined when the result does not list the item. */
  before: number | null | undefined;
  after: number | null | undefined;
  change: Change;
}

export interface Comparison {
  dimensions: DimensionChange[];
  /** Items whose fulfilment changed, worse first; unchanged ones are counted only. */
  items: ItemChange[];
  unchanged: number;
}

const RISK_ORDER = ['none', 'low', 'medium', 'high', 'major'];

/** Higher is better unless `lowerIsBetter`; a missing figure on either side is no change. */
function changeOf(before: number | undefined, after: number | undefined, lowerIsBetter = false): Change {
  if (before === undefined || after === undefined || before === after) return 'same';
  return after > before !== lowerIsBetter ? 'better' : 'worse';
}

function dim(key: string, label: string, b: number | undefined, a: number | undefined, show: (n: number) => string, lowerIsBetter = false): DimensionChange {
  return {
    key,
    label,
    before: b === undefined ? '—' : show(b),
    after: a === undefined ? '—' : show(a),
    change: changeOf(b, a, lowerIsBetter),
  };
}

/** Every scored answer a result lists with its fulfilment (classification, maturity levels, obligations, red lines). */
function fulfilments(r: ScoreResult): Map<string, { label: string; f: number | null }> {
  const out = new Map<string, { label: string; f: number | null }>();
  const add = (c: { itemId: string; label: string; fulfilment: number | null }) => {
    if (!out.has(c.itemId)) out.set(c.itemId, { label: c.label, f: c.fulfilment });
  };
  r.classification.contributions.forEach(add);
  for (const pa of r.maturity.processAreas) for (const l of pa.levels) l.items.forEach(add);
  for (const o of r.obligations) o.items.forEach(add);
  for (const e of r.risk.entries) e.sources.forEach(add);
  return out;
}

export function compareResults(before: ScoreResult, after: ScoreResult): Comparison {
  const level = (n: number) => `${n} 级`;
  const one = (n: number) => n.toFixed(1);
  const risk = (n: number) => RISK_LEVEL_LABELS[RISK_ORDER[n] as keyof typeof RISK_LEVEL_LABELS];
  const dimensions: DimensionChange[] = [
    dim('classification', '数据分类分级得分', before.classification.score, after.classification.score, one),
    dim('risk', '企业风险等级', RISK_ORDER.indexOf(before.risk.level), RISK_ORDER.indexOf(after.risk.level), risk, true),
    dim('maturity', '防护成熟度等级', before.maturity.level, after.maturity.level, level),
    dim('maturity-mean', '过程域平均等级', before.maturity.mean, after.maturity.mean, (n) => n.toFixed(2)),
    dim('redlines', '触及红线', before.redlines.length, after.redlines.length, (n) => `${n} 项`, true),
    dim('findings', '发现的问题', before.findings.length, after.findings.length, (n) => `${n} 项`, true),
  ];
  for (const c of after.maturity.dimensions) {
    const b = before.maturity.dimensions.find((x) => x.capability === c.capability)?.score ?? undefined;
    dimensions.push(dim(`capability-${c.capability}`, `${CAPABILITY_LABELS[c.capability]}（维度得分）`, b, c.score ?? undefined, one));
  }
  const pas = new Map(before.maturity.processAreas.filter((p) => p.assessed).map((p) => [p.pa, p]));
  for (const p of after.maturity.processAreas.filter((x) => x.assessed))
    dimensions.push(dim(`pa-${p.pa}`, `${p.pa} ${p.name}`, pas.get(p.pa)?.level, p.level, level));

  const b = fulfilments(before);
  const a = fulfilments(after);
  const items: ItemChange[] = [];
  let unchanged = 0;
  for (const id of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(id);
    const y = a.get(id);
    // 不适用 on either side is not a measure of better or worse.
    const change = x && y && x.f !== null && y.f !== null ? changeOf(x.f, y.f) : 'same';
    if (change === 'same' && x?.f === y?.f) {
      unchanged += 1;
      continue;
    }
    items.push({ itemId: id, label: (y ?? x)!.label, before: x?.f, after: y?.f, change });
  }
  const rank: Record<Change, number> = { worse: 0, better: 1, same: 2 };
  items.sort((p, q) => rank[p.change] - rank[q.change] || p.itemId.localeCompare(q.itemId));
  return { dimensions, items, unchanged };
}
