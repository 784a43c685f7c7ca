/**
 * The enterprise registry over HTTP. Everyone logged in lists and reads within their scope; admin, bureau and
 * district officers (own district) create and edit; an enterprise user edits only its own contact details.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import type { SessionUser } from '../../domain/roles.js';
import { validateUscc } from '../../domain/uscc.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { canAccessEnterprise } from '../../services/access.js';
import { resolveDistrict } from '../../services/districts.js';
import {
  DIAGNOSIS_STATUSES,
  OPTIONAL_FIELD_DEFAULTS,
  SIZES,
  findByCreditCode,
  getEnterprise,
  insertEnterprise,
  listEnterprises,
  updateEnterprise,
  type EnterpriseFields,
} from '../../services/enterprises.js';

export const EnterpriseSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  size: z.enum(SIZES).nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  refused: z.boolean(),
  refusedReason: z.string().nullable(),
  diagnosisStatus: z.enum(DIAGNOSIS_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Optional free text: blank means "none". */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const Editable = z.object({
  creditCode: z.string().max(40).describe('统一社会信用代码（大小写、全角、空格均可，保存时规范化）'),
  name: z.string().trim().min(1, '企业名称不能为空').max(200),
  district: z.union([z.number().int().positive(), z.string().trim().min(1).max(50)]).describe('区域 id 或名称'),
  industry: z.string().max(40).describe('行业代码，见 GET /api/industries'),
  size: z.enum(SIZES).nullable().optional(),
  address: optionalText(300),
  contactName: optionalText(50),
  contactPhone: optionalText(50),
  contactEmail: z.union([z.email('邮箱格式不正确'), z.literal('')]).nullable().optional(),
  refused: z.boolean().optional(),
  refusedReason: optionalText(500),
});
const CreateBody = Editable.strict();
const PatchBody = Editable.partial().strict();
type Input = z.infer<typeof PatchBody>;

/** Fields an enterprise user may change on its own record. */
const CONTACT_FIELDS = new Set(['contactName', 'contactPhone', 'contactEmail']);

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** Body → stored fields, validating the credit code, district and industry; only the keys present. */
function toFields(db: Db, user: SessionUser, input: Input): Partial<EnterpriseFields> {
  const out: Partial<EnterpriseFields> = {};
  if (input.creditCode !== undefined) {
    const r = validateUscc(input.creditCode);
    if (!r.ok) throw badRequest(r.message);
    out.creditCode = r.code;
  }
  if (input.name !== undefined) out.name = input.name;
  if (input.district !== undefined) {
    const d = resolveDistrict(db, input.district);
    if (!d) throw badRequest(`所属区域 ‘${input.district}’ 无法识别，请从区域列表中选择`);
    if (user.role === 'district' && d.id !== user.districtId) throw forbidden('区县账号只能登记本区域的企业');
    out.districtId = d.id;
  }
  if (input.industry !== undefined) {
    if (!db.prepare('SELECT 1 FROM industries WHERE code = ?').get(input.industry)) {
      throw badRequest(`行业代码 ‘${input.industry}’ 无效，请从行业列表中选择`);
    }
    out.industryCode = input.industry;
  }
  if (input.size !== undefined) out.size = input.size;
  if (input.refused !== undefined) out.refused = input.refused;
  for (const key of ['address', 'contactName', 'contactPhone', 'contactEmail', 'refusedReason'] as const) {
    if (input[key] !== undefined) out[key] = input[key] || null;
  }
  return out;
}

/** 409 naming the holder of the code — by name only when the caller may see it. */
function assertCodeFree(db: Db, user: SessionUser, code: string, selfId?: number): void {
  const holder = findByCreditCode(db, code);
  if (!holder || holder.id === selfId) return;
  if (canAccessEnterprise(db, user, holder.id)) {
    throw conflict(`统一社会信用代码 ${code} 已登记为“${holder.name}”（${holder.districtName}），请勿重复登记`, {
      enterpriseId: holder.id,
    });
  }
  throw conflict(`统一社会信用代码 ${code} 已登记在其他区域的企业名下，请联系市工信局核实`);
}

const enterprises: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'bureau', 'district');
  const anyone = app.requireRole('admin', 'bureau', 'district', 'diagnostician', 'enterprise');

  app.get(
    '/api/enterprises',
    {
      preHandler: anyone,
      schema: {
        tags: ['企业'],
        summary: '企业名录（按权限范围）',
        querystring: z.object({
          district: z.string().max(50).optional().describe('区域 id 或名称'),
          industry: z.string().max(40).optional(),
          q: z.string().trim().max(100).optional().describe('按企业名称或信用代码搜索'),
          status: z.enum(DIAGNOSIS_STATUSES).optional().describe('诊断状态：done 已完成，pending 待诊断，refused 拒绝'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(EnterpriseSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
        },
      },
    },
    async (request) => {
      const { district, industry, q, status, page, pageSize } = request.query;
      let districtId: number | undefined;
      if (district) {
        const d = resolveDistrict(app.db, district);
        if (!d) throw badRequest(`区域 ‘${district}’ 无法识别`);
        districtId = d.id;
      }
      const result = listEnterprises(app.db, request.user!, {
        districtId,
        industryCode: industry,
        q: q || undefined,
        status,
        page,
        pageSize,
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      preHandler: anyone,
      schema: { tags: ['企业'], summary: '企业详情', params: IdParams, response: { 200: EnterpriseSchema } },
    },
    async (request) => {
      const e = getEnterprise(app.db, request.user!, request.params.id);
      if (!e) throw notFound('企业');
      return e;
    },
  );

  app.post(
    '/api/enterprises',
    {
      preHandler: staff,
      schema: { tags: ['企业'], summary: '登记企业', body: CreateBody, response: { 201: EnterpriseSchema } },
    },
    async (request, reply) => {
      const user = request.user!;
      const fields = { ...OPTIONAL_FIELD_DEFAULTS, ...toFields(app.db, user, request.body) } as EnterpriseFields;
      const id = app.db.transaction(() => {
        assertCodeFree(app.db, user, fields.creditCode);
        return insertEnterprise(app.db, fields);
      })();
      return reply.status(201).send(getEnterprise(app.db, user, id)!);
    },
  );

  app.patch(
    '/api/enterprises/:id',
    {
      preHandler: app.requireRole('admin', 'bureau', 'district', 'enterprise'),
      schema: {
        tags: ['企业'],
        summary: '修改企业信息（企业账号只能修改联系人）',
        params: IdParams,
        body: PatchBody,
        response: { 200: EnterpriseSchema },
      },
    },
    async (request) => {
      const user = request.user!;
      const current = getEnterprise(app.db, user, request.params.id);
      if (!current) throw notFound('企业');
      if (user.role === 'enterprise') {
        const other = Object.keys(request.body).filter((k) => !CONTACT_FIELDS.has(k));
        if (other.length > 0) throw forbidden(`企业账号只能修改联系人信息，不能修改：${other.join('、')}`);
      }
      const fields = toFields(app.db, user, request.body);
      app.db.transaction(() => {
        if (fields.creditCode) assertCodeFree(app.db, user, fields.creditCode, current.id);
        updateEnterprise(app.db, current.id, fields);
      })();
      return getEnterprise(app.db, user, current.id)!;
    },
  );
};
export default enterprises;
