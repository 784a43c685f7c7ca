/**
 * How an answer's value and evidence basis are stored. The basis is a number (BASIS_NUMBERS; migration 179). The value,
 * in answers.value: its JSON text, or — from LARGE_VALUE bytes, in practice a
 * questionnaire's data inventory (about 2 KB of JSON whose keys repeat in every row) — that JSON brotli-compressed in
 * a BLOB (about 280 bytes). A large value as text also spilled out of its 4 KB page into an overflow page left mostly
 * empty. Every reader of answers.value goes through decodeAnswerValue; nothing in SQL reads inside a value.
 */
import type { Database } from 'better-sqlite3';
import type { EvidenceBasisCode } from '../domain/questionnaire/schema.js';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** JSON of at least this many bytes is stored compressed. */
export const LARGE_VALUE = 512;

const PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };

/** What to store for a value's JSON. */
export function encodeAnswerValue(json: string): string | Buffer {
  return Buffer.byteLength(json) < LARGE_VALUE ? json : brotliCompressSync(Buffer.from(json), { params: PARAMS });
}

/** The JSON of a stored value (either form). */
export function decodeAnswerValue(stored: string | Buffer): string;
export function decodeAnswerValue(stored: string | Buffer | null): string | null;
export function decodeAnswerValue(stored: string | Buffer | null): string | null {
  return stored === null || typeof stored === 'string' ? stored : brotliDecompressSync(stored).toString();
}

/** Stores the large values written before as text compressed (migration 181); run inside a transaction. */
export function compressLargeAnswerValues(db: Database): number {
  const rows = db
    .prepare(`SELECT assessment_id AS a, item, value FROM answers WHERE typeof(value) = 'text' AND length(CAST(value AS BLOB)) >= ?`)
    .all(LARGE_VALUE) as { a: number; item: number; value: string }[];
  const update = db.prepare('UPDATE answers SET value = ? WHERE assessment_id = ? AND item = ?');
  for (const r of rows) update.run(encodeAnswerValue(r.value), r.a, r.item);
  return rows.length;
}

/** answers.basis: each evidence basis by its number. */
const BASIS_NUMBERS: Record<EvidenceBasisCode, number> = { onsite: 1, document: 2, verbal: 3 };
const BASIS_CODES = new Map(Object.entries(BASIS_NUMBERS).map(([code, n]) => [n, code as EvidenceBasisCode]));

export function encodeBasis(basis: EvidenceBasisCode | null): number | null {
  return basis === null ? null : BASIS_NUMBERS[basis];
}

export function decodeBasis(stored: number | null): EvidenceBasisCode | null {
  return stored === null ? null : (BASIS_CODES.get(stored) ?? null);
}
