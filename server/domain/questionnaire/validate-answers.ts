/**
 * Validating answers from outside (the web app's outbox, an imported answers file) against a composed
 * questionnaire. Errors make the answers unusable as given; warnings (item checks, unanswered required items)
 * are shown but a draft may be saved with them. Messages are Chinese and name the item, for the person who fixes it.
 */
import type { z } from 'zod';
import { AnswersFile, answerSchemaFor, type AnswerValue, type Answers, type AnswersFileValue, type InventoryRowValue } from './answers.js';
import type { Questionnaire } from './compose.js';
import { evaluate, visibleItems } from './conditions.js';
import { CONTROL_ANSWER_LABELS } from './labels.js';
import type { ItemDef } from './schema.js';

export interface AnswerProblem {
  /** The item concerned; '' for a problem with the answers object or file as a whole. */
  itemId: string;
  level: 'error' | 'warning';
  message: string;
}

export interface ValidatedAnswers {
  /** The values that passed, with schema defaults applied (e.g. inventory row attributes); failing values are left out. */
  answers: Answers;
  problems: AnswerProblem[];
}

export interface ValidateOptions {
  /** 'YYYY-MM-DD' that checks comparing with 'today' use; defaults to the current UTC date. */
  today?: string;
}

export function validateAnswers(q: Questionnaire, raw: unknown, options: ValidateOptions = {}): ValidatedAnswers {
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ itemId: '', level: 'error', message: '答案应为“题目编号 → 答案”组成的对象' });
    return { answers, problems };
  }

  for (const [itemId, value] of Object.entries(raw as Record<string, unknown>)) {
    const item = q.itemById.get(itemId);
    if (!item) {
      problems.push({ itemId, level: 'error', message: `题目 ${itemId} 不在问卷 ${q.id}（版本 ${q.version}）中，请检查题目编号或问卷版本` });
      continue;
    }
    // null is how a client clears an answer: the item is simply unanswered.
    if (value === null || value === undefined) continue;
    const parsed = answerSchemaFor(item.def).safeParse(value);
    if (!parsed.success) {
      for (const message of describeIssues(item.def, parsed.error.issues))
        problems.push({ itemId, level: 'error', message });
      continue;
    }
    if (item.def.kind === 'inventory') {
      const unknownTypes = unknownDataTypes(q, parsed.data as InventoryRowValue[]);
      for (const { row, type } of unknownTypes)
        problems.push({ itemId, level: 'error', message: `题目 ${itemId} 数据清单第 ${row + 1} 行的数据类型 “${type}” 不在问卷 ${q.id} 中，请重新选择或改为自定义数据类型` });
      if (unknownTypes.length > 0) continue;
    }
    answers[itemId] = parsed.data;
  }

  const visible = visibleItems(q, answers);
  for (const { def } of q.items) {
    if (!def.checks || !visible.has(def.id)) continue;
    for (const check of def.checks)
      if (evaluate(check.if, { answers, visible, today: options.today }))
        problems.push({ itemId: def.id, level: check.level, message: `题目 ${def.id}：${check.message}` });
  }
  // An item whose value was rejected already has an error; "not answered" would only confuse.
  const rejected = new Set(problems.map((p) => p.itemId));
  for (const itemId of missingRequired(q, answers, visible)) {
    if (rejected.has(itemId)) continue;
    const label = q.itemById.get(itemId)!.def.label;
    problems.push({ itemId, level: 'warning', message: `必答题目 ${itemId}（${label}）尚未作答` });
  }
  return { answers, problems };
}

