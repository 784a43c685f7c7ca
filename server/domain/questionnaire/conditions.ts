/**
 * Evaluating conditions (visibility, checks, exposure, grading rules, key-enterprise criteria)
 * and working out which items are visible for a set of answers.
 */
import type { Answers, InventoryRowValue } from './answers.js';
import type { Questionnaire } from './compose.js';
import type { ComparisonFields, Condition } from './schema.js';

export interface ConditionContext {
  answers: Answers;
  /** The inventory row a grading rule is evaluated against. */
  row?: InventoryRowValue;
  /** Items that are hidden count as unanswered. */
  visible?: ReadonlySet<string>;
  /** 'YYYY-MM-DD' that the bound 'today' of before/after stands for; defaults to the current UTC date. */
  today?: string;
}

function compare(value: unknown, c: ComparisonFields, today?: string): boolean {
  const answered = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '';
  if (c.answered !== undefined) return answered === c.answered;
  if (!answered) return c.ne !== undefined;
  if (c.eq !== undefined) return value === c.eq;
  if (c.ne !== undefined) return value !== c.ne;
  if (c.in !== undefined) return c.in.includes(value as string | number | boolean);
  if (c.includes !== undefined) return Array.isArray(value) && value.includes(c.includes);
  if (c.before !== undefined || c.after !== undefined) {
    if (typeof value !== 'string') return false;
    const bound = (b: string) => (b === 'today' ? (today ?? new Date().toISOString().slice(0, 10)) : b);
    return c.before !== undefined ? value < bound(c.before) : value > bound(c.after as string);
  }
  if (typeof value !== 'number') return false;
  if (c.gt !== undefined) return value > c.gt;
  if (c.gte !== undefined) return value >= c.gte;
  if (c.lt !== undefined) return value < c.lt;
  if (c.lte !== undefined) return value <= c.lte;
  return false;
}

export function evaluate(cond: Condition, ctx: ConditionContext): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluate(c, ctx));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, ctx));
  if ('not' in cond) return !evaluate(cond.not, ctx);
  if ('attr' in cond) {
    const row = ctx.row as Record<string, unknown> | undefined;
    return compare(row?.[cond.attr], cond, ctx.today);
  }
  const hidden = ctx.visible !== undefined && !ctx.visible.has(cond.item);
  return compare(hidden ? undefined : ctx.answers[cond.item], cond, ctx.today);
}

/** The item ids a condition reads. */
export function referencedItems(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  if ('all' in cond) cond.all.forEach((c) => referencedItems(c, out));
  else if ('any' in cond) cond.any.forEach((c) => referencedItems(c, out));
  else if ('not' in cond) referencedItems(cond.not, out);
  else if ('item' in cond) out.push(cond.item);
  return out;
}

/** The row attributes a condition reads. */
export function referencedAttrs(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  if ('all' in cond) cond.all.forEach((c) => referencedAttrs(c, out));
  else if ('any' in cond) cond.any.forEach((c) => referencedAttrs(c, out));
  else if ('not' in cond) referencedAttrs(cond.not, out);
  else if ('attr' in cond) out.push(cond.attr);
  return out;
}

interface VisibilityStep {
  id: string;
  conds: Condition[];
}

/** Items in dependency order with their section's and their own conditions; computed once per questionnaire. */
const plans = new WeakMap<Questionnaire, VisibilityStep[]>();

function visibilityPlan(q: Questionnaire): VisibilityStep[] {
  const cached = plans.get(q);
  if (cached) return cached;
  const sectionCond = new Map(q.sections.map((s) => [s.id, s.visible_if]));
  const plan: VisibilityStep[] = [];
  const placed = new Set<string>();
  const place = (id: string, stack: Set<string>) => {
    const item = q.itemById.get(id);
    if (!item || placed.has(id) || stack.has(id)) return;
    stack.add(id);
    const conds = [sectionCond.get(item.sectionId), item.def.visible_if].filter((c) => c !== undefined);
    for (const c of conds) for (const dep of referencedItems(c)) place(dep, stack);
    stack.delete(id);
    placed.add(id);
    plan.push({ id, conds });
  };
  for (const item of q.items) place(item.def.id, new Set());
  plans.set(q, plan);
  return plan;
}

/**
 * The set of visible item ids. Items are visited in dependency order, so an item that depends on a
 * hidden item sees it as unanswered. analyze() guarantees there are no cycles.
 */
export function visibleItems(q: Questionnaire, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const { id, conds } of visibilityPlan(q)) {
    if (conds.every((c) => evaluate(c, { answers, visible }))) visible.add(id);
  }
  return visible;
}
