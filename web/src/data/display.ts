/** An answer value as a person reads it (option labels instead of codes), for the review and conflict views. */
import { CONTROL_ANSWER_LABELS, type ControlAnswerCode, type ItemDef, type Questionnaire } from './contract.js';

export function displayValue(def: ItemDef | undefined, value: unknown, q: Questionnaire): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '（未作答）';
  if (!def) return JSON.stringify(value);
  switch (def.kind) {
    case 'control':
      return CONTROL_ANSWER_LABELS[value as ControlAnswerCode] ?? String(value);
    case 'yesno':
      return value ? '是' : '否';
    case 'single':
      return def.options.find((o) => o.value === value)?.label ?? String(value);
    case 'multi':
      return (value as string[]).map((v) => def.options.find((o) => o.value === v)?.label ?? v).join('、');
    case 'inventory':
      return (value as { type?: string; name?: string }[])
        .map((r) => (r.type ? q.dataTypeById.get(r.type)?.name ?? r.type : r.name))
        .join('、');
    case 'evidence':
      return (value as { name: string }[]).map((f) => f.name).join('、');
    default:
      return String(value);
  }
}

/**
 * A section's heading: the title alone when it carries its own Chinese ordinal (一、二、…, as the questionnaires
 * number their chapters), otherwise numbered by its place among the sections shown.
 */
export function sectionHeading(index: number, title: string): string {
  return /^[一二三四五六七八九十百]+、/.test(title) ? title : `${index + 1}. ${title}`;
}
