/**
 * Chinese sentences for schema validation failures, one per problem, naming the field. zod's own messages (and its
 * zh-CN locale) carry English fragments such as "expected string"; a message a schema wrote itself in Chinese is
 * kept as it is.
 */

/** One problem as the zod type provider reports it: the issue's code, its path and the issue's other fields. */
export interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

const WHERE: Record<ValidationContext, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  date: '日期',
  null: '空值（null）',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: '日期时间（如 2026-01-31T08:00:00Z）',
  date: '日期（如 2026-01-31）',
  time: '时间（如 08:00:00）',
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

const num = (v: unknown) => (typeof v === 'bigint' ? v.toString() : String(v));

/** What is wrong, as the predicate of a sentence whose subject is the field ("应为数字"). */
function predicate(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  const origin = p.origin as string | undefined;
  switch (issue.keyword) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message ?? '')) return '是必填项，请填写';
      return `应为${TYPE_NAMES[p.expected as string] ?? '有效的值'}`;
    case 'too_big':
      if (origin === 'string') return `不能超过 ${num(p.maximum)} 个字符`;
      if (origin === 'array' || origin === 'set') return `最多只能有 ${num(p.maximum)} 项`;
      return p.inclusive === false ? `必须小于 ${num(p.maximum)}` : `不能大于 ${num(p.maximum)}`;
    case 'too_small':
      if (origin === 'string') return Number(p.minimum) <= 1 ? '不能为空' : `至少需要 ${num(p.minimum)} 个字符`;
      if (origin === 'array' || origin === 'set') return `至少需要 ${num(p.minimum)} 项`;
      return p.inclusive === false ? `必须大于 ${num(p.minimum)}` : `不能小于 ${num(p.minimum)}`;
    case 'invalid_value': {
      const values = (p.values as unknown[] | undefined) ?? [];
      return values.length === 1 ? `只能是 ${JSON.stringify(values[0])}` : `只能是以下之一：${values.map((v) => JSON.stringify(v)).join('、')}`;
    }
    case 'invalid_format':
      return FORMAT_NAMES[p.format as string] ? `应为有效的${FORMAT_NAMES[p.format as string]}` : '格式不正确';
    case 'not_multiple_of':
      return `必须是 ${num(p.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `含有不允许的字段：${((p.keys as string[] | undefined) ?? []).map((k) => `“${k}”`).join('、')}，请删除后重试`;
    case 'invalid_union':
      return '不符合任何一种允许的格式';
    default:
      return '取值无效';
  }
}

/** One problem as a clause naming the field, e.g. 字段“contactName”不能超过 50 个字符. */
export function describeIssue(issue: ValidationIssue): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const subject = path ? `字段“${path}”` : '内容';
  // A schema's own Chinese message (refine, custom errors) already says what to do.
  if (issue.message && HAS_CHINESE.test(issue.message)) return path ? `${subject}：${issue.message}` : issue.message;
  if (!path && issue.keyword === 'invalid_type') return `内容应为 JSON ${TYPE_NAMES[issue.params?.expected as string] ?? '对象'}`;
  return `${subject}${predicate(issue)}`;
}

/** The whole message: where, then every problem (at most five, unknown fields first), as Chinese sentences. */
export function describeValidation(context: string | undefined, issues: ValidationIssue[]): string {
  const where = WHERE[context as ValidationContext] ?? '请求';
  // An unknown field first: it is usually a misspelt one, and explains the "required" problems that follow it.
  const ordered = [...issues.filter((i) => i.keyword === 'unrecognized_keys'), ...issues.filter((i) => i.keyword !== 'unrecognized_keys')];
  const shown = ordered.slice(0, 5).map(describeIssue);
  const more = issues.length > 5 ? `；另有 ${issues.length - 5} 处问题` : '';
  return `${where}不符合要求：${shown.join('；')}${more}。`;
}
