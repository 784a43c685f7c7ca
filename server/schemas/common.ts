/**
 * Schemas several resources share: id params, paging, the enterprise counts, the user a history row names,
 * and the session user. Resource files build on these; nothing here knows a resource.
 */
import { z } from 'zod';
import { SessionUserSchema } from '../domain/roles.js';

export { SessionUserSchema };

/** `/:id` path parameters: a positive integer. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

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
