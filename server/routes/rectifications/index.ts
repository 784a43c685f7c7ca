/** Rectification (整改) of an assessment's findings over HTTP; the workflow is in services/rectifications.ts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common.js';
import { RectificationChangeBody, RectificationSchema } from '../../schemas/rectifications.js';
import { listRectifications, updateRectification } from '../../services/rectifications.js';

const rectifications: FastifyPluginAsyncZod = async (app) => {
  const tags = ['整改'];

  app.get(
    '/api/assessments/:id/rectifications',
    {
      config: { errorCodes: { 403: ['results_not_issued'] } },
      schema: { tags, summary: '诊断发现的问题及整改进度', params: IdParams, response: { 200: z.array(RectificationSchema) } },
    },
    async (request) => listRectifications(app.db, request.user!, request.params.id),
  );

  app.patch(
    '/api/rectifications/:id',
    {
      config: { errorCodes: { 403: ['results_not_issued'], 409: ['conflict'] } },
      schema: {
        tags,
        summary: '更新整改状态：企业 待整改→整改中→已整改；诊断人员或主管部门 已整改→已验收 或退回整改中',
        params: IdParams,
        body: RectificationChangeBody,
        response: { 200: RectificationSchema },
      },
    },
    async (request) => updateRectification(app.db, request.user!, request.params.id, request.body, app.now()),
  );
};

export default rectifications;
