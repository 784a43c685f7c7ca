/**
 * An XLSX export as a route answers it: the 200 response the API document types (a binary spreadsheet, not JSON)
 * and the reply with the workbook as an attachment. Every XLSX route uses both, so the document and the bytes
 * sent cannot disagree on the media type.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { attachmentDisposition } from '../domain/file-type.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `response: { 200: XlsxFileResponse }` for a route that sends a workbook. */
export const XlsxFileResponse = {
  description: 'XLSX 文件（附件下载）',
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
};

/** Sends a workbook (services/xlsx-table.ts) as `<fileName>.xlsx`. */
export function sendXlsx(reply: FastifyReply, fileName: string, workbook: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachmentDisposition(`${fileName}.xlsx`))
    .send(workbook);
}
