import type { z } from 'zod';
import type { ErrorSchema } from '../schemas/common.js';

/** Errors a route throws on purpose: a status, a stable code and a message a person can act on (Chinese). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = '资源') => new HttpError(404, 'not_found', `${what}不存在或无权访问`);
export const forbidden = (message = '当前账号无权执行此操作') => new HttpError(403, 'forbidden', message);
export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);

/** The JSON body of every error reply (declared in schemas/common.ts). */
export type ErrorBody = z.infer<typeof ErrorSchema>;
