/**
 * Roster import: the bureau or a district officer uploads the list of 规上 enterprises (XLSX or CSV); every row
 * is reported as added / updated (with what changed) / unchanged / duplicate / rejected (with why). The plan is
 * computed and applied inside one transaction, so a failure half-way leaves the registry as it was, and
 * importing the same file twice changes nothing the second time.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { parseRoster, rowLabel, RosterFormatError, type ParsedRow, type RosterRecord, type SheetRows } from '../domain/roster-parse.js';
import { badRequest, HttpError } from '../http/errors.js';
import { allDistricts } from './districts.js';
import { referenceData } from '../db/reference-data.js';
import {
  OPTIONAL_FIELD_DEFAULTS,
  diffFields,
  findByCreditCode,
  insertEnterprise,
  updateEnterprise,
  type EnterpriseFields,
} from './enterprises.js';

import { SIZE_LABELS, type RosterRowStatus, type Size } from '../domain/vocabularies.js';
import type { ImportResult, ImportSummary, RowOutcome } from '../schemas/roster.js';

export const ROSTER_MAX_BYTES = 10 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 20_000;


export type { ImportResult, ImportSummary, RowOutcome };

// ---------------------------------------------------------------- reading the file

/** An uploaded file's rows, by sheet; refuses anything that is not an XLSX workbook or a text (CSV) file. */
export async function readRosterFile(data: Buffer, fileName: string): Promise<SheetRows[]> {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const isZip = data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw badRequest('这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 或“CSV UTF-8”后再导入');
  }
  if (!['xlsx', 'csv', 'txt', ''].includes(ext) && !isZip) {
    throw badRequest(`不支持 .${ext} 文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件`);
  }
  if (isZip) {
    // An XLSX is a ZIP whose entry names (stored uncompressed) include the workbook part.
    if (!data.includes('xl/workbook.xml', 0, 'latin1')) {
      throw badRequest('文件是压缩包，但不是 Excel 工作簿（.xlsx）：请上传名单的 .xlsx 或 CSV 文件');
    }
    return readXlsx(data);
  }
  if (ext === 'xlsx') throw badRequest('文件扩展名是 .xlsx，但内容不是 Excel 工作簿：文件可能已损坏，请重新导出');
  return [{ sheet: null, rows: csvRows(decodeText(data)) }];
}

async function readXlsx(data: Buffer): Promise<SheetRows[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badRequest('无法读取该 Excel 文件：文件可能已损坏或加了密码，请在 Excel 中重新保存为 .xlsx 后再导入');
  }
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0);
  const total = sheets.reduce((n, ws) => n + ws.actualRowCount, 0);
  if (total > ROSTER_MAX_ROWS + 50) throw tooManyRows(total);
  return sheets.map((ws) => {
    const rows: SheetRows['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // Only the cells that exist: one cell far to the right (column XFD) must not make every row 16,384 wide.
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells[c - 1] = cell.text ?? '';
      });
      rows.push({ rowNumber, cells });
    });
    // Sheet names only matter to the reader when there is more than one.
    return { sheet: sheets.length > 1 ? ws.name : null, rows };
  });
}

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's “Unicode text”), otherwise GB18030/GBK. */
function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (data.subarray(0, 8192).some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) {
    throw badRequest('文件不是 Excel 工作簿（.xlsx）或 CSV 文本文件，请上传名单的 .xlsx 或 CSV 文件');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function csvRows(text: string): SheetRows['rows'] {
  const head = text.slice(0, 4096);
  const delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (err) {
    throw badRequest(`CSV 文件格式有误：${(err as Error).message}`);
  }
  if (records.length > ROSTER_MAX_ROWS + 50) throw tooManyRows(records.length);
  return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}

const tooManyRows = (n: number) =>
  badRequest(`文件约有 ${n} 行，超过单次导入上限 ${ROSTER_MAX_ROWS} 行：请按区域拆分成多个文件后分别导入`);

// ---------------------------------------------------------------- planning and applying

const FIELD_LABELS: Partial<Record<keyof EnterpriseFields, string>> = {
  name: '企业名称',
  districtId: '所属区域',
  industryCode: '行业',
  size: '规模',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
};

type Step =
  | { kind: 'insert'; fields: EnterpriseFields }
  | { kind: 'update'; id: number; changes: Partial<EnterpriseFields> }
  | { kind: 'none' };

/** Rows sharing a credit code: identical ones are duplicates of the first; differing ones reject them all. */
function duplicateVerdicts(rows: ParsedRow[]): Map<ParsedRow, { duplicateOf?: string; conflict?: string }> {
  const verdicts = new Map<ParsedRow, { duplicateOf?: string; conflict?: string }>();
  const byCode = new Map<string, Extract<ParsedRow, { ok: true }>[]>();
  for (const r of rows) if (r.ok) byCode.set(r.record.creditCode, [...(byCode.get(r.record.creditCode) ?? []), r]);
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    const [first] = group;
    if (group.every((r) => sameRecord(r.record, first.record))) {
      for (const r of group.slice(1)) verdicts.set(r, { duplicateOf: rowLabel(first) });
      continue;
    }
    const labels = group.map(rowLabel).join('、');
    for (const r of group) {
      const other = group.find((o) => !sameRecord(o.record, r.record))!;
      verdicts.set(r, {
        conflict: `${labels} 的统一社会信用代码相同但内容不同（${describeDifference(r.record, other.record)}），请核对后只保留一行`,
      });
    }
  }
  return verdicts;
}

