/**
 * Answers for a demo enterprise, generated from the real questionnaire at a maturity between 0 and 1: the profile
 * items from the enterprise itself, controls level by level as real enterprises build capability, then cleaned
 * with the same validation the server applies, so every generated set is one the API would accept.
 */
import { referenceData } from '../db/reference-data.js';
import type { Answers, AnswerValue, InventoryRowValue } from '../domain/questionnaire/answers.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { visibleItems } from '../domain/questionnaire/conditions.js';
import type { ItemDef, VariantCode } from '../domain/questionnaire/schema.js';
import { narrowToVariant } from '../domain/questionnaire/variant.js';
import { validateAnswers } from '../domain/questionnaire/validate-answers.js';
import type { Size } from '../domain/vocabularies.js';
import { GIVEN, SURNAMES, day, weighted, type Ctx, type DemoEnterprise } from './plan.js';

/** Head count ranges of the size bands (reference data). */
const staffBySize = (): Record<Size, [number, number]> =>
  Object.fromEntries(referenceData().sizes.map((s) => [s.code, s.staff])) as Record<Size, [number, number]>;

/**
 * How far an enterprise of this size has come (0–1): larger enterprises further, with a wide spread. Calibrated so
 * the demo city's results fall where the expert review puts 规上 SMEs (maturity 未达1级 ≤ 10 %, 1 级 60–75 %,
 * 2 级 20–30 %, 3 级 ≤ 5 %); `npm run demo:spread` prints the distribution.
 */
export function demoMaturity(c: Ctx, size: Size): number {
  const base = { large: 0.8, medium: 0.68, small: 0.57, micro: 0.48 }[size];
  return Math.min(0.95, Math.max(0.08, base + (c.random() - 0.5) * 0.6));
}

/** Answers to the questionnaire for an enterprise whose practices fulfil about `maturity` (0–1) of the controls. */
export function generateAnswers(
  c: Ctx,
  q: Questionnaire,
  e: DemoEnterprise,
  maturity: number,
  completeness: number,
  variant: VariantCode = 'full',
): Answers {
  const answers: Answers = {};
  for (const { def } of q.items) {
    const fixed = profileValue(def, e, c);
    if (fixed !== undefined) {
      answers[def.id] = fixed;
      continue;
    }
    // A finished visit answers every control; drafts leave some open.
    if (!def.required && !(def.kind === 'control' && completeness > 0.9) && !c.chance(completeness)) continue;
    const v = valueFor(c, q, def, maturity);
    if (v !== undefined) answers[def.id] = v;
  }
  // The quick path does not ask the other scored items.
  const asked = narrowToVariant(q, new Set(Object.keys(answers)), variant);
  if (asked.size === Object.keys(answers).length) return clean(q, answers);
  const narrowed: Answers = {};
  for (const id of Object.keys(answers)) if (asked.has(id)) narrowed[id] = answers[id];
  return clean(q, narrowed);
}

function profileValue(def: ItemDef, e: DemoEnterprise, c: Ctx): AnswerValue | undefined {
  switch (def.role) {
    case 'enterprise_name':
      return e.name;
    case 'credit_code':
      return e.creditCode;
    case 'district':
      return e.districtCode;
    case 'industry':
      return e.industry;
  }
  if (def.id === 'profile.size') return e.size;
  if (def.id === 'profile.staff') return c.int(...staffBySize()[e.size]);
  if (def.id === 'profile.contact_name') return c.pick([...SURNAMES]) + c.pick(GIVEN);
  if (def.id === 'profile.contact_phone') return `0431-8${c.int(1000000, 9999999)}`;
  return undefined;
}

/**
 * Real enterprises build capability level by level: practices well below their level are in place, those at it
 * mostly so, those above mostly partial or missing. Maturity m (0–1) stands for a target DSMM level between 0.5 and
 * 3.5; `ahead` is how far the enterprise is past the practice's level.
 */