/** Visible required items without an answer, in questionnaire order. */
export function missingRequired(q: Questionnaire, answers: Answers, visible: ReadonlySet<string> = visibleItems(q, answers)): string[] {
  return q.items.filter((i) => i.def.required && visible.has(i.def.id) && !isAnswered(answers[i.def.id])).map((i) => i.def.id);
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function unknownDataTypes(q: Questionnaire, rows: InventoryRowValue[]): { row: number; type: string }[] {
  const out: { row: number; type: string }[] = [];
  rows.forEach((r, row) => {
    if (r.type && !q.dataTypeById.has(r.type)) out.push({ row, type: r.type });
  });
  return out;
}

/** Checks the envelope of an answers file: shape, questionnaire id, and the exact composed version. */
export function validateAnswersFile(
  qs: readonly Questionnaire[],
  raw: unknown,
): { file?: AnswersFileValue; questionnaire?: Questionnaire; problems: AnswerProblem[] } {
  const parsed = AnswersFile.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        itemId: '',
        level: 'error' as const,
        message: `答案文件格式错误：${issue.path.length ? `字段 ${issue.path.join('.')} ` : ''}${genericIssue(issue)}（应包含 questionnaire、version、answers）`,
      })),
    };
  }
  const file = parsed.data;
  const q = qs.find((x) => x.id === file.questionnaire);
  if (!q) {
    const known = qs.map((x) => x.id).join('、') || '（无）';
    return { file, problems: [{ itemId: '', level: 'error', message: `答案文件指定的问卷 “${file.questionnaire}” 不存在；已加载的问卷：${known}` }] };
  }
  if (file.version !== q.version) {
    return {
      file,
      questionnaire: q,
      problems: [{
        itemId: '',
        level: 'error',
        message: `答案文件对应问卷 ${q.id} 的版本 ${file.version}，而当前加载的问卷版本为 ${q.version}；两者必须完全一致，请使用对应版本的问卷或先迁移答案`,
      }],
    };
  }
  return { file, questionnaire: q, problems: [] };
}

// ---------- messages ----------

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

function optionList(def: Extract<ItemDef, { options: unknown }>): string {
  return def.options.map((o) => `${o.value}（${o.label}）`).join('、');
}

/** One message per issue, except where the item's whole vocabulary is the useful answer (one message then). */
function describeIssues(def: ItemDef, issues: z.core.$ZodIssue[]): string[] {
  const head = `题目 ${def.id} 的答案`;
  switch (def.kind) {
    case 'control': {
      const codes = def.na_allowed ? (['full', 'partial', 'none', 'na'] as const) : (['full', 'partial', 'none'] as const);
      const names = codes.map((c) => CONTROL_ANSWER_LABELS[c]).join('/');
      return [`${head}应为 ${names} 之一（${codes.join('/')}）${def.na_allowed ? '' : '，本题不允许选择不适用'}`];
    }
    case 'yesno':
      return [`${head}应为 是 或 否（true 或 false）`];
    case 'single':
      return [`${head}应为以下选项之一：${optionList(def)}`];
    default:
      return [...new Set(issues.map((issue) => `${head}${where(def, issue.path)}：${describeIssue(def, issue)}`))];
  }
}

function where(def: ItemDef, path: readonly PropertyKey[]): string {
  if (def.kind === 'inventory' && typeof path[0] === 'number') {
    const field = path.length > 1 ? ` 的 ${String(path[1])}` : '';
    return `（数据清单第 ${path[0] + 1} 行${field}）`;
  }
  if (def.kind === 'evidence' && typeof path[0] === 'number') return `（第 ${path[0] + 1} 个附件）`;
  return '';
}

function describeIssue(def: ItemDef, issue: z.core.$ZodIssue): string {
  if (hasChinese(issue.message)) return issue.message;
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    const expected: Partial<Record<ItemDef['kind'], string>> = {
      multi: '选项值组成的数组',
      number: '数字',
      text: '文本',
      date: 'YYYY-MM-DD 格式的日期',
      inventory: '数据清单行组成的数组',
      evidence: '附件组成的数组',
    };
    return `应为${expected[def.kind] ?? issue.expected}`;
  }
  if (def.kind === 'multi' && issue.code === 'invalid_value') return `包含不存在的选项；可选：${optionList(def)}`;
  if (def.kind === 'multi' && issue.code === 'too_small') return `至少选择 ${String(issue.minimum)} 项`;
  if (def.kind === 'multi' && issue.code === 'too_big') return `最多选择 ${String(issue.maximum)} 项`;
  if (def.kind === 'inventory' && issue.code === 'too_big' && issue.path.length === 0) return `最多 ${String(issue.maximum)} 行`;
  return genericIssue(issue);
}

function genericIssue(issue: z.core.$ZodIssue): string {
  if (hasChinese(issue.message)) return issue.message;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return `取值应为以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_type':
      return `类型错误：应为 ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `不能超过 ${String(issue.maximum)} 个字` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    default:
      return `取值无效（${issue.message}）`;
  }
}
