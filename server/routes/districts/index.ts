/**
 * Districts with enterprise counts in the caller's scope (any logged-in user), and the district contacts,
 * which only an administrator reads and edits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common.js';
import { ContactBody, ContactParams, ContactSchema, DistrictWithCountsSchema } from '../../schemas/districts.js';
import { notFound } from '../../http/errors.js';
import { addContact, allDistricts, deleteContact, listContacts, listDistricts } from '../../services/districts.js';

const districts: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');
  const requireDistrict = (id: number) => {
    if (!allDistricts(app.db).some((d) => d.id === id)) throw notFound('区域');
  };

  app.get(
    '/api/districts',
    {
      schema: {
        tags: ['区域与行业'],
        summary: '区域列表（企业数按当前账号的权限范围统计）',
        response: { 200: z.array(DistrictWithCountsSchema) },
      },
    },
    async (request) => listDistricts(app.db, request.user!),
  );

  app.get(
    '/api/districts/:id/contacts',
    {
      preHandler: admin,
      schema: {
        tags: ['区域与行业'],
        summary: '区域联系人',
        params: IdParams,
        response: { 200: z.array(ContactSchema) },
      },
    },
    async (request) => {
      requireDistrict(request.params.id);
      return listContacts(app.db, request.params.id);
    },
  );

  app.post(
    '/api/districts/:id/contacts',
    {
      preHandler: admin,
      schema: {
        tags: ['区域与行业'],
        summary: '添加区域联系人',
        params: IdParams,
        body: ContactBody,
        response: { 201: ContactSchema },
      },
    },
    async (request, reply) => {
      requireDistrict(request.params.id);
      const { side, name, phone } = request.body;
      return reply.status(201).send(addContact(app.db, request.params.id, { side, name, phone: phone || null }));
    },
  );

  app.delete(
    '/api/districts/:id/contacts/:contactId',
    {
      preHandler: admin,
      schema: {
        tags: ['区域与行业'],
        summary: '删除区域联系人',
        params: ContactParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!deleteContact(app.db, request.params.id, request.params.contactId)) throw notFound('联系人');
      return reply.status(204).send(null);
    },
  );
};
export default districts;
