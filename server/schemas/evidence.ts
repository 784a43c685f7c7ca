/** Evidence files (佐证材料) attached to an assessment's evidence items. */
import { z } from 'zod';
import { IdParam } from './common.js';

/** An evidence file's record; the assessment detail lists them without assessmentId. */
export const EvidenceSchema = z.object({
  id: z.number(),
  assessmentId: z.number(),
  itemId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.number(),
  uploadedAt: z.string(),
});
export type EvidenceRecord = z.infer<typeof EvidenceSchema>;

export const EvidenceUploadParams = z.strictObject({ id: IdParam, itemId: z.string().min(1).max(200) });
export const EvidenceUploadSchema = z.object({ evidence: EvidenceSchema, version: z.number() });
export const EvidenceDeletedSchema = z.object({ version: z.number() });
