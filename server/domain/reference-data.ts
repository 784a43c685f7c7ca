/**
 * The format of the city's reference data (data/seed/reference.yaml): the districts with the other ways people
 * write them, the industries with the questionnaire each uses, and the size bands. One file is the one source of
 * the database seed, the options of the core questionnaire's district and industry items, and district name
 * matching, so adapting the product to another city means replacing that file. Pure: the file is read and parsed
 * by db/reference-data.ts.
 */
import { z } from 'zod';
import { SIZES } from './vocabularies.js';

const Code = z.string().regex(/^[a-z][a-z0-9_]*$/, '编码应为小写字母开头的字母、数字或下划线');
const Name = z.string().trim().min(1);

export const ReferenceDistrict = z.strictObject({
  code: Code,
  name: Name,
  /** Other spellings seen in rosters; the canonical name need not be repeated. */
  aliases: z.array(Name).default([]),
});

export const ReferenceIndustry = z.strictObject({
  code: Code,
  name: Name,
  /** The wording of the questionnaire option, when it differs from the name. */
  label: Name.optional(),
  /** Id of the questionnaire enterprises of this industry fill in (an industry module, or the core). */
  questionnaire: Code,
});

export const ReferenceSize = z.strictObject({
  code: z.enum(SIZES),
  label: Name,
  /** Typical head count range [min, max] (demo data draws from it). */
  staff: z.tuple([z.number().int().nonnegative(), z.number().int().positive()]),
  revenue: Name,
});

const unique = <T>(rows: T[], key: (r: T) => string) => new Set(rows.map(key)).size === rows.length;

export const ReferenceFile = z
  .strictObject({
    id: Code,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号应为 主.次.修订，例如 1.0.0'),
    city: z.strictObject({ name: Name, short_name: Name, province: Name }),
    districts: z.array(ReferenceDistrict).min(1),
    industries: z.array(ReferenceIndustry).min(1),
    sizes: z.array(ReferenceSize),
  })
  .refine((f) => unique(f.districts, (d) => d.code), { message: '区域编码（districts[].code）有重复', path: ['districts'] })
  .refine((f) => unique(f.industries, (i) => i.code), { message: '行业编码（industries[].code）有重复', path: ['industries'] })
  .refine((f) => unique(f.sizes, (s) => s.code) && f.sizes.length === SIZES.length, {
    message: `企业规模（sizes）应恰好包含 ${SIZES.join('、')} 各一次`,
    path: ['sizes'],
  });

export type ReferenceData = z.infer<typeof ReferenceFile>;
export type ReferenceDistrictDef = z.infer<typeof ReferenceDistrict>;

/**
 * The answer options of the questionnaire items whose role is `district` or `industry`: codes and wording from
 * the reference data, in its order.
 */
export function referenceOptions(ref: ReferenceData): Record<'district' | 'industry', { value: string; label: string }[]> {
  return {
    district: ref.districts.map((d) => ({ value: d.code, label: d.name })),
    industry: ref.industries.map((i) => ({ value: i.code, label: i.label ?? i.name })),
  };
}
