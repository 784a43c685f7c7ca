/**
 * How a score result is stored: the one place that writes and reads the `result`, `detail` and `detail_format`
 * columns of scores and score_archive. A result is about 100 KB of JSON, mostly findings, process areas and risk
 * entries whose texts (item labels, problems, recommendations, references) are the same in every assessment of a
 * questionnaire. So it is split by top-level key:
 * - `result` (TEXT): JSON of the small keys SQL reads (scoring model, questionnaire, variant, profile, summary) —
 *   the score_facts triggers take `$.summary` from it;
 * - `detail` (BLOB): every other key, as brotli-compressed JSON in which each long string is a reference to its row
 *   in `score_texts` (each text stored once for the whole database), `detail_format` 2 — about a quarter of the
 *   size of compressing the texts with each result. `detail_format` 3 (what is written now): that JSON deflated
 *   against the database's dictionary instead (a fifth smaller again). `detail_format` NULL: the detail is the plain
 *   compressed JSON (rows written by migration 140, converted by migration 150).
 * Reading merges the two, so the result read back equals the one scored. A row whose `detail` is NULL holds the
 * whole result in `result` (hand-made test rows).
 * `registerScoreFunctions` gives SQL the plain split (`score_head`, `score_detail`) for migration 140.
 * score_texts and score_dictionaries rows are never changed or deleted: an archived result needs them as long as the
 * current one.
 */
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import type { ScoreResult } from '../domain/scoring/index.js';
import { statement } from './statements.js';

/** Top-level keys kept readable in `result`: small, and what SQL reads. */
const HEAD_KEYS: ReadonlySet<string> = new Set(['questionnaire', 'scoringModel', 'variant', 'profile', 'summary'] satisfies (keyof ScoreResult)[]);

/** The readable part of a stored result. */
export type ScoreHead = Pick<ScoreResult, 'questionnaire' | 'scoringModel' | 'variant' | 'profile' | 'summary'>;

/**
 * Quality 5: within a few per cent of the smallest output at a fraction of the time of 9–11 (measured on the demo
 * city's results with texts referenced: 4.5 KB at 0.5 ms, against 4.0 KB at 100–150 ms for quality 11).
 */
const BROTLI_PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };

/** The detail format whose long strings refer to score_texts. */
export const TEXT_REFERENCES = 2;
/**
 * Format 2's JSON deflated against the database's dictionary (score_dictionaries, migration 184) instead of brotli
 * alone: 4 bytes naming the dictionary, then the deflated JSON. What encodeScore writes.
 */
export const DICTIONARY_DEFLATE = 3;
/** Deflate looks back this far: the most of a dictionary it uses. */
const DEFLATE_WINDOW = 32 * 1024;
/** Strings this long (or starting with the reference mark) go to score_texts; shorter ones are cheaper inline. */
const MIN_TEXT_LENGTH = 8;
/** A referenced string is stored as this mark followed by the text's id in base 36. */
const MARK = '\u0001';
/**
 * A reference in the JSON.stringify text of a detail: a string value starting with the mark. Its opening quote follows
 * `:`, `,` or `[` (JSON.stringify writes no spaces), which a quote inside a string never does (it follows `\`); keys
 * are never references (encodeScore refuses one starting with the mark).
 */
const REFERENCE_IN_JSON = /(?<=[:,[])"\\u0001([0-9a-z]+)"/g;

export interface StoredScore {
  result: string;
  detail: Buffer | null;
  /**
   * NULL (or absent): `detail` is plain compressed JSON; TEXT_REFERENCES: its long strings refer to score_texts;
   * DICTIONARY_DEFLATE: the same, deflated against a dictionary.
   */
  detailFormat?: number | null;
}

const isText = (v: unknown): v is string => typeof v === 'string' && (v.length >= MIN_TEXT_LENGTH || v.startsWith(MARK));

function split(result: Record<string, unknown>): { head: Record<string, unknown>; rest: Record<string, unknown> } {
  const head: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) (HEAD_KEYS.has(k) ? head : rest)[k] = v;
  return { head, rest };
}