function maturityMix(level: number, m: number): Record<'full' | 'partial' | 'none', number> {
  const ahead = 0.5 + 3 * m - level;
  const full = clamp(0.45 + 0.45 * ahead, 0.04, 0.95);
  const none = clamp(0.12 - 0.25 * ahead, 0.004, 0.7);
  return { full, partial: Math.max(0, 1 - full - none), none };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Items without a maturity level are taken as level 2 practices: what a managed enterprise does. */
const mixFor = (def: ItemDef, m: number) => maturityMix(('scoring' in def && def.scoring?.maturity?.level) || 2, m);

function valueFor(c: Ctx, q: Questionnaire, def: ItemDef, m: number): AnswerValue | undefined {
  switch (def.kind) {
    case 'control':
      if (def.na_allowed && c.chance(0.015)) return 'na';
      return weighted(c, mixFor(def, m));
    case 'yesno': {
      if (!def.scoring) return c.chance(0.35);
      const { full, partial } = mixFor(def, m);
      return c.chance(full + partial / 2) === (def.pass === 'yes');
    }
    case 'single': {
      const scored = def.options.filter((o) => o.score !== undefined);
      if (scored.length === 0) return c.pick(def.options).value;
      // Options whose score is close to the fulfilment expected of this enterprise at this practice are likelier.
      const { full, partial } = mixFor(def, m);
      const expected = full + partial / 2;
      const mix = Object.fromEntries(scored.map((o) => [o.value, 1 / (0.08 + Math.abs((o.score ?? 0) - expected)) ** 2]));
      return weighted(c, mix);
    }
    case 'multi': {
      const exclusive = def.options.filter((o) => o.exclusive);
      const plain = def.options.filter((o) => !o.exclusive);
      if (exclusive.length > 0 && (def.min ?? 0) <= 1 && c.chance(0.12)) return [exclusive[0].value];
      const want = Math.max(def.min ?? 1, Math.min(def.max ?? plain.length, c.int(1, Math.max(1, Math.ceil(plain.length / 2)))));
      const chosen = plain.filter(() => c.chance(want / plain.length)).map((o) => o.value);
      return chosen.length >= (def.min ?? 1) ? chosen.slice(0, def.max ?? chosen.length) : plain.slice(0, want).map((o) => o.value);
    }
    case 'number': {
      const lo = def.min ?? 0;
      const hi = Math.min(def.max ?? lo + 50, lo + 50);
      return def.integer ? c.int(lo, hi) : Math.round((lo + c.random() * (hi - lo)) * 10) / 10;
    }
    case 'date':
      return day(c.int(20, 700)).slice(0, 10);
    case 'text':
      return def.pattern || def.max_length < 20 ? undefined : '（演示数据）';
    case 'inventory':
      return inventory(c, q, m);
    case 'evidence':
      return undefined;
  }
}

function inventory(c: Ctx, q: Questionnaire, m: number): InventoryRowValue[] {
  const types = q.dataTypes.filter((d) => d.key || c.chance(0.5)).filter(() => c.chance(0.7)).slice(0, 10);
  return types.map((d) => ({
    type: d.id,
    held: true,
    scale: weighted(c, { enterprise: 5, regional: 2, industry: 1, national: 0.2 }),
    precision: weighted(c, { low: 1, medium: 3, high: 2 }),
    volume: weighted(c, { small: 3, medium: 3, large: 1.5, massive: 0.3 }),
    personal_count: d.domain === 'management' ? weighted(c, { none: 1, lt_100k: 3, lt_1m: 0.5 }) : 'none',
    national_project: c.chance(0.03),
    classified: false,
    location: weighted(c, { onprem: 6, cloud: 2 * (1 - m) + 0.5, abroad: 0.1 }),
    shared_external: c.chance(0.3),
    cross_border: c.chance(0.04),
  }));
}

/** Drops answers to hidden items and answers that fail validation or an error check, until the set is clean. */
function clean(q: Questionnaire, raw: Answers): Answers {
  let answers = raw;
  for (let round = 0; round < 5; round++) {
    const visible = visibleItems(q, answers);
    const { answers: valid, problems } = validateAnswers(q, answers);
    const bad = new Set(problems.filter((p) => p.level === 'error').map((p) => p.itemId));
    const next: Answers = {};
    let kept = 0;
    for (const id of Object.keys(valid))
      if (visible.has(id) && !bad.has(id)) {
        next[id] = valid[id];
        kept++;
      }
    const given = Object.keys(answers).length;
    if (kept === given) return next;
    // Every value valid and no check failed: only hidden items were dropped, and a hidden item's answer never
    // shows or checks another item (it counts as unanswered), so another round would keep every answer.
    if (bad.size === 0 && Object.keys(valid).length === given) return next;
    answers = next;
  }
  return answers;
}
