/**
 * Reads questionnaires/*.yaml, validates each file with the schema, composes the core with every
 * industry module and checks the result. Errors name the file, the path inside it (with line) and what is wrong.
 * Single-choice items whose role is `district` or `industry` and that list no options get them from the city's
 * reference data (data/seed/reference.yaml); the file's hash then covers those options too.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { referenceData } from '../db/reference-data.js';
import { referenceOptions } from '../domain/reference-data.js';
import { analyze, type Problem } from '../domain/questionnaire/analyze.js';
import { compose, type HashedFile, type Questionnaire } from '../domain/questionnaire/compose.js';
import {
  QuestionnaireFile,
  type CoreFileDef,
  type IndustryFileDef,
  type QuestionnaireFileDef,
} from '../domain/questionnaire/schema.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Composes a core with an optional module; the composition's hash covers the content of both files. */
export function composeFiles(core: HashedFile<CoreFileDef>, module?: HashedFile<IndustryFileDef>): Questionnaire {
  return module ? compose(core, module, sha256(`${core.hash}\n${module.hash}`)) : compose(core);
}

/** Answer options by item role, filled into items that list none. */
export type ReferenceOptions = Record<string, { value: string; label: string }[]>;

const defaultOptions = (): ReferenceOptions => referenceOptions(referenceData());

export interface FileProblem extends Problem {
  file: string;
}

export class QuestionnaireLoadError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(
      `问卷文件校验失败（${problems.length} 处错误）：\n` +
        problems.map((p) => `  ${p.file}: ${p.where}: ${p.message}`).join('\n'),
    );
    this.name = 'QuestionnaireLoadError';
  }
}

export interface LoadedQuestionnaire {
  questionnaire: Questionnaire;
  coreText: string;
  moduleText: string | null;
  /** The reference options filled into the files (JSON), or null when the files list all their options. */
  referenceOptions: string | null;
}

export interface LoadResult {
  questionnaires: Questionnaire[];
  /** The same questionnaires with the text of the files they were composed from. */
  loaded: LoadedQuestionnaire[];
  /** Errors and warnings, by file. Errors make loadQuestionnaires() throw. */
  problems: FileProblem[];
}

export interface ParsedFile {
  file: string;
  hashed: HashedFile<QuestionnaireFileDef>;
  /** The file's text, kept so the server can store each version it has served. */
  text: string;
  /** The options filled in from the reference data, by role; null when none were. */
  filled: ReferenceOptions | null;
}

