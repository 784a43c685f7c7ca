/**
 * 宣贯培训 records imported from an XLSX sheet: row 1 headers 日期 | 课程 | 组织单位 | 区县 | 人次 | 参训企业
 * (credit codes separated by 、 , ; or spaces). Every valid row is imported in one transaction; rejected rows are
 * reported with their row number and reason, and nothing of a rejected row is stored.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/open.js';
import { validateUscc } from '../domain/uscc.js';
import { badRequest } from '../http/errors.js';
import { resolveDistrict } from './districts.js';
import { createTraining } from './upward.js';
import { TRAINING_COLUMNS } from '../domain/upward-vocabularies.js';

export { TRAINING_COLUMNS };
/** The largest training sheet accepted (a year of sessions is a few hundred rows). */
export const TRAINING_MAX_BYTES = 5 * 2 ** 20;

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v).trim();
};

export async function importTrainings(db: Db, data: Buffer, userId: number, now: string) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badRequest('文件不是有效的 XLSX 表格');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('表格中没有工作表');
  const header = TRAINING_COLUMNS.map((_, i) => text(ws.getRow(1).getCell(i + 1).value));
  if (TRAINING_COLUMNS.some((h, i) => header[i] !== h)) throw badRequest(`第 1 行应为表头：${TRAINING_COLUMNS.join(' | ')}`);
  const rejected: { row: number; reason: string }[] = [];
  let imported = 0;
  const byCode = db.prepare('SELECT id FROM enterprises WHERE credit_code = ?').pluck();
  db.transaction(() => {
    for (let r = 2; r <= ws.rowCount; r++) {
      const cells = TRAINING_COLUMNS.map((_, i) => text(ws.getRow(r).getCell(i + 1).value));
      if (cells.every((c) => c === '')) continue;
      const [heldOn, course, organiser, district, persons, codes] = cells;
      const reject = (reason: string) => rejected.push({ row: r, reason });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) { reject('日期应为 YYYY-MM-DD'); continue; }
      if (!course || !organiser) { reject('课程和组织单位不能为空'); continue; }
      const personTimes = Number(persons);
      if (!Number.isInteger(personTimes) || personTimes < 0) { reject('人次应为非负整数'); continue; }
      const d = district ? resolveDistrict(db, district) : undefined;
      if (district && !d) { reject(`区县 ‘${district}’ 无法识别`); continue; }
      const enterpriseIds: number[] = [];
      let bad = '';
      for (const code of codes.split(/[、,，;；\s]+/).filter(Boolean)) {
        const v = validateUscc(code);
        const id = v.ok ? (byCode.get(v.code) as number | undefined) : undefined;
        if (!id) { bad = `参训企业 ‘${code}’ 不在企业名录中`; break; }
        enterpriseIds.push(id);
      }
      if (bad) { reject(bad); continue; }
      createTraining(db, { heldOn, course, organiser, districtId: d?.id ?? null, personTimes, enterpriseIds }, userId, now);
      imported++;
    }
  })();
  return { imported, rejected };
}
