/** Rectification (整改) of an assessment's findings over HTTP; the workflow is in services/rectifications.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RECTIFICATION_STATUSES, listRectifications, updateRectification } from '../../services/rectifications.js';

const RectificationSchema = z.object({
  id: z.number(),
  assessmentId: z.number(),
  itemId: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  note: z.string().nullable(),
  statusDate: z.string().nullable(),
  updatedBy: z.number().nullable(),
  updatedAt: z.string(),
  confirmedBy: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  finding: z
    .object({
      label: z.string(),
      problem: z.string(),
      recommendation: z.string(),
      priority: z.string(),
      redline: z.boolean(),
      riskLevel: z.string().optional(),
    })
    .nullable(),
  history: z.array(
    z.object({
      oldStatus: z.string().nullable(),
      newStatus: z.string(),
      note: z.string().nullable(),
      userId: z.number(),
      userName: z.string(),
      changedAt: z.string(),
    }),
  ),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });

const rectifications: FastifyPluginAsyncZod = async (app) => {
  const anyone = app.requireRole('admin', 'bureau', 'district', 'diagnostician', 'enterprise');
  const tags = ['整改'];

  app.get(
    '/api/assessments/:id/rectifications',
    {
      preHandler: anyone,
      schema: { tags, summary: '诊断发现的问题及整改进度', params: IdParams, response: { 200: z.array(RectificationSchema) } },
    },
    async (request) => listRectifications(app.db, request.user!, request.params.id),
  );

  app.patch(
    '/api/rectifications/:id',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: '更新整改状态：企业 待整改→整改中→已整改；诊断人员或主管部门 已整改→已验收 或退回整改中',
        params: IdParams,
        body: z.strictObject({
          status: z.enum(RECTIFICATION_STATUSES),
          note: z.string().max(2000).optional(),
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
            .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), '不是有效日期')
            .optional()
            .describe('状态日期，默认今天'),
        }),
        response: { 200: RectificationSchema },
      },
    },
    async (request) => updateRectification(app.db, request.user!, request.params.id, request.body),
  );
};

export default rectifications;