/** Validates and composes every questionnaire in dir, returning problems instead of throwing. */
export function checkQuestionnaireDir(dir: string, options: ReferenceOptions = defaultOptions()): LoadResult {
  const problems: FileProblem[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const parsed: ParsedFile[] = [];
  for (const name of files) {
    const file = relative(process.cwd(), join(dir, name)) || name;
    const result = parseQuestionnaireText(readFileSync(join(dir, name), 'utf8'), file, options);
    if ('problems' in result) problems.push(...result.problems);
    else parsed.push(result);
  }

  const cores = parsed.filter((p) => p.hashed.def.kind === 'core');
  const modules = parsed.filter((p) => p.hashed.def.kind === 'industry');
  const ids = new Map<string, string>();
  for (const p of parsed) {
    const prior = ids.get(p.hashed.def.id);
    if (prior) problems.push({ file: p.file, level: 'error', where: 'id', message: `问卷编号 “${p.hashed.def.id}” 与 ${prior} 重复` });
    ids.set(p.hashed.def.id, p.file);
  }

  const loaded: LoadedQuestionnaire[] = [];
  const addComposed = (q: Questionnaire, file: string, parts: ParsedFile[]) => {
    for (const problem of analyze(q)) problems.push({ file, ...problem });
    const filled = Object.assign({}, ...parts.map((p) => p.filled ?? {})) as ReferenceOptions;
    loaded.push({
      questionnaire: q,
      coreText: parts[0].text,
      moduleText: parts[1]?.text ?? null,
      referenceOptions: Object.keys(filled).length ? JSON.stringify(filled) : null,
    });
  };
  for (const c of cores) addComposed(composeFiles(c.hashed as HashedFile<CoreFileDef>), c.file, [c]);
  for (const m of modules) {
    const def = m.hashed.def as IndustryFileDef;
    const core = cores.find((c) => c.hashed.def.id === def.core);
    if (!core) {
      problems.push({ file: m.file, level: 'error', where: 'core', message: `找不到行业模块引用的通用部分 “${def.core}”` });
      continue;
    }
    addComposed(
      composeFiles(core.hashed as HashedFile<CoreFileDef>, m.hashed as HashedFile<IndustryFileDef>),
      m.file,
      [core, m],
    );
  }
  return { questionnaires: loaded.map((l) => l.questionnaire), loaded, problems };
}

/** Loads the questionnaires for the server; throws QuestionnaireLoadError on any error. */
export function loadQuestionnaires(dir: string, options?: ReferenceOptions): Questionnaire[] {
  return loadQuestionnaireSources(dir, options).map((l) => l.questionnaire);
}

/** Like loadQuestionnaires, with the source texts (the server stores every version it serves). */
export function loadQuestionnaireSources(dir: string, options?: ReferenceOptions): LoadedQuestionnaire[] {
  const { loaded, problems } = checkQuestionnaireDir(dir, options);
  const errors = problems.filter((p) => p.level === 'error');
  if (errors.length > 0) throw new QuestionnaireLoadError(errors);
  return loaded;
}

/**
 * Recomposes a stored version from its source texts and the reference options it was composed with (for
 * assessments pinned to an older version).
 */
export function composeFromSources(coreText: string, moduleText: string | null, referenceOptions: string | null = null): Questionnaire {
  const options = referenceOptions === null ? {} : (JSON.parse(referenceOptions) as ReferenceOptions);
  const core = parseQuestionnaireText(coreText, 'core (stored)', options);
  const module = moduleText === null ? null : parseQuestionnaireText(moduleText, 'module (stored)', options);
  for (const p of [core, module]) if (p && 'problems' in p) throw new QuestionnaireLoadError(p.problems);
  const c = core as ParsedFile;
  return composeFiles(
    c.hashed as HashedFile<CoreFileDef>,
    module ? ((module as ParsedFile).hashed as HashedFile<IndustryFileDef>) : undefined,
  );
}

/**
 * Items of a questionnaire file's raw content that take their options from the reference data (single choice,
 * role district or industry, no options listed); fills them in place and returns what was filled, by role.
 */
function fillReferenceOptions(raw: unknown, options: ReferenceOptions): ReferenceOptions | null {
  const filled: ReferenceOptions = {};
  const sections = (raw as { sections?: unknown })?.sections;
  if (!Array.isArray(sections)) return null;
  for (const section of sections) {
    const items = (section as { items?: unknown })?.items;
    if (!Array.isArray(items)) continue;
    for (const item of items as Record<string, unknown>[]) {
      const role = item?.role;
      if (item?.kind !== 'single' || typeof role !== 'string' || item.options !== undefined || !options[role]) continue;
      item.options = options[role];
      filled[role] = options[role];
    }
  }
  return Object.keys(filled).length ? filled : null;
}

/** Parses and validates one questionnaire file's text; `file` only labels the problems. */
export function parseQuestionnaireText(
  text: string,
  file: string,
  options: ReferenceOptions = defaultOptions(),
): ParsedFile | { problems: FileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        level: 'error' as const,
        where: e.linePos ? `第 ${e.linePos[0].line} 行` : 'YAML',
        message: `YAML 语法错误：${e.message.split('\n')[0]}`,
      })),
    };
  }
  const raw: unknown = doc.toJS();
  const filled = fillReferenceOptions(raw, options);
  const result = QuestionnaireFile.safeParse(raw);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({
        file,
        level: 'error' as const,
        where: describePath(raw, issue.path, (path) => {
          const node = doc.getIn(path as (string | number)[], true);
          return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
        }),
        message: describeIssue(issue),
      })),
    };
  }
  const hash = sha256(filled ? `${text}\n${JSON.stringify(filled)}` : text);
  return { file, hashed: { def: result.data, hash }, text, filled };
}

/** sections[2](lifecycle).items[5](lifecycle.backup).scoring.weight (第 120 行) */
function describePath(
  raw: unknown,
  path: readonly PropertyKey[],
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): string {
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      out += `[${key}]${typeof id === 'string' ? `(${id})` : ''}`;
    } else out += `${out ? '.' : ''}${String(key)}`;
  }
  for (let n = path.length; n >= 0; n--) {
    const line = lineOf(path.slice(0, n));
    if (line !== undefined) return `${out || '(文件顶层)'}（第 ${line} 行）`;
  }
  return out || '(文件顶层)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `不认识的字段：${issue.keys.join('、')}`;
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note) return String(issue.note);
  if (issue.code === 'invalid_union') return '取值不符合任何一种允许的写法（检查 kind 或条件的写法）';
  if (issue.code === 'invalid_value') return `取值应为以下之一：${issue.values.map(String).join('、')}`;
  if (issue.code === 'invalid_type') return `类型错误：应为 ${issue.expected}${issue.input === undefined ? '（缺少该字段）' : ''}`;
  return issue.message;
}