function compress(json: string): Buffer {
  const buf = Buffer.from(json);
  return brotliCompressSync(buf, { params: { ...BROTLI_PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
}

/** The ids of the texts, adding those score_texts does not have yet (call inside the writing transaction). */
function textIds(db: Database, texts: ReadonlySet<string>): Map<string, number> {
  const ids = new Map<string, number>();
  const rows = statement(db, 'SELECT id, text FROM score_texts WHERE text IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...texts])) as { id: number; text: string }[];
  for (const r of rows) ids.set(r.text, r.id);
  const add = statement(db, 'INSERT INTO score_texts (text) VALUES (?)');
  for (const t of texts) if (!ids.has(t)) ids.set(t, Number(add.run(t).lastInsertRowid));
  return ids;
}

/**
 * References to score texts remembered per connection while `withScoreTextCache` runs (text → mark and id): looking
 * up a score's few hundred texts took longer than scoring it. Only safe where nothing written in between is rolled
 * back alone, or where the cache is forgotten after each such rollback (`forgetScoreTexts`): a rolled-back id would be
 * handed out again for another text.
 */
const textCaches = new WeakMap<Database, Map<string, string>>();

/**
 * Runs `fn` with the ids of score texts remembered between scores (a nested call shares the outer one's), until it
 * returns or its promise settles: for a bulk writer whose work is either committed or, on any error, rolled back whole
 * and abandoned (the demo city), or one that calls `forgetScoreTexts` after each partial rollback (a re-scoring
 * batch).
 */
export function withScoreTextCache<T>(db: Database, fn: () => T): T {
  if (textCaches.has(db)) return fn();
  textCaches.set(db, new Map());
  const stop = () => void textCaches.delete(db);
  let out: T;
  try {
    out = fn();
  } catch (err) {
    stop();
    throw err;
  }
  if (out instanceof Promise) return out.finally(stop) as T;
  stop();
  return out;
}

/** Forgets the remembered texts: call after rolling back a savepoint whose scores may have added some. */
export function forgetScoreTexts(db: Database): void {
  textCaches.get(db)?.clear();
}

/** Splits a result into the stored columns, its long strings as references to score_texts (which may gain rows). */
export function encodeScore(db: Database, result: ScoreResult | Record<string, unknown>): Required<StoredScore> {
  const { head, rest } = split(result as Record<string, unknown>);
  const cache = textCaches.get(db);
  const json = cache ? referencedJson(db, rest, cache) : referencedJsonUncached(db, rest);
  return { result: JSON.stringify(head), detail: deflateDetail(db, json), detailFormat: DICTIONARY_DEFLATE };
}

/**
 * The dictionary new details are deflated against: the latest one, or else one made of the tail of this detail (in
 * the writing transaction: a rollback takes both away). The tail of any detail repeats most of the others' keys, item
 * references and values (measured on the demo city: 3.9 KB a detail against brotli's 5.0, 1.7 ms against 0.5).
 */
function deflateDetail(db: Database, json: string): Buffer {
  const buf = Buffer.from(json);
  let dictionary = statement(db, 'SELECT id, bytes FROM score_dictionaries ORDER BY id DESC LIMIT 1').get() as
    | { id: number; bytes: Buffer }
    | undefined;
  if (dictionary === undefined) {
    const bytes = buf.subarray(-DEFLATE_WINDOW);
    dictionary = { id: Number(statement(db, 'INSERT INTO score_dictionaries (bytes) VALUES (?)').run(bytes).lastInsertRowid), bytes };
  }
  const named = Buffer.alloc(4);
  named.writeUInt32BE(dictionary.id);
  return Buffer.concat([named, deflateRawSync(buf, { level: 9, dictionary: dictionary.bytes })]);
}

function detailJson(db: Database, stored: StoredScore & { detail: Buffer }): string {
  if (stored.detailFormat !== DICTIONARY_DEFLATE) return brotliDecompressSync(stored.detail).toString('utf8');
  const id = stored.detail.readUInt32BE(0);
  const dictionary = statement(db, 'SELECT bytes FROM score_dictionaries WHERE id = ?').pluck().get(id) as Buffer | undefined;
  if (dictionary === undefined) throw new Error(`score dictionary ${id} is missing`);
  return inflateRawSync(stored.detail.subarray(4), { dictionary }).toString('utf8');
}

function referencedJsonUncached(db: Database, rest: Record<string, unknown>): string {
  const texts = new Set<string>();
  JSON.stringify(rest, (k, v: unknown) => {
    // A key is never a reference: one that would read as one cannot be stored.
    if (k.startsWith(MARK)) throw new Error('a score result key starts with U+0001');
    if (isText(v)) texts.add(v);
    return v;
  });
  const ids = textIds(db, texts);
  return JSON.stringify(rest, (_k, v: unknown) => (isText(v) ? MARK + ids.get(v)!.toString(36) : v));
}

/**
 * The same text in one pass: a text not yet remembered is looked up (or added) as it comes, so new texts get their
 * ids in the order the uncached pass adds them.
 */
function referencedJson(db: Database, rest: Record<string, unknown>, cache: Map<string, string>): string {
  return JSON.stringify(rest, (k, v: unknown) => {
    if (k.startsWith(MARK)) throw new Error('a score result key starts with U+0001');
    if (!isText(v)) return v;
    let ref = cache.get(v);
    if (ref === undefined) {
      const id =
        (statement(db, 'SELECT id FROM score_texts WHERE text = ?').pluck().get(v) as number | undefined) ??
        Number(statement(db, 'INSERT INTO score_texts (text) VALUES (?)').run(v).lastInsertRowid);
      cache.set(v, (ref = MARK + id.toString(36)));
    }
    return ref;
  });
}

/** The head alone (scoring model, variant, summary…), without decompressing the detail. */
export function decodeScoreHead(result: string): ScoreHead {
  return JSON.parse(result) as ScoreHead;
}

/** The whole result from the stored columns. */
export function decodeScore(db: Database, stored: StoredScore): ScoreResult {
  const head = JSON.parse(stored.result) as Record<string, unknown>;
  if (stored.detail === null) return head as unknown as ScoreResult;
  const json = detailJson(db, { ...stored, detail: stored.detail });
  if (stored.detailFormat !== TEXT_REFERENCES && stored.detailFormat !== DICTIONARY_DEFLATE)
    return { ...head, ...(JSON.parse(json) as object) } as ScoreResult;
  // The references are replaced in the JSON text (a reviver would visit every value: twice as slow).
  const refs = new Set(Array.from(json.matchAll(REFERENCE_IN_JSON), (m) => parseInt(m[1], 36)));
  // Each text as a JSON string, once however often it is quoted.
  const quoted = new Map(
    (statement(db, 'SELECT id, text FROM score_texts WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify([...refs])) as [
      number,
      string,
    ][]).map(([id, text]) => [id, JSON.stringify(text)]),
  );
  const whole = json.replace(REFERENCE_IN_JSON, (_m, id: string) => {
    const text = quoted.get(parseInt(id, 36));
    if (text === undefined) throw new Error(`score text ${id} is missing`);
    return text;
  });
  return { ...head, ...(JSON.parse(whole) as object) } as ScoreResult;
}

/**
 * Migration 150: every stored result whose detail is not yet in the text-reference format (scores and
 * score_archive), rewritten in it, in pages so that no statement is read while another writes.
 */
export function convertStoredScores(db: Database): number {
  let converted = 0;
  for (const [table, key] of [
    ['scores', 'assessment_id'],
    ['score_archive', 'id'],
  ] as const) {
    const page = db.prepare(
      `SELECT ${key} AS key, result, detail, detail_format AS detailFormat FROM ${table}
       WHERE ${key} > ? AND detail_format IS NULL ORDER BY ${key} LIMIT 500`,
    );
    const setDetail = db.prepare(`UPDATE ${table} SET detail = ?, detail_format = ? WHERE ${key} = ?`);
    // Only a row stored whole changes its head (the score_facts triggers watch `result`).
    const setHead = db.prepare(`UPDATE ${table} SET result = ? WHERE ${key} = ? AND result IS NOT ?`);
    let after = -1;
    for (;;) {
      const rows = page.all(after) as (StoredScore & { key: number })[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const stored = encodeScore(db, decodeScore(db, r) as unknown as Record<string, unknown>);
        setDetail.run(stored.detail, stored.detailFormat, r.key);
        setHead.run(stored.result, r.key, stored.result);
        converted++;
      }
      after = rows[rows.length - 1].key;
    }
  }
  return converted;
}

/**
 * `score_head(json)` and `score_detail(json)`: the two columns of a whole result's JSON in the plain format (detail
 * format NULL); a result already split (no key outside the head) gets a NULL detail and stays as it is.
 */
export function registerScoreFunctions(db: Database): void {
  // An UPDATE setting both columns calls both functions on the same text: split it once.
  let last: { json: string; split: StoredScore | null } | undefined;
  const plain = (json: unknown) => {
    if (typeof json !== 'string') return null;
    if (last?.json !== json) {
      const { head, rest } = split(JSON.parse(json) as Record<string, unknown>);
      last = { json, split: Object.keys(rest).length > 0 ? { result: JSON.stringify(head), detail: compress(JSON.stringify(rest)) } : null };
    }
    return last.split;
  };
  db.function('score_head', { deterministic: true }, (json) => plain(json)?.result ?? (json as string | null));
  db.function('score_detail', { deterministic: true }, (json) => plain(json)?.detail ?? null);
}
