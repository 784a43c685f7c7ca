/**
 * Static checks of a composed questionnaire beyond what the schema can see: unique ids, references
 * of conditions, visibility cycles, scoring completeness, and maturity coverage of the PA subset.
 */
import type { Questionnaire } from './compose.js';
import { referencedAttrs, referencedItems } from './conditions.js';
import { InventoryRowFields } from './answers.js';
import { isScored, type Condition, type ItemDef } from './schema.js';

export interface Problem {
  level: 'error' | 'warning';
  /** Where: item, section or data-type id, or a path such as key_enterprise.when. */
  where: string;
  message: string;
}

/** The PA subset assessed for maturity (standards.md §6 C); each needs items at levels 1–3. */
export const ASSESSED_PROCESS_AREAS = [
  'PA01', 'PA02', 'PA05', 'PA08', 'PA09', 'PA10', 'PA14', 'PA15', 'PA17',
  'PA18', 'PA20', 'PA21', 'PA22', 'PA23', 'PA26', 'PA27', 'PA28', 'PA30',
] as const;

/** Roles the scoring engine relies on: each must be carried by exactly one item of the core. */
const REQUIRED_ROLES = ['catalogue_filed', 'data_inventory'] as const;

export function analyze(q: Questionnaire, rowAttributes: ReadonlySet<string> = inventoryAttributes()): Problem[] {
  const problems: Problem[] = [];
  const err = (where: string, message: string) => problems.push({ level: 'error', where, message });
  const warn = (where: string, message: string) => problems.push({ level: 'warning', where, message });

  // Unique ids across items, sections and data types.
  const seen = new Map<string, string>();
  const claim = (id: string, what: string) => {
    const prior = seen.get(id);
    if (prior) err(id, `编号重复：${what} 与 ${prior} 使用了同一编号`);
    else seen.set(id, what);
  };
  q.sections.forEach((s) => claim(s.id, `章节 ${s.id}`));
  q.items.forEach((i) => claim(i.def.id, `题目 ${i.def.id}`));
  q.dataTypes.forEach((d) => claim(d.id, `数据类型 ${d.id}`));

  if (q.module) {
    const prefix = `${q.module.id}.`;
    for (const i of q.items) if (i.origin === 'industry' && !i.def.id.startsWith(prefix))
      err(i.def.id, `行业模块的题目编号应以 “${prefix}” 开头`);
    for (const d of q.dataTypes) if (d.origin === 'industry' && !d.id.startsWith(prefix))
      err(d.id, `行业模块的数据类型编号应以 “${prefix}” 开头`);
  }

  // Conditions reference existing items (and, in grading rules, existing row attributes).
  const checkItemRefs = (where: string, cond: Condition | undefined, allowAttr: boolean) => {
    for (const ref of referencedItems(cond)) {
      const target = q.itemById.get(ref);
      if (!target) err(where, `条件引用了不存在的题目 “${ref}”`);
    }
    for (const attr of referencedAttrs(cond)) {
      if (!allowAttr) err(where, `条件中的 attr “${attr}” 只能用于数据类型的定级规则`);
      else if (!rowAttributes.has(attr)) err(where, `定级规则引用了数据清单中不存在的属性 “${attr}”`);
    }
    checkOptionValues(where, cond);
  };
  const checkOptionValues = (where: string, cond: Condition | undefined) => {
    if (!cond) return;
    if ('all' in cond) return cond.all.forEach((c) => checkOptionValues(where, c));
    if ('any' in cond) return cond.any.forEach((c) => checkOptionValues(where, c));
    if ('not' in cond) return checkOptionValues(where, cond.not);
    if (!('item' in cond)) return;
    const target = q.itemById.get(cond.item)?.def;
    if (!target) return;
    const allowed = allowedValues(target);
    if (!allowed) return;
    const used = [cond.eq, cond.ne, cond.includes, ...(cond.in ?? [])].filter((v) => v !== undefined);
    for (const v of used) if (!allowed.has(v as string | boolean))
      err(where, `条件中的取值 “${String(v)}” 不是题目 ${cond.item} 的可选答案`);
  };

  for (const s of q.sections) checkItemRefs(`章节 ${s.id}`, s.visible_if, false);
  for (const { def } of q.items) {
    checkItemRefs(def.id, def.visible_if, false);
    def.checks?.forEach((c, n) => checkItemRefs(`${def.id}.checks[${n}]`, c.if, false));
    checkScoring(def, err, warn);
  }
  for (const d of q.dataTypes) d.grading.forEach((g, n) => checkItemRefs(`${d.id}.grading[${n}]`, g.when, true));
  // GB/T 43697 6.3–6.6: a datum's level comes from its content and the harm of its leakage or tampering. That it is
  // shared or exported triggers duties (export assessment, agreements); making it important for that is circular.
  for (const d of q.dataTypes)
    d.grading.forEach((g, n) => {
      const activity = referencedAttrs(g.when).filter((a) => a === 'shared_external' || a === 'cross_border');
      if (activity.length > 0)
        err(`${d.id}.grading[${n}]`, `定级规则不能以处理活动（${activity.join('、')}）为条件：对外共享、出境不改变数据级别，只触发出境评估、共享协议等义务`);
    });
  q.exposure.forEach((e) => checkItemRefs(`exposure.${e.factor}`, e.when, false));
  if (q.keyEnterprise) checkItemRefs('key_enterprise.when', q.keyEnterprise.when, false);
  if (q.operationalTechnology) checkItemRefs('operational_technology', q.operationalTechnology, false);
  if (q.importantDataDeclared) checkItemRefs('important_data_declared', q.importantDataDeclared, false);
  for (const o of q.obligations) {
    checkItemRefs(`obligations.${o.id}`, o.applies_if, false);
    for (const id of o.items) if (!q.itemById.has(id)) err(`obligations.${o.id}`, `法定义务引用了不存在的题目 ${id}`);
  }

  // Scores must not depend on the day they are computed: 'today' is for checks (answer validation) only.
  const noToday = (where: string, cond: Condition | undefined) => {
    if (usesToday(cond)) err(where, '条件中的 today 只能用于 checks（答案校验）；显示条件、暴露面、定级规则和重点企业条件不能依赖当天日期，否则同一份答案在不同日期算出的分数不同');
  };
  for (const s of q.sections) noToday(`章节 ${s.id}`, s.visible_if);
  for (const { def } of q.items) noToday(def.id, def.visible_if);
  for (const d of q.dataTypes) d.grading.forEach((g, n) => noToday(`${d.id}.grading[${n}]`, g.when));
  q.exposure.forEach((e) => noToday(`exposure.${e.factor}`, e.when));
  if (q.keyEnterprise) noToday('key_enterprise.when', q.keyEnterprise.when);
  if (q.operationalTechnology) noToday('operational_technology', q.operationalTechnology);
  if (q.importantDataDeclared) noToday('important_data_declared', q.importantDataDeclared);
  for (const o of q.obligations) noToday(`obligations.${o.id}`, o.applies_if);

  // Visibility must not depend on itself.
  for (const cycle of visibilityCycles(q)) err(cycle[0], `显示条件存在循环依赖：${cycle.join(' → ')}`);

  for (const role of REQUIRED_ROLES) {
    const carriers = q.items.filter((i) => i.def.role === role);
    if (carriers.length !== 1) err(role, `必须恰好有一道题目标记 role: ${role}（现有 ${carriers.length} 道）`);
  }

  for (const pa of ASSESSED_PROCESS_AREAS) {
    for (const level of [1, 2, 3]) {
      const n = q.items.filter((i) => {
        const m = isScored(i.def) ? i.def.scoring.maturity : undefined;
        return m?.pa === pa && m.level === level;
      }).length;
      if (n === 0) warn(pa, `过程域 ${pa} 的第 ${level} 级没有任何题目，成熟度无法评到该级`);
    }
  }
  return problems;
}

