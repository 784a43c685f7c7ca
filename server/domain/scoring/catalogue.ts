/**
 * The draft data catalogue: every data type the enterprise holds, with its domain and proposed level from
 * the grading rules of its data type and the GB/T 43697-2024 table.
 */
import { InventoryRow, type Answers, type InventoryRowValue } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compose.js';
import { evaluate } from '../questionnaire/conditions.js';
import { DataDomain } from '../questionnaire/schema.js';
import { LEVEL_RANK, levelFor } from './grading.js';
import type { Prepared } from './prepare.js';
import type { CatalogueEntry } from './types.js';

const NO_RULE_REASON = '仅影响企业自身组织权益，定为一般数据';
const CUSTOM_REASON = '企业自行添加的数据类型，未涉及国家重大工程或国防配套，定为一般数据';
const NATIONAL_PROJECT_REASON = '服务国家重大工程、重点型号或国防配套，对国家安全有一般影响，定为重要数据';

export function draftCatalogue(
  q: Questionnaire,
  p: Prepared,
  answers: Answers,
  visible: ReadonlySet<string>,
): CatalogueEntry[] {
  const inv = p.inventory;
  if (!inv || !visible.has(inv.def.id)) return [];
  const rows = answers[inv.def.id];
  if (!Array.isArray(rows)) return [];

  const out: CatalogueEntry[] = [];
  rows.forEach((raw, index) => {
    // Rows straight from a file may omit attributes; grading rules must see the documented defaults.
    const parsed = InventoryRow.safeParse(raw);
    if (!parsed.success) return;
    const row = parsed.data;
    if (row.held === false) return;
    const entry = row.type ? typedRow(q, row, index, answers, visible) : customRow(row, index);
    if (entry) out.push(entry);
  });
  return out;
}

/**
 * Every rule is evaluated so the catalogue can show all reasons; the first rule reaching the highest level
 * decides object, degree and reason (rule order is the author's order of importance).
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
  let best: { rank: number; object: CatalogueEntry['object']; degree: CatalogueEntry['degree']; reason: string } | undefined;
  for (const rule of type.grading) {
    if (!evaluate(rule.when, ctx)) continue;
    matched.push(rule.reason);
    const rank = LEVEL_RANK[levelFor(rule.object, rule.degree)];
    if (!best || rank > best.rank) best = { rank, object: rule.object, degree: rule.degree, reason: rule.reason };
  }
  const decided = best ?? { object: 'organization' as const, degree: 'general' as const, reason: NO_RULE_REASON };
  return {
    row: index,
    dataType: type.id,
    name: row.name?.trim() || type.name,
    domain: type.domain,
    subcategory: type.subcategory,
    key: type.key,
    level: levelFor(decided.object, decided.degree),
    object: decided.object,
    degree: decided.degree,
    reason: decided.reason,
    matched,
  };
}

/**
 * A type the enterprise added has no grading rules; the one attribute that lifts it is national_project
 * (国家安全, 一般 → 重要). Anything finer needs the diagnostician to add a proper data type to the questionnaire.
 */
function customRow(row: InventoryRowValue, index: number): CatalogueEntry | undefined {
  const domain = DataDomain.safeParse(row.domain);
  if (!row.name || !domain.success) return undefined;
  const national = row.national_project === true;
  return {
    row: index,
    dataType: null,
    name: row.name,
    domain: domain.data,
    subcategory: '企业自定义',
    key: false,
    level: national ? 'important' : 'general',
    object: national ? 'national_security' : 'organization',
    degree: 'general',
    reason: national ? NATIONAL_PROJECT_REASON : CUSTOM_REASON,
    matched: national ? [NATIONAL_PROJECT_REASON] : [],
  };
}
