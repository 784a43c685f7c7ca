/**
 * Writes tables to an XLSX workbook the way every export of the product looks: per sheet a title row naming
 * the table, the scope and the date, then Chinese headers, then the rows exactly as the API reports them
 * (shares as numbers formatted as percentages, so a spreadsheet can keep computing with them).
 */
import ExcelJS from 'exceljs';

export interface XlsxColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  /** Shown as a percentage (the value stays a 0–1 number). */
  percent?: boolean;
  width?: number;
}

export interface XlsxSheet<T = never> {
  name: string;
  title: string;
  columns: XlsxColumn<T>[];
  rows: T[];
}

/** The title row text: table, scope and date, e.g. 诊断覆盖（按区县）— 全市 — 截至 2026-06-30. */
export const titleOf = (table: string, scope: { label: string; asOf: string }) => `${table} — ${scope.label} — 截至 ${scope.asOf}`;

/** A sheet of any row type, for lists of sheets whose rows differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySheet = XlsxSheet<any>;

export async function workbook(sheets: AnySheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow([s.title]).font = { bold: true, size: 13 };
    ws.mergeCells(1, 1, 1, Math.max(1, s.columns.length));
    ws.addRow(s.columns.map((c) => c.header)).font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => c.value(r)));
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
      if (c.percent) col.eachCell((cell, row) => { if (row > 2) cell.numFmt = '0.0%'; });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
