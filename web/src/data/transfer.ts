/**
 * The last resort: everything unsent on this device to a file, and that file back into a device's outbox. The
 * outbox is sealed before export, so the file and the device carry the same batch ids: whichever copy reaches the
 * server first is applied, the other is recognised as a repeat. Importing the same file twice adds nothing.
 */
import { z } from 'zod';
import { openAssessment } from './assessments.js';
import type { SessionUser } from './contract.js';
import { allEntries, db, getFile, type OutboxEntry } from './store.js';
import { sealAll, syncAssessment } from './sync.js';

const FORMAT = 'dsd-unsent-work';

const FileSchema = z.object({ sha256: z.string(), name: z.string(), mime: z.string(), base64: z.string() });
const ExportSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  entries: z.array(z.looseObject({ uid: z.string(), assessmentId: z.number(), userId: z.number(), kind: z.string(), itemId: z.string() })),
  files: z.array(FileSchema),
});

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string, mime: string): Blob {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Builds the export file of every unsent entry on the device (any user), with the files they need. */
export async function exportUnsent(user: SessionUser): Promise<{ blob: Blob; count: number }> {
  for (const id of new Set((await allEntries()).filter((e) => e.userId === user.id).map((e) => e.assessmentId)))
    await sealAll(id, user.id);
  const entries = await allEntries();
  const files = [];
  for (const sha of new Set(entries.filter((e) => e.kind === 'evidence').map((e) => e.sha256!))) {
    const f = await getFile(sha);
    if (f) files.push({ sha256: sha, name: f.name, mime: f.mime, base64: await toBase64(f.blob) });
  }
  const body = { format: FORMAT, version: 1, exportedAt: new Date().toISOString(), entries: entries.map(({ seq: _seq, ...e }) => e), files };
  return { blob: new Blob([JSON.stringify(body)], { type: 'application/json' }), count: entries.length };
}

/** Adds the file's entries that this device does not have yet; returns how many were added. */
export async function importUnsent(file: Blob, user: SessionUser): Promise<{ added: number; skipped: number }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    throw new Error('文件不是有效的导出文件（JSON 格式错误）');
  }
  const parsed = ExportSchema.safeParse(raw);
  if (!parsed.success) throw new Error('文件不是“未同步内容”导出文件，或已损坏');
  const data = parsed.data;
  const tx = (await db()).transaction(['outbox', 'files'], 'readwrite');
  const known = new Set((await tx.objectStore('outbox').getAll()).map((e) => e.uid));
  for (const f of data.files) await tx.objectStore('files').put({ sha256: f.sha256, name: f.name, mime: f.mime, blob: fromBase64(f.base64, f.mime) });
  let added = 0;
  for (const e of data.entries as unknown as OutboxEntry[]) {
    if (known.has(e.uid)) continue;
    await tx.objectStore('outbox').add(e);
    added++;
  }
  await tx.done;
  for (const id of new Set(data.entries.map((e) => e.assessmentId))) {
    try {
      await openAssessment(id, user);
      void syncAssessment(id);
    } catch {
      // Offline or not this user's: the entries wait in the outbox.
    }
  }
  return { added, skipped: data.entries.length - added };
}
