/**
 * The draft data catalogue: every data type the enterprise holds, with its domain and proposed level from the
 * grading rules of its data type and the GB/T 43697-2024 table. Rules:
 * - 重要/核心 are only ever candidates: `levelLabel` says "候选，须经主管部门认定" (数据安全法 第二十一条).
 * - Rows marked 涉密 are not graded: they are listed in `excluded` for referral to 保密 management.
 * - The reason is written from the row's own attributes (name, scale, precision, volume, personal information,
 *   non-secret national project) and the deciding (object, degree), never a canned sentence about another kind of data;
 *   the authored rule texts stay in `matched`.
 * - 一般数据 carries a sub-level 1–4 (参照 GB/T 43697 附录H) so an SME catalogue is not a column of identical words.
 */
import { InventoryRow, type Answers, type InventoryRowValue } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { evaluate } from '../questionnaire/conditions.js';
import { DATA_LEVEL_LABELS, IMPACT_DEGREE_LABELS, IMPACT_OBJECT_LABELS, type DataLevel } from '../questionnaire/labels.js';
import { DataDomain, type DataDomainCode, type ImpactDegreeCode, type ImpactObjectCode } from '../questionnaire/schema.js';
import { LEVEL_RANK, levelFor } from './grading.js';
import type { Prepared } from './prepare.js';
import type { CatalogueEntry, DataAssets, ExcludedRow } from './types.js';

const SCALE_LABELS: Record<InventoryRowValue['scale'], string> = {
  enterprise: '仅本企业',
  regional: '省市区域',
  industry: '行业',
  national: '全国',
};
const PRECISION_LABELS: Record<InventoryRowValue['precision'], string> = { low: '低', medium: '中', high: '高' };
const VOLUME_LABELS: Record<InventoryRowValue['volume'], string> = { small: '小', medium: '中等', large: '大', massive: '海量' };
const PERSONAL_LABELS: Record<InventoryRowValue['personal_count'], string> = {
  none: '',
  lt_100k: '，含不足 10 万人的个人信息',
  lt_1m: '，含 10 万至 100 万人的个人信息',
  lt_10m: '，含 100 万至 1000 万人的个人信息',
  ge_10m: '，含 1000 万人以上的个人信息',
};

export interface DraftCatalogue {
  entries: CatalogueEntry[];
  excluded: ExcludedRow[];
  assets: DataAssets;
  /** Candidate rows marked 出境 (for the export red line). */
  exportedCandidates: number;
}

export function draftCatalogue(
  q: Questionnaire,
  p: Prepared,
  answers: Answers,
  visible: ReadonlySet<string>,
): DraftCatalogue {
  const entries: CatalogueEntry[] = [];
  const excluded: ExcludedRow[] = [];
  const rowsUsed: InventoryRowValue[] = [];
  const inv = p.inventory;
  const rows = inv && visible.has(inv.def.id) ? answers[inv.def.id] : undefined;
  if (Array.isArray(rows)) {
    rows.forEach((raw, index) => {
      // Rows straight from a file may omit attributes; grading rules must see the documented defaults.
      const parsed = InventoryRow.safeParse(raw);
      if (!parsed.success) return;
      const row = parsed.data;
      if (row.held === false) return;
      if (row.classified) {
        const name = row.name?.trim() || (row.type && q.dataTypeById.get(row.type)?.name) || '未命名数据';
        excluded.push({ row: index, name });
        return;
      }
      const entry = row.type ? typedRow(q, row, index, answers, visible) : customRow(row, index);
      if (!entry) return;
      entries.push(entry);
      rowsUsed.push(row);
    });
  }
  const isCandidate = (e: CatalogueEntry) => e.level !== 'general';
  return {
    entries,
    excluded,
    assets: assetsOf(entries, rowsUsed, excluded.length),
    exportedCandidates: entries.filter((e, i) => isCandidate(e) && (rowsUsed[i].cross_border || rowsUsed[i].location === 'abroad')).length,
  };
}

function assetsOf(entries: CatalogueEntry[], rows: InventoryRowValue[], excluded: number): DataAssets {
  const counts = () => ({ general: 0, important: 0, core: 0 });
  const byDomain = Object.fromEntries(DataDomain.options.map((d) => [d, counts()])) as Record<DataDomainCode, ReturnType<typeof counts>>;
  const byLevel = counts();
  const byLocation = { onprem: 0, cloud: 0, abroad: 0 };
  entries.forEach((e, i) => {
    byLevel[e.level]++;
    byDomain[e.domain][e.level]++;
    byLocation[rows[i].location]++;
  });
  return {
    types: entries.length,
    candidates: byLevel.important + byLevel.core,
    byLevel,
    byDomain,
    byLocation,
    shared: rows.filter((r) => r.shared_external).length,
    exported: rows.filter((r) => r.cross_border || r.location === 'abroad').length,
    excluded,
    // Filled in by score(), which knows what the enterprise declared.
    declaredImportant: false,
    conflict: null,
  };
}

