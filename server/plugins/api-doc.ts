/**
 * The API document (`/api/openapi.json`): swagger over the routes' zod schemas, and the per-operation contract, derived from what each route enforces so
 * the document cannot drift from the code: who may call it (the route's `app.requireRole` list, `config.public`),
 * the session cookie and, for state-changing methods, the x-csrf-token header; a multipart body from the route's
 * `config.multipart` (the declaration the route reads its limits from); and the error responses with the codes
 * they carry. All of it happens in the swagger transform: it shapes the document only, never a route's validation
 * or replies. Register before the routes.
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ROLES, ROLE_LABELS, type Role } from '../domain/roles.js';
import { ErrorSchema } from '../schemas/common.js';
import { CSRF_HEADER, SAFE_METHOD_NAMES, rolesRequiredBy } from './auth.js';

/** One field of a multipart/form-data upload. */
export interface MultipartField {
  kind: 'file' | 'text';
  description: string;
  required?: boolean;
  /** Largest accepted file, in bytes. */
  maxBytes?: number;
  /** What the server accepts, decided from the bytes (the name and the declared type are not trusted). */
  accepts?: string[];
}
/** A multipart/form-data body: its fields and how many parts one request may have. */
export interface MultipartForm {
  fields: Record<string, MultipartField>;
  maxFiles: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads a multipart/form-data body of this form (documented here; read by the route). */
    multipart?: MultipartForm;
    /** Error codes the route's services raise beyond those derived from the route itself, by status. */
    errorCodes?: Partial<Record<number, string[]>>;
  }
}

export const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'dsd_session', description: '登录（POST /api/auth/login）后设置的会话 Cookie' },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: '修改类请求（POST、PUT、PATCH、DELETE）须带此请求头，值为登录或 GET /api/auth/me 返回的 csrfToken',
  },
} as const;

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} 字节`);

interface RouteLike {
  method: string | string[];
  url: string;
  preHandler?: unknown;
  config?: { public?: boolean; rateLimit?: unknown; multipart?: MultipartForm; errorCodes?: Partial<Record<number, string[]>> };
}

/** Who may call the route: every role (any logged-in account, or anyone when public) unless it checks a role list. */
export function callerRoles(route: RouteLike): readonly Role[] {
  return rolesRequiredBy(route.preHandler) ?? ROLES;
}

const isUnsafe = (route: RouteLike) =>
  [route.method].flat().some((m) => !(SAFE_METHOD_NAMES as readonly string[]).includes(m.toUpperCase()));

/** The error codes an operation can answer with, by status. */
export function errorCodes(route: RouteLike, schema: Record<string, unknown>): Map<number, string[]> {
  const codes = new Map<number, Set<string>>();
  const add = (status: number, ...c: string[]) => {
    const set = codes.get(status) ?? new Set<string>();
    c.forEach((x) => set.add(x));
    codes.set(status, set);
  };
  const form = route.config?.multipart;
  const takesInput = Boolean(schema.params || schema.querystring || schema.body || form);
  // bad_request: what a service refuses as not making sense (a wrong item, an empty file, …).
  if (takesInput) add(400, 'validation', 'malformed_text', 'bad_request');
  if (schema.body) {
    add(400, 'invalid_json');
    add(413, 'too_large');
    add(415, 'unsupported_media_type');
  }
  if (form) {
    add(400, 'invalid_multipart');
    add(413, 'file_too_large', 'too_many_parts');
    add(415, 'not_multipart');
  }
  if (!route.config?.public) add(401, 'unauthenticated');
  if (isUnsafe(route)) add(403, 'origin', 'csrf');
  if (rolesRequiredBy(route.preHandler) || (isUnsafe(route) && !route.config?.public)) add(403, 'forbidden');
  if (schema.params) add(404, 'not_found');
  if (route.config?.rateLimit) add(429, 'rate_limited');
  for (const [status, extra] of Object.entries(route.config?.errorCodes ?? {})) add(Number(status), ...(extra ?? []));
  return new Map([...codes.entries()].sort(([a], [b]) => a - b).map(([s, c]) => [s, [...c]]));
}

/** The error reply of one status with its codes listed (the shape is ErrorSchema's, schemas/common.ts). */
function errorResponse(codes: string[]) {
  return {
    description: `错误代码：${codes.join('、')}`,
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', enum: codes }, message: { type: 'string' }, details: {} },
      },
    },
  };
}

function multipartBody(form: MultipartForm) {
  const properties: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(form.fields)) {
    const limits = [
      f.accepts ? `接受：${f.accepts.join('、')}` : '',
      f.maxBytes ? `不超过 ${size(f.maxBytes)}` : '',
    ].filter(Boolean);
    properties[name] = {
      type: 'string',
      ...(f.kind === 'file' ? { format: 'binary' } : {}),
      description: [f.description, ...limits].join('；'),
      ...(f.maxBytes ? { 'x-max-bytes': f.maxBytes } : {}),
      ...(f.accepts ? { 'x-accepts': f.accepts } : {}),
    };
  }
  const required = Object.entries(form.fields).filter(([, f]) => f.required !== false).map(([n]) => n);
  return { type: 'object', properties, required, additionalProperties: false, 'x-max-files': form.maxFiles };
}

function rolesLine(route: RouteLike): string {
  if (route.config?.public) return '调用权限：无需登录';
  const roles = rolesRequiredBy(route.preHandler);
  if (!roles) return '调用权限：所有已登录账号（数据按账号的权限范围）';
  return `调用权限：${roles.map((r) => ROLE_LABELS[r]).join('、')}`;
}

type Transform = typeof jsonSchemaTransform;

/** The swagger transform: the zod schemas as JSON Schema (fastify-type-provider-zod), then the derived contract. */
export const apiDocTransform: Transform = (document) => {
  const out = jsonSchemaTransform(document);
  const route = (document as unknown as { route: RouteLike }).route;
  const schema = out.schema as Record<string, any>;
  if (!schema || schema.hide || !document.url.startsWith('/api/')) return out;

  const form = route.config?.multipart;
  if (form) {
    schema.consumes = ['multipart/form-data'];
    schema.body = multipartBody(form);
  }
  const unsafe = isUnsafe(route);
  const withSession = unsafe ? { session: [], csrf: [] } : { session: [] };
  // A public route is open to anyone; a browser that has a session still sends its cookie (and token when unsafe).
  schema.security = route.config?.public ? [{}, withSession] : [withSession];
  schema['x-roles'] = [...callerRoles(route)];
  if (route.config?.public) schema['x-public'] = true;
  const lines = [
    rolesLine(route),
    route.config?.public ? '' : `认证：会话 Cookie ${SECURITY_SCHEMES.session.name}`,
    unsafe ? `修改类请求须带请求头 ${CSRF_HEADER}（值为登录或 GET /api/auth/me 返回的 csrfToken）` : '',
  ].filter(Boolean);
  schema.description = [schema.description, lines.join('\n\n')].filter(Boolean).join('\n\n');

  const response = (schema.response ??= {});
  for (const [status, codes] of errorCodes(route, { ...schema, body: form ? undefined : schema.body }))
    response[String(status)] = errorResponse(codes);
  return out;
};

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: { title: '数安诊断 API', version: '0.1.0', description: '工业数据安全诊断与自评估' },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: apiDocTransform,
  });

  // Every API route answers errors in one shape (http/errors.ts): say so in each route's entry. Unlike the
  // per-status codes above, this is in the route's schema, so error replies are serialised with it.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema || route.schema.hide) return;
    route.schema = { ...route.schema, response: { ...(route.schema.response as object), '4XX': ErrorSchema, '5XX': ErrorSchema } };
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
