/** Liveness and readiness. */
import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['ok', 'error']),
  questionnaires: z.array(z.object({ id: z.string(), version: z.string() })).describe('已加载问卷的当前版本'),
});
