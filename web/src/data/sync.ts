/**
 * Sends each assessment's outbox to the server, in order, from the page itself: after every local write, on
 * `online`, when the tab becomes visible, and on a backoff timer. Rules:
 * - only entries written by the logged-in user are sent (another user's unsent work waits for them);
 * - entries are sealed into a batch (batch id + base version stored first), and a sealed batch is resent unchanged
 *   until the server acknowledges it, so a resend after a lost reply is recognised and never applied twice;
 * - an entry is deleted only after the acknowledgement;
 * - one tab at a time sends an assessment's outbox (Web Locks), so two tabs never send the same entry twice;
 * - a 409 stops the assessment's outbox until the person decides each conflicting item (resolveConflict).
 */
import { ApiError, api } from './api.js';
import type { AnswerConflict, AnswerValue } from './contract.js';
import {
  db,
  entriesOf,
  getFile,
  getLocal,
  newId,
  now,
  putLocal,
  type LocalAssessment,
  type OutboxEntry,
  type SyncInfo,
} from './store.js';

/** Largest number of answers sealed into one batch (the server accepts 500). */
const BATCH_MAX = 100;

/** Fired on window with detail.assessmentId whenever an assessment's sync state or outbox changes. */
export const SYNC_EVENT = 'dsd-sync';

let currentUserId: number | null = null;
export function setSyncUser(id: number | null): void {
  currentUserId = id;
}

/** Other tabs of this browser hear about every change too, so two tabs of one assessment show the same answers. */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('dsd-sync');
channel?.addEventListener('message', (e: MessageEvent<{ assessmentId: number }>) =>
  window.dispatchEvent(new CustomEvent(SYNC_EVENT, { detail: { assessmentId: e.data.assessmentId } })),
);

/** Tells this tab (unless it made the change itself) and the others that an assessment's local copy changed. */
export function announce(assessmentId: number, options: { otherTabsOnly?: boolean } = {}): void {
  if (!options.otherTabsOnly) window.dispatchEvent(new CustomEvent(SYNC_EVENT, { detail: { assessmentId } }));
  channel?.postMessage({ assessmentId });
}

async function setState(id: number, sync: SyncInfo, extra: Partial<LocalAssessment> = {}): Promise<void> {
  const local = await getLocal(id);
  if (!local) return;
  await putLocal({ ...local, ...extra, sync });
  announce(id);
}

function withLock<T>(assessmentId: number, fn: () => Promise<T>): Promise<T | undefined> {
  if (!('locks' in navigator)) return fn();
  // ifAvailable: when another tab is sending this outbox, this tab simply leaves it to that tab.
  return navigator.locks.request(`dsd-outbox-${assessmentId}`, { ifAvailable: true }, async (lock) =>
    lock ? fn() : undefined,
  ) as Promise<T | undefined>;
}

/**
 * Seals the unsealed entries of the user at the head of the outbox into batches: consecutive answers, each item at
 * most once per batch; an evidence entry is a batch of its own.
 */
async function seal(assessmentId: number, userId: number, baseVersion: number): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const entries = (await tx.store.index('assessment').getAll(assessmentId))
    .filter((e) => e.userId === userId)
    .sort((a, b) => a.seq! - b.seq!);
  let batch: OutboxEntry[] = [];
  let items = new Set<string>();
  const flush = async () => {
    if (!batch.length) return;
    const batchId = newId();
    for (const e of batch) await tx.store.put({ ...e, batchId, baseVersion });
    batch = [];
    items = new Set();
  };
  for (const e of entries) {
    if (e.batchId) continue;
    if (e.kind !== 'answer') {
      await flush();
      batch.push(e);
      await flush();
      continue;
    }
    if (items.has(e.itemId) || batch.length >= BATCH_MAX) await flush();
    batch.push(e);
    items.add(e.itemId);
  }
  await flush();
  await tx.done;
}

/** Seals everything unsent of this user (before an export, so both copies carry the same batch ids). */
export async function sealAll(assessmentId: number, userId: number): Promise<void> {
  const local = await getLocal(assessmentId);
  await withLock(assessmentId, () => seal(assessmentId, userId, local?.serverVersion ?? 0));
}

async function deleteEntries(entries: OutboxEntry[]): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  for (const e of entries) await tx.store.delete(e.seq!);
  await tx.done;
}

async function setServerVersion(id: number, version: number): Promise<void> {
  const local = await getLocal(id);
  if (local && version > local.serverVersion) await putLocal({ ...local, serverVersion: version });
}

async function sendBatch(id: number, batch: OutboxEntry[]): Promise<void> {
  const head = batch[0];
  if (head.kind === 'evidence') {
    const file = await getFile(head.sha256!);
    if (!file) {
      // The file is gone from this device (storage cleared): nothing can be sent; say so rather than loop.
      throw new ApiError(410, 'file_missing', `附件“${head.fileName}”已不在本机，请重新选择文件`);
    }
    const r = await api.uploadEvidence(id, head.itemId, file.blob, head.fileName ?? file.name);
    await setServerVersion(id, r.version);
  } else if (head.kind === 'evidence-delete') {
    const detail = await api.assessment(id);
    const match = detail.evidence.find((e) => e.itemId === head.itemId && e.sha256 === head.sha256);
    if (match) await setServerVersion(id, (await api.deleteEvidence(match.id)).version);
  } else {
    const r = await api.saveAnswers(id, {
      batchId: head.batchId!,
      baseVersion: head.baseVersion!,
      answers: batch.map((e) => ({
        itemId: e.itemId,
        ...(e.value !== undefined ? { value: e.value } : {}),
        ...(e.note !== undefined ? { note: e.note } : {}),
        ...(e.flagged !== undefined ? { flagged: e.flagged } : {}),
      })),
    });
    await setServerVersion(id, r.version);
  }
  await deleteEntries(batch);
}

