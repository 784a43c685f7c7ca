/** Industries with enterprise counts in the caller's scope (any logged-in user). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listIndustries } from '../../services/districts.js';
import { IndustryWithCountsSchema } from '../../schemas/districts.js';

const industries: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/industries',
    {
      schema: {
        tags: ['区域与行业'],
        summary: '行业列表（企业数按当前账号的权限范围统计）',
        response: { 200: z.array(IndustryWithCountsSchema) },
      },
    },
    async (request) => listIndustries(app.db, request.user!),
  );
};
export default industries;
