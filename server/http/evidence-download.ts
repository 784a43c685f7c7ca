/**
 * Sends a stored evidence file (answer or rectification evidence) as a download: the type decided at upload, the
 * person's file name, and headers that keep a browser from running or sniffing it. A file the database names but the
 * disk lacks (e.g. a database restored without its snapshot's files) is a clear 404, logged for the operator.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { attachmentDisposition } from '../domain/file-type.js';
import { HttpError } from './errors.js';

export interface StoredFile {
  /** Where the bytes are on disk. */
  path: string;
  fileName: string;
  mime: string;
}

export function sendEvidenceFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile, logContext: Record<string, unknown>) {
  if (!existsSync(file.path)) {
    request.log.error(logContext, 'evidence file missing');
    throw new HttpError(404, 'evidence_file_missing', `附件文件“${file.fileName}”在服务器上缺失，请联系管理员从备份恢复`);
  }
  return reply
    .header('Content-Type', file.mime)
    .header('Content-Disposition', attachmentDisposition(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(createReadStream(file.path));
}
