/**
 * Issued reports without rendering: a report's row and a small PDF-like file written straight to the data directory,
 * as issuing stores them (rendering has its own tests); and a ZIP read back entry by entry.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** Stores a report file (`%PDF-1.7` + body) and its row; returns its number and bytes. */
export function storeIssuedReport(
  app: FastifyInstance,
  dataDir: string,
  r: { assessmentId: number; enterpriseId: number; issuedBy: number; body: Buffer; annexBody?: Buffer },
): { id: number; number: string; data: Buffer; annex: Buffer | null } {
  const serial = ((app.db.prepare('SELECT MAX(serial) FROM reports WHERE year = 2026').pluck().get() as number | null) ?? 0) + 1;
  const number = `长春-2026-${String(serial).padStart(4, '0')}`;
  const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), r.body]);
  const filePath = join('reports', '2026', `2026-${serial}.pdf`);
  mkdirSync(join(dataDir, 'reports', '2026'), { recursive: true });
  writeFileSync(join(dataDir, filePath), data);
  // Without annexBody: a report issued as one file, as before annexes existed.
  const annex = r.annexBody ? Buffer.concat([Buffer.from('%PDF-1.7\n'), r.annexBody]) : null;
  const annexPath = annex ? join('reports', '2026', `2026-${serial}-annex.pdf`) : null;
  if (annex) writeFileSync(join(dataDir, annexPath!), annex);
  const { lastInsertRowid } = app.db
    .prepare(
      `INSERT INTO reports (assessment_id, enterprise_id, kind, number, year, serial, verification_code, sha256, size, file_path,
                            annex_sha256, annex_size, annex_file_path, issued_by, issued_at, report_model, questionnaire_id,
                            questionnaire_version, scoring_model)
       VALUES (?, ?, 'field', ?, 2026, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-11-30T02:00:00Z', '1.0.0', 'core', '1', '2.1.0')`,
    )
    .run(r.assessmentId, r.enterpriseId, number, serial, `TEST-CODE-${serial}`, createHash('sha256').update(data).digest('hex'), data.length, filePath,
      annex && createHash('sha256').update(annex).digest('hex'), annex?.length ?? null, annexPath, r.issuedBy);
  return { id: Number(lastInsertRowid), number, data, annex };
}

/** The entries of a ZIP read back from its central directory, each checked against its CRC. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(crc32(data), name).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength + extra;
  }
  return out;
}