/** The sentence shown when the enterprise's own identification and the draft catalogue disagree. */
export function declarationConflict(declared: boolean, candidates: number, hasRows: boolean): string | null {
  if (declared && candidates === 0)
    return '企业自认持有重要数据或核心数据，但按数据清单初步定级未发现重要 / 核心数据候选：请核对清单是否完整、影响范围是否填写准确';
  if (!declared && candidates > 0 && hasRows)
    return `按数据清单初步定级有 ${candidates} 类重要 / 核心数据候选，但企业尚未识别出重要数据：建议企业按识别细则复核，并报主管部门认定`;
  return null;
}

/** 一般数据 sub-level (参照 GB/T 43697 附录H): from the deciding degree, then the row's reach. */
export function generalSubLevel(object: ImpactObjectCode, degree: ImpactDegreeCode, row: InventoryRowValue): number {
  const own = object === 'organization' || object === 'personal';
  if (own && degree === 'especially_serious') return 4;
  if (!own || degree === 'serious') return 3;
  if (row.scale !== 'enterprise' || row.volume === 'large' || row.volume === 'massive' || row.personal_count !== 'none') return 2;
  return 1;
}

export function levelLabel(level: DataLevel, sub: number | null): string {
  if (level === 'general') return `一般数据（${sub}级，参照 GB/T 43697 附录H）`;
  return `${DATA_LEVEL_LABELS[level]}（候选，须经主管部门认定）`;
}

function rowReason(name: string, row: InventoryRowValue, object: ImpactObjectCode, degree: ImpactDegreeCode, level: DataLevel): string {
  const facts =
    `影响范围${SCALE_LABELS[row.scale]}，精度${PRECISION_LABELS[row.precision]}，数据量${VOLUME_LABELS[row.volume]}` +
    PERSONAL_LABELS[row.personal_count] +
    (row.national_project ? '，服务国家重大工程或重点型号（非密）' : '');
  const verdict = level === 'general' ? '一般数据' : `${DATA_LEVEL_LABELS[level]}候选`;
  return `「${name}」${facts}；一旦泄露、篡改或丢失，对${IMPACT_OBJECT_LABELS[object]}的影响程度为${IMPACT_DEGREE_LABELS[degree]}，按 GB/T 43697-2024 6.5 定为${verdict}`;
}

/**
 * Every rule is evaluated so the catalogue can show all reasons; the first rule reaching the highest level
 * decides object and degree (rule order is the author's order of importance).
 */
function typedRow(
  q: Questionnaire,
  row: InventoryRowValue,
  index: number,
  answers: Answers,
  visible: ReadonlySet<string>,
): CatalogueEntry | undefined {
  // An unknown type is a validation error; scoring skips the row rather than guessing its domain.
  const type = q.dataTypeById.get(row.type as string);
  if (!type) return undefined;
  const ctx = { answers, row, visible };
  const matched: string[] = [];
  let best: { rank: number; object: ImpactObjectCode; degree: ImpactDegreeCode } | undefined;
  for (const rule of type.grading) {
    if (!evaluate(rule.when, ctx)) continue;
    matched.push(rule.reason);
    const rank = LEVEL_RANK[levelFor(rule.object, rule.degree)];
    if (!best || rank > best.rank) best = { rank, object: rule.object, degree: rule.degree };
  }
  const decided = best ?? { object: 'organization' as const, degree: 'general' as const };
  const name = row.name?.trim() || type.name;
  return entryOf(index, type.id, name, type.domain, type.subcategory, type.key, row, decided.object, decided.degree, matched);
}

/**
 * A type the enterprise added has no grading rules; the one attribute that lifts it is a non-secret national project
 * (国家安全, 一般 → 重要 candidate). Anything finer needs a proper data type in the questionnaire.
 */
function customRow(row: InventoryRowValue, index: number): CatalogueEntry | undefined {
  const domain = DataDomain.safeParse(row.domain);
  if (!row.name || !domain.success) return undefined;
  const national = row.national_project === true;
  const object = national ? 'national_security' : 'organization';
  return entryOf(index, null, row.name, domain.data, '企业自定义', false, row, object, 'general', []);
}

function entryOf(
  row: number,
  dataType: string | null,
  name: string,
  domain: DataDomainCode,
  subcategory: string,
  key: boolean,
  attrs: InventoryRowValue,
  object: ImpactObjectCode,
  degree: ImpactDegreeCode,
  matched: string[],
): CatalogueEntry {
  const level = levelFor(object, degree);
  const sub = level === 'general' ? generalSubLevel(object, degree, attrs) : null;
  return {
    row,
    dataType,
    name,
    domain,
    subcategory,
    key,
    level,
    levelLabel: levelLabel(level, sub),
    generalSubLevel: sub,
    object,
    degree,
    reason: rowReason(name, attrs, object, degree, level),
    matched,
  };
}
