/**
 * The API document as tests walk it: every operation with its method and path, and a path with its parameters
 * filled in, so a test can probe every route the document lists (a new route is probed without editing the test).
 */
import type { FastifyInstance } from 'fastify';

export interface Operation {
  method: string;
  path: string;
  op: any;
}

export async function openApiDocument(app: FastifyInstance): Promise<any> {
  return (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
}

export function operations(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(ops)) out.push({ method: method.toUpperCase(), path, op });
  return out;
}

/** `/api/x/{id}/y/{itemId}` → `/api/x/1/y/v`, with `overrides` for the named parameters. */
export function fillPath(path: string, overrides: Record<string, string> = {}, fallback = '1'): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(overrides[name] ?? fallback));
}

/** Names of the path parameters of an operation. */
export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** Resolves a local $ref, as a client generator would. */
export function resolveRef(doc: any, s: any): any {
  return s?.$ref ? resolveRef(doc, s.$ref.split('/').slice(1).reduce((o: any, k: string) => o[k], doc)) : s;
}
