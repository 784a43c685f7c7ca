/**
 * Per-questionnaire indexes the engine needs on every call. A questionnaire is immutable once loaded, so
 * they are built once and cached by object identity (WeakMap: a reloaded registry frees the old entries).
 * The scoring fields are copied into one flat record per item: item definitions come in many object shapes
 * (kinds, optional keys), and reading them in the hot loops made property access megamorphic and slow.
 */
import type { ComposedItem, Questionnaire } from '../questionnaire/compose.js';
import { isScored, type FindingDef, type ScoredItemDef, type ScoringDef } from '../questionnaire/schema.js';
import type { Origin } from '../questionnaire/compose.js';
import type { CapabilityCode } from './types.js';

export interface ScoredItem {
  id: string;
  /** Position among the scored items: the index of its Assessed record (arrays beat string-keyed maps here). */
  index: number;
  label: string;
  sectionId: string;
  origin: Origin;
  /** Position in the questionnaire, for stable ordering. */
  order: number;
  kind: ScoredItemDef['kind'];
  /** For yes/no items: true when 是 is the compliant answer. */
  passYes: boolean;
  weight: number;
  classification: boolean;
  maturity: { pa: string; level: number; capability: CapabilityCode; supplementary: boolean } | null;
  risk: RiskDef | null;
  /** null = not a red line; {} = unconditional. */
  redline: RedlineDef | null;
  /** Applies only when the draft catalogue has a 重要/核心 candidate. */
  needsCandidates: boolean;
  finding: FindingDef | undefined;
  refs: { standard: string; clause?: string }[];
  /** For single-choice items: option value → fulfilment (undefined = option not scored). */
  optionScores: ReadonlyMap<string, 0 | 0.5 | 1 | undefined> | undefined;
}

export type RiskDef = NonNullable<ScoringDef['risk']>;
export type RedlineDef = Exclude<NonNullable<ScoringDef['redline']>, boolean>;

export interface Prepared {
  /** Every scored item, in questionnaire order. */
  scored: ScoredItem[];
  scoredById: ReadonlyMap<string, ScoredItem>;
  classification: ScoredItem[];
  risk: ScoredItem[];
  /** Maturity items grouped by PA, PAs sorted by id, items in questionnaire order. */
  maturityByPa: ReadonlyMap<string, ScoredItem[]>;
  catalogueFiled: ComposedItem | undefined;
  inventory: ComposedItem | undefined;
}

const cache = new WeakMap<Questionnaire, Prepared>();

function redlineOf(r: ScoringDef['redline']): RedlineDef | null {
  if (r === undefined || r === false) return null;
  return r === true ? {} : r;
}

export function prepare(q: Questionnaire): Prepared {
  const hit = cache.get(q);
  if (hit) return hit;

  const scored: ScoredItem[] = [];
  q.items.forEach((item, order) => {
    const def = item.def;
    if (!isScored(def)) return;
    scored.push({
      id: def.id,
      index: scored.length,
      label: def.label,
      sectionId: item.sectionId,
      origin: item.origin,
      order,
      kind: def.kind,
      passYes: def.kind === 'yesno' && def.pass === 'yes',
      weight: def.scoring.weight,
      classification: def.scoring.classification === true,
      // Module items never gate a PA of the core set: a thorough module must not sink its enterprise's level.
      maturity: def.scoring.maturity
        ? { ...def.scoring.maturity, supplementary: def.scoring.maturity.supplementary === true || item.origin === 'industry' }
        : null,
      risk: def.scoring.risk ?? null,
      redline: redlineOf(def.scoring.redline),
      needsCandidates: def.scoring.needs_candidates === true,
      finding: def.finding,
      refs: def.refs ?? [],
      optionScores: def.kind === 'single' ? new Map(def.options.map((o) => [o.value, o.score])) : undefined,
    });
  });

  const byPa = new Map<string, ScoredItem[]>();
  for (const s of scored) {
    const pa = s.maturity?.pa;
    if (!pa) continue;
    const list = byPa.get(pa);
    if (list) list.push(s);
    else byPa.set(pa, [s]);
  }

  const prepared: Prepared = {
    scored,
    scoredById: new Map(scored.map((s) => [s.id, s])),
    classification: scored.filter((s) => s.classification),
    risk: scored.filter((s) => s.risk !== null),
    maturityByPa: new Map([...byPa.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    catalogueFiled: q.items.find((i) => i.def.role === 'catalogue_filed'),
    inventory: q.items.find((i) => i.def.role === 'data_inventory'),
  };
  cache.set(q, prepared);
  return prepared;
}
