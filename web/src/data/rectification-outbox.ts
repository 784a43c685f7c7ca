/**
 * The enterprise's rectification work on an unreliable network: every photo and every status change (with its note)
 * is written to IndexedDB first, then sent in order; an entry leaves only when the server acknowledged it. Its own
 * small database, so the answers' store and outbox (store.ts) stay as they are. Only the author's entries are sent.
 * Resending is safe: the same file on the same rectification is the existing record (200), and a status change
 * the server already holds (a 409 whose current status is the target) counts as done.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, api } from './api.js';
import type { RectificationStatus } from './contract.js';

export interface RectificationEntry {
  seq?: number;
  rectificationId: number;
  userId: number;
  kind: 'file' | 'status';
  file?: Blob;
  fileName?: string;
  status?: RectificationStatus;
  note?: string;
  createdAt: string;
  /** Why the last attempt failed (not a network failure): shown until the user retries or removes it. */
  error?: string;
}

interface Schema extends DBSchema {
  entries: { key: number; value: RectificationEntry; indexes: { rectification: number } };
}

/** Fired on window after entries were sent, failed or added: `detail.rectificationId`. */
export const RECTIFICATION_OUTBOX_EVENT = 'dsd-rectification-outbox';

let dbPromise: Promise<IDBPDatabase<Schema>> | undefined;
function db(): Promise<IDBPDatabase<Schema>> {
  dbPromise ??= openDB<Schema>('dsd-rectifications', 1, {
    upgrade(d) {
      d.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true }).createIndex('rectification', 'rectificationId');
    },
  });
  return dbPromise;
}

const announce = (rectificationId: number) =>
  window.dispatchEvent(new CustomEvent(RECTIFICATION_OUTBOX_EVENT, { detail: { rectificationId } }));

export async function pendingFor(rectificationId: number, userId: number): Promise<RectificationEntry[]> {
  const all = await (await db()).getAllFromIndex('entries', 'rectification', rectificationId);
  return all.filter((e) => e.userId === userId).sort((a, b) => a.seq! - b.seq!);
}

/** Keeps the work on the device, then tries to send it. */
export async function enqueue(entry: Omit<RectificationEntry, 'seq' | 'createdAt'>): Promise<void> {
  await (await db()).add('entries', { ...entry, createdAt: new Date().toISOString() });
  announce(entry.rectificationId);
  void sendPending(entry.userId);
}

export async function discard(seq: number): Promise<void> {
  const d = await db();
  const e = await d.get('entries', seq);
  await d.delete('entries', seq);
  if (e) announce(e.rectificationId);
}

let sending: Promise<void> | null = null;
let currentUser: number | null = null;

/** Sends the user's entries in order; stops at the first network failure (the rest waits for the next try). */
export function sendPending(userId: number | null = currentUser): Promise<void> {
  if (userId === null) return Promise.resolve();
  currentUser = userId;
  sending ??= (async () => {
    try {
      const d = await db();
      const entries = (await d.getAll('entries')).filter((e) => e.userId === userId && !e.error).sort((a, b) => a.seq! - b.seq!);
      for (const e of entries) {
        try {
          if (e.kind === 'file') await api.uploadRectificationEvidence(e.rectificationId, e.file!, e.fileName!);
          else await api.changeRectification(e.rectificationId, { status: e.status!, ...(e.note ? { note: e.note } : {}) });
          await d.delete('entries', e.seq!);
        } catch (err) {
          // No network, or the session ended: keep everything for the next try (after the next login).
          if (err instanceof ApiError && (err.offline || err.status === 401)) break;
          if (err instanceof ApiError && err.status === 409 && e.kind === 'status' && (await alreadyThere(e))) await d.delete('entries', e.seq!);
          else await d.put('entries', { ...e, error: err instanceof ApiError ? err.message : String(err) });
        }
        announce(e.rectificationId);
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

async function alreadyThere(e: RectificationEntry): Promise<boolean> {
  try {
    return (await api.rectification(e.rectificationId)).status === e.status;
  } catch {
    return false;
  }
}

/** Retries a failed entry (after the user fixed what the server refused, e.g. logged in again). */
export async function retry(seq: number): Promise<void> {
  const d = await db();
  const e = await d.get('entries', seq);
  if (!e) return;
  delete e.error;
  await d.put('entries', e);
  void sendPending(e.userId);
}

let started = false;
/** Sends on reconnect, when the page becomes visible and every 30 s, like the answers' outbox. */
export function startRectificationSync(userId: number): void {
  currentUser = userId;
  if (started) return;
  started = true;
  window.addEventListener('online', () => void sendPending());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sendPending();
  });
  window.setInterval(() => void sendPending(), 30_000);
}
