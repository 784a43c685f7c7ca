/**
 * Replies with a prepared JSON document identified by an ETag: 304 without a body when the client already
 * holds it (If-None-Match), so a browser revalidates a cached questionnaire version with one small request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendWithEtag(request: FastifyRequest, reply: FastifyReply, doc: { json: string; etag: string }) {
  reply.header('ETag', doc.etag).header('Cache-Control', 'private, no-cache');
  const given = request.headers['if-none-match'];
  if (given && given.split(',').some((t) => t.trim().replace(/^W\//, '') === doc.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(doc.json);
}