const retryTimers = new Map<number, { timer: number; delay: number }>();

function scheduleRetry(id: number): void {
  const prev = retryTimers.get(id);
  if (prev) clearTimeout(prev.timer);
  const delay = Math.min((prev?.delay ?? 2500) * 2, 60_000);
  retryTimers.set(id, { delay, timer: window.setTimeout(() => void syncAssessment(id), delay) });
}

/** Sends the assessment's outbox until it is empty or something stops it; returns the resulting state. */
export async function syncAssessment(id: number): Promise<void> {
  const userId = currentUserId;
  if (userId === null) return;
  await withLock(id, async () => {
    const local = await getLocal(id);
    if (!local || local.sync.state === 'conflict') return;
    if (!navigator.onLine) {
      // Known offline: leave entries unsealed, so further edits of an item still merge into one change.
      await setState(id, { state: 'local', reason: '离线：内容已保存在本机，联网后自动同步', at: now() });
      return;
    }
    for (;;) {
      const mine = (await entriesOf(id)).filter((e) => e.userId === userId);
      if (!mine.length) {
        retryTimers.delete(id);
        await setState(id, { state: 'synced', at: now() });
        return;
      }
      if (!mine[0].batchId) await seal(id, userId, (await getLocal(id))!.serverVersion);
      const sealed = (await entriesOf(id)).filter((e) => e.userId === userId);
      const batch = sealed.filter((e) => e.batchId === sealed[0].batchId);
      await setState(id, { state: 'syncing', at: now() });
      try {
        await sendBatch(id, batch);
      } catch (err) {
        await failed(id, batch, err);
        return;
      }
    }
  });
}

async function failed(id: number, batch: OutboxEntry[], err: unknown): Promise<void> {
  const e = err instanceof ApiError ? err : new ApiError(500, 'client', String(err));
  if (e.offline) {
    await setState(id, { state: 'local', reason: '离线：内容已保存在本机，联网后自动同步', at: now() });
    scheduleRetry(id);
  } else if (e.status === 409 && e.code === 'answer_conflict') {
    const d = e.details as { currentVersion: number; conflicts: AnswerConflict[] };
    await setState(
      id,
      { state: 'conflict', reason: e.message, at: now() },
      { conflict: { currentVersion: d.currentVersion, items: d.conflicts, batchId: batch[0].batchId! } },
    );
  } else if (e.status === 401) {
    await setState(id, { state: 'failed', reason: '登录已失效：内容仍保存在本机，重新登录后自动同步', at: now() });
  } else {
    await setState(id, { state: 'failed', reason: e.message, at: now() });
    if (e.status >= 500 || e.status === 429) scheduleRetry(id);
  }
}

/**
 * Settles a 409: for each conflicting item the person chose 'mine' or 'server'. The stopped batch is replaced by a
 * new one based on the server's current version, holding the batch's other items and the items kept as 'mine';
 * items settled as 'server' take the server's value locally (their remark and flag are still sent). Nothing is
 * dropped without that choice.
 */
export async function resolveConflict(id: number, choices: Record<string, 'mine' | 'server'>): Promise<void> {
  await withLock(id, async () => {
    const local = await getLocal(id);
    if (!local?.conflict) return;
    const { currentVersion, items, batchId } = local.conflict;
    const serverValues = new Map(items.map((c) => [c.itemId, c.serverValue]));
    const tx = (await db()).transaction(['outbox', 'assessments'], 'readwrite');
    const entries = (await tx.objectStore('outbox').index('assessment').getAll(id)).filter((e) => e.batchId === batchId);
    const rebatch = newId();
    for (const e of entries) {
      if (serverValues.has(e.itemId) && choices[e.itemId] === 'server') {
        // The server's value wins; a remark or flag that travelled with the value still goes (marks never conflict).
        if (e.note !== undefined || e.flagged !== undefined) {
          const { value: _serverWins, ...marks } = e;
          await tx.objectStore('outbox').put({ ...marks, batchId: rebatch, baseVersion: currentVersion });
        } else await tx.objectStore('outbox').delete(e.seq!);
        const v = serverValues.get(e.itemId);
        if (v === null || v === undefined) delete local.answers[e.itemId];
        else local.answers[e.itemId] = v as AnswerValue;
      } else await tx.objectStore('outbox').put({ ...e, batchId: rebatch, baseVersion: currentVersion });
    }
    local.serverVersion = Math.max(local.serverVersion, currentVersion);
    delete local.conflict;
    local.sync = { state: 'local', at: now() };
    await tx.objectStore('assessments').put(local);
    await tx.done;
  });
  announce(id);
  await syncAssessment(id);
}

/** Starts sending every assessment of the user that has unsent entries. */
export async function syncAll(): Promise<void> {
  if (currentUserId === null) return;
  const ids = new Set((await (await db()).getAll('outbox')).filter((e) => e.userId === currentUserId).map((e) => e.assessmentId));
  for (const id of ids) await syncAssessment(id);
}

let started = false;
/** Wires the triggers once per page. */
export function startSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void syncAll());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncAll();
  });
  window.setInterval(() => void syncAll(), 30_000);
}

export function pendingOf(entries: OutboxEntry[], userId: number): number {
  return entries.filter((e) => e.userId === userId).length;
}
