/**
 * The shape of answers: one value per item kind, the data-inventory row, and the answers file
 * that `npm run score` reads and the server stores.
 */
import { z } from 'zod';
import { ControlAnswer, DataDomain, ItemId, type ItemDef } from './schema.js';

/** Reach of a data type's use or impact: the 覆盖度/规模 grading factor. */
export const InventoryScale = z.enum(['enterprise', 'regional', 'industry', 'national']);
export const InventoryVolume = z.enum(['small', 'medium', 'large', 'massive']);
export const PersonalCount = z.enum(['none', 'lt_100k', 'lt_1m', 'lt_10m', 'ge_10m']);
export const StorageLocation = z.enum(['onprem', 'cloud', 'abroad']);

/** One row of the data inventory: a data type the enterprise holds, with the attributes grading needs. */
export const InventoryRowFields = z.strictObject({
    /** A data type defined by the questionnaire; omit for a type the enterprise adds itself. */
    type: ItemId.optional(),
    /** Name of a data type the enterprise adds itself. */
    name: z.string().trim().min(1).max(100).optional(),
    domain: DataDomain.optional(),
    held: z.boolean().default(true),
    scale: InventoryScale.default('enterprise'),
    precision: z.enum(['low', 'medium', 'high']).default('medium'),
    volume: InventoryVolume.default('small'),
    personal_count: PersonalCount.default('none'),
    /** Serves a national major project, key model or defence supply, and is not a state secret (非密). */
    national_project: z.boolean().default(false),
    /**
     * 涉密: a state secret under the 保守国家秘密法. Outside the data-classification regime (数据安全法 第五十三条), so
     * the row is left out of grading and the report refers it to 保密 management.
     */
    classified: z.boolean().default(false),
    /** Why the scale was chosen (the anchor of the inventory help), recorded so grading can be reproduced. */
    scale_rationale: z.string().max(200).optional(),
    location: StorageLocation.default('onprem'),
    shared_external: z.boolean().default(false),
    cross_border: z.boolean().default(false),
    systems: z.string().max(200).optional(),
    owner: z.string().max(100).optional(),
});

export const InventoryRow = InventoryRowFields.refine((r) => r.type || (r.name && r.domain), {
  message: '数据清单每一行要么选择问卷中的数据类型（type），要么填写自定义名称（name）和数据域（domain）',
});

export const EvidenceRef = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(255),
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
});

export type InventoryRowValue = z.infer<typeof InventoryRow>;
export type EvidenceRefValue = z.infer<typeof EvidenceRef>;
export type AnswerValue =
  | z.infer<typeof ControlAnswer>
  | boolean
  | string
  | string[]
  | number
  | InventoryRowValue[]
  | EvidenceRefValue[];
export type Answers = Record<string, AnswerValue>;

/**
 * The zod schema of one item's answer value; options, ranges and formats come from the item. Kept per item
 * definition (definitions are never changed once loaded): building a schema costs more than parsing with it.
 */
export function answerSchemaFor(item: ItemDef): z.ZodType<AnswerValue> {
  let schema = schemas.get(item);
  if (!schema) schemas.set(item, (schema = buildAnswerSchema(item)));
  return schema;
}
const schemas = new WeakMap<ItemDef, z.ZodType<AnswerValue>>();

function buildAnswerSchema(item: ItemDef): z.ZodType<AnswerValue> {
  switch (item.kind) {
    case 'control':
      return item.na_allowed ? ControlAnswer : ControlAnswer.exclude(['na']);
    case 'yesno':
      return z.boolean();
    case 'single':
      return z.enum(item.options.map((o) => o.value) as [string, ...string[]]);
    case 'multi': {
      const values = z.enum(item.options.map((o) => o.value) as [string, ...string[]]);
      const exclusive = new Set(item.options.filter((o) => o.exclusive).map((o) => o.value));
      return z
        .array(values)
        .min(item.min ?? 0)
        .max(item.max ?? item.options.length)
        .refine((v) => new Set(v).size === v.length, '选项不能重复')
        .refine((v) => v.length <= 1 || !v.some((x) => exclusive.has(x)), '“无”类选项不能与其他选项同时选择');
    }
    case 'number': {
      let n = z.number().finite();
      if (item.integer) n = n.int('应为整数');
      if (item.min !== undefined) n = n.min(item.min, `不能小于 ${item.min}`);
      if (item.max !== undefined) n = n.max(item.max, `不能大于 ${item.max}`);
      return n;
    }
    case 'text': {
      let t = z.string().max(item.max_length, `不能超过 ${item.max_length} 个字`);
      if (item.pattern) t = t.regex(new RegExp(item.pattern.regex), item.pattern.message);
      return t;
    }
    case 'date':
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
        .refine((s) => !Number.isNaN(Date.parse(s)), '不是有效日期');
    case 'inventory':
      return z.array(InventoryRow).max(500) as z.ZodType<AnswerValue>;
    case 'evidence':
      return z.array(EvidenceRef).max(item.max_files);
  }
}

/** An answers file: which composed questionnaire and version it answers, and the answers by item id. */
export const AnswersFile = z.strictObject({
  questionnaire: z.string().min(1),
  version: z.string().min(1),
  answers: z.record(z.string(), z.unknown()),
  /** Optional free-text remarks per item. */
  notes: z.record(z.string(), z.string()).optional(),
});
export type AnswersFileValue = z.infer<typeof AnswersFile>;
