/**
 * The enterprise registry over HTTP. Everyone logged in lists and reads within their scope; admin, bureau and
 * district officers (own district) create and edit; an enterprise user edits only its own contact details.
 * Rules live in services/enterprises.ts; shapes in schemas/enterprises.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../http/errors.js';
import { IdParams } from '../../schemas/common.js';
import {
  CreateEnterpriseBody,
  EnterpriseListQuery,
  EnterprisePageSchema,
  EnterpriseSchema,
  PatchEnterpriseBody,
} from '../../schemas/enterprises.js';
import { changeEnterprise, getEnterprise, listEnterprises, registerEnterprise } from '../../services/enterprises.js';

const enterprises: FastifyPluginAsyncZod = async (app) => {
  const tags = ['企业'];

  app.get(
    '/api/enterprises',
    {
      schema: { tags, summary: '企业名录（按权限范围）', querystring: EnterpriseListQuery, response: { 200: EnterprisePageSchema } },
    },
    async (request) => listEnterprises(app.db, request.user!, { ...request.query, q: request.query.q || undefined }),
  );

  app.get(
    '/api/enterprises/:id',
    { schema: { tags, summary: '企业详情', params: IdParams, response: { 200: EnterpriseSchema } } },
    async (request) => {
      const e = getEnterprise(app.db, request.user!, request.params.id);
      if (!e) throw notFound('企业');
      return e;
    },
  );

  app.post(
    '/api/enterprises',
    {
      preHandler: app.requireRole('admin', 'bureau', 'district'),
      config: { errorCodes: { 409: ['conflict'] } },
      schema: { tags, summary: '登记企业', body: CreateEnterpriseBody, response: { 201: EnterpriseSchema } },
    },
    async (request, reply) => reply.status(201).send(registerEnterprise(app.db, request.user!, request.body, app.now())),
  );

  app.patch(
    '/api/enterprises/:id',
    {
      preHandler: app.requireRole('admin', 'bureau', 'district', 'enterprise'),
      config: { errorCodes: { 409: ['conflict'] } },
      schema: {
        tags,
        summary: '修改企业信息（企业账号只能修改联系人）',
        params: IdParams,
        body: PatchEnterpriseBody,
        response: { 200: EnterpriseSchema },
      },
    },
    async (request) => changeEnterprise(app.db, request.user!, request.params.id, request.body, app.now()),
  );
};
export default enterprises;