/**
 * How many items gate each maturity level 1–3 of each PA (supplementary items left out; module items in a PA the
 * core also asks are supplementary): `{ PA01: [l1, l2, l3] }`. Every item counts, as if all were visible. The scoring
 * engine judges a level with fewer than three together with adjacent levels (scoring/README.md, section C).
 */
export function maturityGates(q: Questionnaire): Record<string, [number, number, number]> {
  const coreAsks = new Set<string>();
  for (const i of q.items) {
    const m = isScored(i.def) ? i.def.scoring.maturity : undefined;
    if (m && i.origin === 'core' && !m.supplementary) coreAsks.add(m.pa);
  }
  const out: Record<string, [number, number, number]> = {};
  for (const i of q.items) {
    const m = isScored(i.def) ? i.def.scoring.maturity : undefined;
    if (!m || m.level > 3 || m.supplementary || (i.origin === 'industry' && coreAsks.has(m.pa))) continue;
    (out[m.pa] ??= [0, 0, 0])[m.level - 1]++;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function usesToday(cond: Condition | undefined): boolean {
  if (!cond) return false;
  if ('all' in cond) return cond.all.some(usesToday);
  if ('any' in cond) return cond.any.some(usesToday);
  if ('not' in cond) return usesToday(cond.not);
  return cond.before === 'today' || cond.after === 'today';
}

/** Values an item's answer can take, for checking condition literals; undefined = free values. */
function allowedValues(def: ItemDef): Set<string | boolean> | undefined {
  switch (def.kind) {
    case 'single':
    case 'multi':
      return new Set(def.options.map((o) => o.value));
    case 'yesno':
      return new Set([true, false]);
    case 'control':
      return new Set(['full', 'partial', 'none', 'na']);
    default:
      return undefined;
  }
}

function checkScoring(
  def: ItemDef,
  err: (w: string, m: string) => void,
  warn: (w: string, m: string) => void,
): void {
  if (def.kind === 'control' && !def.scoring) err(def.id, '符合性题目（control）必须有 scoring，说明它计入哪个维度');
  if (!('scoring' in def) || !def.scoring) {
    if ('finding' in def && def.finding) warn(def.id, '有 finding 但没有 scoring：该问题不会出现在诊断结果中');
    return;
  }
  if (!def.finding) err(def.id, '计分题目必须给出 finding（问题描述、整改建议、优先级）');
  if (def.kind === 'single' && def.options.every((o) => o.score === undefined))
    err(def.id, '计分的单选题必须为选项给出 score（1 符合、0.5 部分符合、0 不符合）');
  if (!def.refs || def.refs.length === 0) warn(def.id, '计分题目应给出依据（refs：标准及条款）');
  // A 部分符合 answer must not print the 不符合 text, and raters need the same yardstick for the three answers.
  if (def.kind === 'control') {
    if (!def.rubric) warn(def.id, '符合性题目应给出评分细则（rubric：符合 / 部分符合 / 不符合 各是什么样子）');
    if (def.finding && !def.finding.partial) warn(def.id, '符合性题目应给出“部分符合”时的问题描述（finding.partial）');
  }
}

function visibilityCycles(q: Questionnaire): string[][] {
  const deps = new Map<string, string[]>();
  const sectionCond = new Map(q.sections.map((s) => [s.id, s.visible_if]));
  for (const i of q.items)
    deps.set(i.def.id, [...referencedItems(sectionCond.get(i.sectionId)), ...referencedItems(i.def.visible_if)]);
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'open') {
      cycles.push([...path.slice(path.indexOf(id)), id]);
      return;
    }
    state.set(id, 'open');
    path.push(id);
    for (const d of deps.get(id) ?? []) if (deps.has(d)) visit(d);
    path.pop();
    state.set(id, 'done');
  };
  for (const id of deps.keys()) visit(id);
  return cycles;
}

/** The attribute names of an inventory row. */
export function inventoryAttributes(): Set<string> {
  return new Set(Object.keys(InventoryRowFields.shape));
}
