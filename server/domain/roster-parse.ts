/**
 * Roster rows (cells as text, as read from an XLSX sheet or a CSV file) → enterprise records or a reason why not.
 * Real rosters have title rows above the header, header names that vary (单位名称 / 企业名称), full-width
 * characters, stray spaces and line breaks in cells and lower-case codes; this module finds the header by its
 * column names and cleans every cell, so that the import can compare rows with what is stored.
 */
import { districtMatcher, type CityNames, type NamedDistrict } from './district-names.js';
import { industryCodeFor } from './industry-names.js';
import { validateUscc } from './uscc.js';
import type { Size } from './vocabularies.js';

export interface SheetRows {
  /** Null for a CSV file. */
  sheet: string | null;
  rows: { rowNumber: number; cells: string[] }[];
}

export const ROSTER_COLUMNS = {
  name: { label: '企业名称', aliases: ['企业名称', '单位名称', '企业全称', '单位全称', '名称', '企业单位名称'] },
  creditCode: {
    label: '统一社会信用代码',
    aliases: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '企业统一社会信用代码'],
  },
  district: {
    label: '所属区域',
    aliases: ['所属区域', '区县', '行政区域', '片区', '所属区县', '区域', '所在区域', '所属地区', '地区', '县区', '所属片区', '工作区域', '所在区县'],
  },
  industry: { label: '行业', aliases: ['行业', '所属行业', '行业类别', '行业分类', '国民经济行业', '行业门类', '行业名称'] },
  size: { label: '规模', aliases: ['规模', '企业规模', '规模类型', '企业类型规模'] },
  contactName: { label: '联系人', aliases: ['联系人', '联系人姓名', '企业联系人'] },
  contactPhone: {
    label: '联系电话',
    aliases: ['联系电话', '电话', '联系方式', '手机', '手机号', '手机号码', '联系人电话', '联系人手机', '电话号码'],
  },
  address: { label: '地址', aliases: ['地址', '企业地址', '注册地址', '详细地址', '通讯地址', '单位地址', '生产经营地址', '经营地址'] },
} as const;
export type RosterColumn = keyof typeof ROSTER_COLUMNS;

const SIZE_WORDS: Record<string, Size> = {
  大: 'large',
  大型: 'large',
  中: 'medium',
  中型: 'medium',
  小: 'small',
  小型: 'small',
  微: 'micro',
  微型: 'micro',
  large: 'large',
  medium: 'medium',
  small: 'small',
  micro: 'micro',
};

/** The fields a roster row sets; absent optional cells leave stored values alone. */
export interface RosterRecord {
  creditCode: string;
  name: string;
  districtCode: string;
  industryCode?: string;
  size?: Size;
  contactName?: string;
  contactPhone?: string;
  address?: string;
}

export type ParsedRow =
  | { sheet: string | null; rowNumber: number; ok: true; record: RosterRecord; notes: string[] }
  | { sheet: string | null; rowNumber: number; ok: false; creditCode?: string; name?: string; reason: string };

export interface ParsedRoster {
  rows: ParsedRow[];
  /** Sheets without a recognisable header (instructions, summaries), which were not read. */
  skippedSheets: string[];
}

export interface ParseContext {
  /** The districts with their other spellings (reference data). */
  districts: readonly NamedDistrict[];
  /** The city's names, dropped from the front of district names. */
  city?: CityNames;
  industryCodes: readonly string[];
  /** For rows whose district cell is empty or files without a district column. */
  defaultDistrictCode?: string;
}

/** The registry's limits for the optional text fields (as the enterprise API's), so an import cannot exceed them. */
const MAX_LENGTHS = { contactName: 50, contactPhone: 50, address: 300 } as const;

