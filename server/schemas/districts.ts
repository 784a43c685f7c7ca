/** Districts and industries with enterprise counts, and the district contacts. */
import { z } from 'zod';
import { CONTACT_SIDES } from '../domain/vocabularies.js';
import { CountsSchema, IdParam } from './common.js';

export const DistrictSchema = z.object({ id: z.number(), code: z.string(), name: z.string() });
export type District = z.infer<typeof DistrictSchema>;
export const DistrictWithCountsSchema = DistrictSchema.extend({ counts: CountsSchema });

export const IndustryWithCountsSchema = z.object({
  code: z.string(),
  name: z.string(),
  questionnaireId: z.string(),
  counts: CountsSchema,
});

export const ContactSchema = z.object({
  id: z.number(),
  districtId: z.number(),
  side: z.enum(CONTACT_SIDES),
  name: z.string(),
  phone: z.string().nullable(),
});
export type DistrictContact = z.infer<typeof ContactSchema>;

export const ContactBody = z
  .object({
    side: z.enum(CONTACT_SIDES).describe('bureau 工信部门一侧，provider 服务方一侧'),
    name: z.string().trim().min(1, '姓名不能为空').max(50),
    phone: z.string().trim().max(50).nullable().optional(),
  })
  .strict();
export const ContactParams = z.strictObject({ id: IdParam, contactId: IdParam });