const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const sameRecord = (a: RosterRecord, b: RosterRecord) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

const RECORD_LABELS: Record<keyof RosterRecord, string> = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  districtCode: '所属区域',
  industryCode: '行业',
  size: '规模',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
};

function describeDifference(a: RosterRecord, b: RosterRecord): string {
  const key = (Object.keys(RECORD_LABELS) as (keyof RosterRecord)[]).find((k) => a[k] !== b[k])!;
  return `${RECORD_LABELS[key]}：‘${a[key] ?? ''}’ 与 ‘${b[key] ?? ''}’`;
}

interface PlanContext {
  user: SessionUser;
  districts: { id: number; code: string; name: string }[];
  industryNames: Map<string, string>;
}

function planRow(db: Db, row: ParsedRow, verdict: { duplicateOf?: string; conflict?: string } | undefined, ctx: PlanContext): { outcome: RowOutcome; step: Step } {
  const base = { row: rowLabel(row), sheet: row.sheet, rowNumber: row.rowNumber };
  const none: Step = { kind: 'none' };
  if (!row.ok) return { outcome: { ...base, status: 'rejected', creditCode: row.creditCode, name: row.name, reason: row.reason }, step: none };
  const { record, notes } = row;
  const who = { creditCode: record.creditCode, name: record.name, ...(notes.length ? { notes } : {}) };
  if (verdict?.conflict) return { outcome: { ...base, ...who, status: 'rejected', reason: verdict.conflict }, step: none };
  if (verdict?.duplicateOf) return { outcome: { ...base, ...who, status: 'duplicate', duplicateOf: verdict.duplicateOf }, step: none };

  const district = ctx.districts.find((d) => d.code === record.districtCode)!;
  const { user } = ctx;
  if (user.role === 'district' && district.id !== user.districtId) {
    const own = ctx.districts.find((d) => d.id === user.districtId)?.name ?? '';
    return {
      outcome: { ...base, ...who, status: 'rejected', reason: `所属区域“${district.name}”不是本账号负责的区域（${own}），不能导入` },
      step: none,
    };
  }
  const fields: Partial<EnterpriseFields> = {
    name: record.name,
    districtId: district.id,
    industryCode: record.industryCode,
    size: record.size,
    contactName: record.contactName,
    contactPhone: record.contactPhone,
    address: record.address,
  };
  const existing = findByCreditCode(db, record.creditCode);
  if (!existing) {
    const full = { ...OPTIONAL_FIELD_DEFAULTS, industryCode: 'other', ...defined(fields), creditCode: record.creditCode } as EnterpriseFields;
    return { outcome: { ...base, ...who, status: 'added' }, step: { kind: 'insert', fields: full } };
  }
  if (user.role === 'district' && existing.districtId !== user.districtId) {
    return {
      outcome: { ...base, ...who, status: 'rejected', reason: '该统一社会信用代码已登记在其他区域的企业名下，不能由本区域导入，请联系市工信局核实' },
      step: none,
    };
  }
  const diff = diffFields(existing, defined(fields));
  if (diff.length === 0) return { outcome: { ...base, ...who, status: 'unchanged' }, step: none };
  const display = (field: keyof EnterpriseFields, v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    if (field === 'districtId') return ctx.districts.find((d) => d.id === v)?.name ?? String(v);
    if (field === 'industryCode') return ctx.industryNames.get(String(v)) ?? String(v);
    if (field === 'size') return SIZE_LABELS[v as Size] ?? String(v);
    return String(v);
  };
  return {
    outcome: {
      ...base,
      ...who,
      status: 'updated',
      changes: diff.map((d) => ({ field: FIELD_LABELS[d.field] ?? d.field, old: display(d.field, d.old), new: display(d.field, d.new) })),
    },
    step: { kind: 'update', id: existing.id, changes: Object.fromEntries(diff.map((d) => [d.field, d.new])) },
  };
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface ImportRequest {
  user: SessionUser;
  fileName: string;
  data: Buffer;
  dryRun: boolean;
  /** District for rows without one (a district officer's own district when not given). */
  defaultDistrictId?: number;
  /** The time of the import (ISO 8601), stamped on the import and the enterprises it writes. */
  now: string;
}

export async function importRoster(db: Db, req: ImportRequest): Promise<ImportResult> {
  const sheets = await readRosterFile(req.data, req.fileName);
  const districts = allDistricts(db);
  const industries = db.prepare('SELECT code, name FROM industries').all() as { code: string; name: string }[];
  const defaultId = req.defaultDistrictId ?? (req.user.role === 'district' ? req.user.districtId ?? undefined : undefined);
  let parsed;
  try {
    const ref = referenceData();
    parsed = parseRoster(sheets, {
      districts: districts.map((d) => ({ ...d, aliases: ref.districts.find((r) => r.code === d.code)?.aliases })),
      city: ref.city,
      industryCodes: industries.map((i) => i.code),
      defaultDistrictCode: districts.find((d) => d.id === defaultId)?.code,
    });
  } catch (err) {
    if (err instanceof RosterFormatError) throw badRequest(err.message);
    throw err;
  }
  if (parsed.rows.length > ROSTER_MAX_ROWS) throw tooManyRows(parsed.rows.length);
  if (parsed.rows.length === 0) throw badRequest('表头下面没有企业数据行');

  const ctx: PlanContext = { user: req.user, districts, industryNames: new Map(industries.map((i) => [i.code, i.name])) };
  const sha256 = createHash('sha256').update(req.data).digest('hex');

  // Planning reads the registry, so it runs inside the same transaction as the writes it decides on.
  const run = db.transaction((): ImportResult => {
    const verdicts = duplicateVerdicts(parsed.rows);
    const planned = parsed.rows.map((r) => planRow(db, r, verdicts.get(r), ctx));
    const counts: Record<RosterRowStatus, number> = { added: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
    for (const p of planned) counts[p.outcome.status]++;
    const result: ImportResult = {
      importId: null,
      dryRun: req.dryRun,
      fileName: req.fileName,
      counts,
      rows: planned.map((p) => p.outcome),
      skippedSheets: parsed.skippedSheets,
    };
    if (req.dryRun) return result;
    for (const { step } of planned) {
      if (step.kind === 'insert') insertEnterprise(db, step.fields, req.now);
      else if (step.kind === 'update') updateEnterprise(db, step.id, step.changes, req.now);
    }
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO roster_imports (file_name, file_sha256, imported_by, added, updated, unchanged, rejected, duplicates, report, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(req.fileName, sha256, req.user.id, counts.added, counts.updated, counts.unchanged, counts.rejected, counts.duplicate,
        JSON.stringify({ rows: result.rows, skippedSheets: result.skippedSheets }), req.now);
    return { ...result, importId: Number(lastInsertRowid) };
  });
  return run();
}

// ---------------------------------------------------------------- history

/** admin and bureau see every import; a district officer those made by accounts of their district. */
function historyScope(user: SessionUser): { sql: string; params: number[] } {
  if (user.role === 'admin' || user.role === 'bureau') return { sql: '1 = 1', params: [] };
  if (user.role === 'district') return { sql: 'u.district_id = ?', params: [user.districtId ?? -1] };
  return { sql: '0 = 1', params: [] };
}

const HISTORY_SELECT = `SELECT r.id, r.file_name AS fileName, r.file_sha256 AS fileSha256, r.imported_at AS importedAt,
    r.imported_by AS userId, u.display_name AS displayName, r.added, r.updated, r.unchanged, r.duplicates, r.rejected, r.report
  FROM roster_imports r LEFT JOIN users u ON u.id = r.imported_by`;

type HistoryRow = {
  id: number;
  fileName: string;
  fileSha256: string;
  importedAt: string;
  userId: number | null;
  displayName: string | null;
  added: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  report: string;
};

const summary = (r: HistoryRow): ImportSummary => ({
  id: r.id,
  fileName: r.fileName,
  fileSha256: r.fileSha256,
  importedAt: r.importedAt,
  importedBy: r.userId === null ? null : { id: r.userId, displayName: r.displayName ?? '' },
  counts: { added: r.added, updated: r.updated, unchanged: r.unchanged, duplicate: r.duplicates, rejected: r.rejected },
});

export function listImports(db: Db, user: SessionUser, limit = 100): ImportSummary[] {
  const scope = historyScope(user);
  return (
    db.prepare(`${HISTORY_SELECT} WHERE ${scope.sql} ORDER BY r.id DESC LIMIT ?`).all(...scope.params, limit) as HistoryRow[]
  ).map(summary);
}

export function getImport(
  db: Db,
  user: SessionUser,
  id: number,
): (ImportSummary & { rows: RowOutcome[]; skippedSheets: string[] }) | undefined {
  const scope = historyScope(user);
  const row = db.prepare(`${HISTORY_SELECT} WHERE r.id = ? AND ${scope.sql}`).get(id, ...scope.params) as HistoryRow | undefined;
  if (!row) return undefined;
  const report = JSON.parse(row.report) as { rows: RowOutcome[]; skippedSheets: string[] };
  return { ...summary(row), ...report };
}

/** Thrown by the route when the upload exceeds ROSTER_MAX_BYTES. */
export const fileTooLarge = () =>
  new HttpError(413, 'file_too_large', `文件超过 ${ROSTER_MAX_BYTES / 1024 / 1024} MB 上限：请按区域拆分后分批导入`);
