/** Roster import: the per-row report, the counts and the import history. */
import { z } from 'zod';
import { ROSTER_ROW_STATUSES, type RosterRowStatus } from '../domain/vocabularies.js';
import { DistrictRef } from './common.js';

export const RosterCountsSchema = z.object(
  Object.fromEntries(ROSTER_ROW_STATUSES.map((s) => [s, z.number()])) as Record<RosterRowStatus, z.ZodNumber>,
);

export const RowOutcomeSchema = z.object({
  /** Where the row is in the file, as a person finds it (第 N 行). */
  row: z.string(),
  sheet: z.string().nullable(),
  rowNumber: z.number(),
  status: z.enum(ROSTER_ROW_STATUSES),
  creditCode: z.string().optional(),
  name: z.string().optional(),
  changes: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })).optional(),
  duplicateOf: z.string().optional(),
  reason: z.string().optional(),
  notes: z.array(z.string()).optional(),
});
export type RowOutcome = z.infer<typeof RowOutcomeSchema>;

export const ImportResultSchema = z.object({
  importId: z.number().nullable(),
  dryRun: z.boolean(),
  fileName: z.string(),
  counts: RosterCountsSchema,
  rows: z.array(RowOutcomeSchema),
  skippedSheets: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportSummarySchema = z.object({
  id: z.number(),
  fileName: z.string(),
  fileSha256: z.string(),
  importedBy: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  importedAt: z.string(),
  counts: RosterCountsSchema,
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
export const ImportDetailSchema = ImportSummarySchema.extend({
  rows: z.array(RowOutcomeSchema),
  skippedSheets: z.array(z.string()),
});

export const RosterImportQuery = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional().describe('1：只预览结果，不写入'),
  district: DistrictRef.optional().describe('“所属区域”为空的行登记到此区域（id 或名称）'),
});