/** How many rows from the top are searched for the header. */
const HEADER_SEARCH_ROWS = 30;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}]) +| +(?=[${CJK}])`, 'g');

/**
 * Full-width ASCII → half-width (except the Chinese brackets （）, which names use), whitespace and line breaks
 * collapsed, spaces next to Chinese characters removed, trimmed.
 */
export function cleanCell(value: string): string {
  return value
    .replace(/[\uFF01-\uFF07\uFF0A-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0\u200B\uFEFF]+/g, ' ')
    .replace(SPACE_NEXT_TO_CJK, '')
    .trim();
}

/** Enterprise names take Chinese brackets, so （） and () spellings of one name compare equal. */
const cleanName = (v: string) => cleanCell(v).replace(/\(/g, '（').replace(/\)/g, '）');

function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[*:：]/g, '');
}

/** Column index of each recognised column in a header row; undefined when the row is not a header. */
function headerColumns(cells: string[]): Partial<Record<RosterColumn, number>> | undefined {
  const found: Partial<Record<RosterColumn, number>> = {};
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    for (const [col, def] of Object.entries(ROSTER_COLUMNS) as [RosterColumn, (typeof ROSTER_COLUMNS)[RosterColumn]][]) {
      if (found[col] === undefined && (def.aliases as readonly string[]).includes(key)) found[col] = i;
    }
  });
  return found.name !== undefined && found.creditCode !== undefined ? found : undefined;
}

export class RosterFormatError extends Error {}

export function parseRoster(sheets: SheetRows[], ctx: ParseContext): ParsedRoster {
  const matcher = districtMatcher(ctx.districts, ctx.city);
  const districtName = (code: string) => ctx.districts.find((d) => d.code === code)!.name;
  const rows: ParsedRow[] = [];
  const skippedSheets: string[] = [];
  let headerFound = false;

  for (const sheet of sheets) {
    const headerAt = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => headerColumns(r.cells));
    if (headerAt < 0) {
      if (sheet.sheet !== null) skippedSheets.push(sheet.sheet);
      continue;
    }
    headerFound = true;
    const cols = headerColumns(sheet.rows[headerAt].cells)!;
    if (cols.district === undefined && !ctx.defaultDistrictCode) {
      throw new RosterFormatError(
        `${sheet.sheet ? `工作表“${sheet.sheet}”` : '文件'}没有“所属区域”列：请添加该列（区域名称），或在导入时指定区域`,
      );
    }

    for (const { rowNumber, cells } of sheet.rows.slice(headerAt + 1)) {
      const cell = (col: RosterColumn) => {
        const i = cols[col];
        return i === undefined ? '' : cleanCell(cells[i] ?? '');
      };
      if ((Object.keys(cols) as RosterColumn[]).every((c) => cell(c) === '')) continue;
      const at = { sheet: sheet.sheet, rowNumber };
      const name = cleanName(cell('name'));
      const rawCode = cell('creditCode');
      const reject = (reason: string, creditCode?: string) =>
        rows.push({ ...at, ok: false, reason, name: name || undefined, creditCode: creditCode ?? (rawCode || undefined) });

      if (!rawCode) {
        reject('“统一社会信用代码”列为空');
        continue;
      }
      const code = validateUscc(rawCode);
      if (!code.ok) {
        const lostDigits = /^\d{15,}$|E\+/i.test(rawCode)
          ? '（该列若是 Excel 数字格式，末尾几位会丢失：请把该列设为文本格式后重新录入）'
          : '';
        reject(`“统一社会信用代码”列的值 ‘${rawCode}’ 无效：${code.message}${lostDigits}`);
        continue;
      }
      if (!name) {
        reject('“企业名称”列为空', code.code);
        continue;
      }
      if (name.length > 200) {
        reject('“企业名称”超过 200 个字符', code.code);
        continue;
      }
      const districtText = cell('district');
      const districtCode = districtText ? matcher.match(districtText) : ctx.defaultDistrictCode;
      if (!districtCode) {
        reject(
          districtText
            ? `“所属区域”列的值 ‘${districtText}’ 无法识别，应为 ${ctx.districts.map((d) => d.name).join('、')} 之一`
            : '“所属区域”列为空',
          code.code,
        );
        continue;
      }
      const sizeText = cell('size');
      const size = sizeText ? SIZE_WORDS[sizeText.replace(/企业$/, '').toLowerCase()] : undefined;
      if (sizeText && !size) {
        reject(`“规模”列的值 ‘${sizeText}’ 无法识别，应为 大型、中型、小型 或 微型`, code.code);
        continue;
      }

      const tooLong = (['contactName', 'contactPhone', 'address'] as const).find((c) => cell(c).length > MAX_LENGTHS[c]);
      if (tooLong) {
        reject(`“${ROSTER_COLUMNS[tooLong].label}”超过 ${MAX_LENGTHS[tooLong]} 个字符`, code.code);
        continue;
      }

      const notes: string[] = [];
      const industryText = cell('industry');
      const industryCode = industryText ? industryCodeFor(industryText, ctx.industryCodes) : undefined;
      if (industryCode === 'other' && !industryText.includes('其他')) {
        notes.push(`行业 ‘${industryText}’ 不属于九个重点行业，按“其他工业行业”登记`);
      }
      if (districtText && districtName(districtCode) !== districtText) {
        notes.push(`所属区域 ‘${districtText}’ 按“${districtName(districtCode)}”登记`);
      }
      const record: RosterRecord = { creditCode: code.code, name, districtCode };
      const optional = { industryCode, size, contactName: cell('contactName'), contactPhone: cell('contactPhone'), address: cell('address') };
      for (const [k, v] of Object.entries(optional)) if (v) Object.assign(record, { [k]: v });
      rows.push({ ...at, ok: true, record, notes });
    }
  }
  if (!headerFound) {
    throw new RosterFormatError(
      `未找到表头：表格前 ${HEADER_SEARCH_ROWS} 行中没有同时包含“企业名称”（或“单位名称”）和“统一社会信用代码”的行`,
    );
  }
  return { rows, skippedSheets };
}

/** “第 N 行” or “工作表“X”第 N 行”, as the user will look it up. */
export function rowLabel(row: { sheet: string | null; rowNumber: number }): string {
  return row.sheet ? `工作表“${row.sheet}”第 ${row.rowNumber} 行` : `第 ${row.rowNumber} 行`;
}
