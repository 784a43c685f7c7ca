/**
 * Schemas several resources share: id params, paging, the enterprise counts, the user a history row names,
 * and the session user. Resource files build on these; nothing here knows a resource.
 */
import { z } from 'zod';
import { SessionUserSchema } from '../domain/roles.js';

export { SessionUserSchema };

/**
 * A row id in a path: a positive integer written as plain decimal digits, at most 15 of them (safe in a JS number).
 * `1e3`, `0x10`, ` 1`, `01`, `abc` and anything longer are refused with 400 — never looked up and answered 404.
 * Every path parameter that names a row uses this one schema.
 */
export const ID_PARAM_PATTERN = '^[1-9][0-9]{0,14}$';
export const IdParam = z
  .string()
  .regex(new RegExp(ID_PARAM_PATTERN), '应为正整数编号（如 12）')
  .transform(Number)
  .describe('正整数编号');

/** `/:id` path parameters. */
export const IdParams = z.strictObject({ id: IdParam });

/** Paging query parameters of a list (1-based page, at most 200 per page). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type Paging = z.infer<typeof PageQuery>;

/** One page of a list: the items, the total over all pages, and the paging asked for. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** A district, industry or list filter written as an id, code or name (区域 id、代码或名称). */
export const DistrictRef = z.string().max(50).describe('区域 id、代码或名称');

/** Enterprises in the caller's scope by diagnosis status. */
export const CountsSchema = z.object({
  enterprises: z.number(),
  done: z.number(),
  pending: z.number(),
  refused: z.number(),
});
export type Counts = z.infer<typeof CountsSchema>;

/** Who made a change, as append-only history rows name them. */
export const ChangedBySchema = z.object({ userId: z.number(), userName: z.string() });

/** Error replies of every route (http/errors.ts). */
export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
