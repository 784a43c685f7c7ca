/**
 * How a score result is stored: the one place that writes and reads the `result` and `detail` columns of scores and
 * score_archive. A result is 100–150 KB of JSON, mostly findings, process areas and risk entries written in Chinese;
 * stored as is it made a 50,000-enterprise city 22 GB. So it is split by top-level key:
 * - `result` (TEXT): JSON of the small keys SQL reads (scoring model, questionnaire, variant, profile, summary) —
 *   the score_facts triggers take `$.summary` from it;
 * - `detail` (BLOB): every other key, JSON compressed with brotli (about a quarter of the size).
 * Reading merges the two, so the result read back equals the one scored. A row whose `detail` is NULL holds the
 * whole result in `result` (rows written before this format, and hand-made test rows).
 * `registerScoreFunctions` gives SQL the same split (`score_head`, `score_detail`) for the migration that converts
 * existing rows.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import type { ScoreResult } from '../domain/scoring/index.js';

/** Top-level keys kept readable in `result`: small, and what SQL reads. */
const HEAD_KEYS: ReadonlySet<string> = new Set(['questionnaire', 'scoringModel', 'variant', 'profile', 'summary'] satisfies (keyof ScoreResult)[]);

/** The readable part of a stored result. */
export type ScoreHead = Pick<ScoreResult, 'questionnaire' | 'scoringModel' | 'variant' | 'profile' | 'summary'>;

/** Quality 5: within a few per cent of the smallest output at a fraction of the time of 9–11. */
const BROTLI_PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };

export interface StoredScore {
  result: string;
  detail: Buffer | null;
}

/** Splits a result (or its JSON) into the two stored columns. */
export function encodeScore(result: ScoreResult | Record<string, unknown>): StoredScore {
  const head: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) (HEAD_KEYS.has(k) ? head : rest)[k] = v;
  const json = Buffer.from(JSON.stringify(rest));
  const params = { ...BROTLI_PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: json.length };
  return { result: JSON.stringify(head), detail: brotliCompressSync(json, { params }) };
}

/** The head alone (scoring model, variant, summary…), without decompressing the detail. */
export function decodeScoreHead(result: string): ScoreHead {
  return JSON.parse(result) as ScoreHead;
}

/** The whole result from the stored columns. */
export function decodeScore(stored: StoredScore): ScoreResult {
  const head = JSON.parse(stored.result) as Record<string, unknown>;
  if (stored.detail === null) return head as unknown as ScoreResult;
  return { ...head, ...(JSON.parse(brotliDecompressSync(stored.detail).toString('utf8')) as object) } as ScoreResult;
}

/**
 * `score_head(json)` and `score_detail(json)`: the two columns of a whole result's JSON; a result already split (no
 * key outside the head) gets a NULL detail and stays as it is.
 */
export function registerScoreFunctions(db: Database): void {
  // An UPDATE setting both columns calls both functions on the same text: split it once.
  let last: { json: string; split: StoredScore | null } | undefined;
  const split = (json: unknown) => {
    if (typeof json !== 'string') return null;
    if (last?.json !== json) {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      last = { json, split: Object.keys(parsed).some((k) => !HEAD_KEYS.has(k)) ? encodeScore(parsed) : null };
    }
    return last.split;
  };
  db.function('score_head', { deterministic: true }, (json) => split(json)?.result ?? (json as string | null));
  db.function('score_detail', { deterministic: true }, (json) => split(json)?.detail ?? null);
}
