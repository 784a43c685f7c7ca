/**
 * Districts with enterprise counts in the caller's scope (any logged-in user), and the district contacts,
 * which only an administrator reads and edits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/errors.js';
import { addContact, allDistricts, deleteContact, listContacts, listDistricts } from '../../services/districts.js';

export const CountsSchema = z.object({
  enterprises: z.number(),
  done: z.number(),
  pending: z.number(),
  refused: z.number(),
});

const ContactSchema = z.object({
  id: z.number(),
  districtId: z.number(),
  side: z.enum(['bureau', 'provider']),
  name: z.string(),
  phone: z.string().nullable(),
});

const DistrictParams = z.object({ id: z.coerce.number().int().positive() });

const districts: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');
  const requireDistrict = (id: number) => {
    if (!allDistricts(app.db).some((d) => d.id === id)) throw notFound('区域');
  };

  app.get(
    '/api/districts',
    {
      preHandler: app.requireRole('admin', 'bureau', 'district', 'diagnostician', 'enterprise'),
      schema: {
        tags: ['区域与行业'],
        summary: '区域列表（企业数按当前账号的权限范围统计）',
        response: {
          200: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), counts: CountsSchema })),
        },
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
        params: DistrictParams,
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
        params: DistrictParams,
        body: z
          .object({
            side: z.enum(['bureau', 'provider']).describe('bureau 工信部门一侧，provider 服务方一侧'),
            name: z.string().trim().min(1, '姓名不能为空').max(50),
            phone: z.string().trim().max(50).nullable().optional(),
          })
          .strict(),
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
        params: DistrictParams.extend({ contactId: z.coerce.number().int().positive() }),
      },
    },
    async (request, reply) => {
      if (!deleteContact(app.db, request.params.id, request.params.contactId)) throw notFound('联系人');
      return reply.status(204).send();
    },
  );
};
export default districts;
