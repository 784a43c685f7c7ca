/**
 * Reads and validates the city's reference data, data/seed/reference.yaml (format: domain/reference-data.ts,
 * authors' guide: data/seed/README.md). A file that does not validate stops start-up with the path and the
 * problem. Read once per process: the seed, the questionnaire options and name matching all use this copy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ReferenceFile, type ReferenceData } from '../domain/reference-data.js';

export const REFERENCE_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'seed', 'reference.yaml');

export class ReferenceDataError extends Error {}

/** Parses a reference file's text; `file` only labels the errors. */
export function parseReferenceData(text: string, file: string): ReferenceData {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ReferenceDataError(`参考数据文件 ${file} 不是有效的 YAML：${(err as Error).message.split('\n')[0]}`);
  }
  const result = ReferenceFile.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(文件顶层)'}：${i.message}`);
    throw new ReferenceDataError(`参考数据文件 ${file} 校验失败：\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: ReferenceData | undefined;

/** The reference data shipped with the product (read on first use). */
export function referenceData(): ReferenceData {
  return (cached ??= parseReferenceData(readFileSync(REFERENCE_FILE, 'utf8'), REFERENCE_FILE));
}
