/**
 * The offline store (IndexedDB through idb): questionnaires, the local copy of each assessment, evidence files and
 * the outbox. Rule: every answer, remark, flag and file is written here first, in one transaction with its outbox entry;
 * the network comes after. Outbox entries leave only when the server acknowledged them (see sync.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnswerConflict, AnswerValue, AssessmentDetail, EvidenceRefValue, QuestionnaireWire } from './contract.js';

export type SyncState = 'local' | 'syncing' | 'synced' | 'conflict' | 'failed';

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  local: '已保存在本机',
  syncing: '同步中',
  synced: '已同步',
  conflict: '有冲突',
  failed: '同步失败',
};

export interface SyncInfo {
  state: SyncState;
  /** Why it failed, or what "saved locally" waits for. */
  reason?: string;
  at: string;
}

/** The device's copy of one assessment: the server snapshot plus everything typed here. */
export interface LocalAssessment {
  id: number;
  /** The user who works on it on this device. */
  userId: number;
  detail: AssessmentDetail;
  questionnaireKey: string;
  /** Current answers on this device (server answers with unsent changes applied). */
  answers: Record<string, AnswerValue>;
  notes: Record<string, string>;
  /** Items marked 待核实. */
  flags: string[];
  /** The assessment version the last acknowledged batch produced: the base of the next batch. */
  serverVersion: number;
  sync: SyncInfo;
  /** Set by a 409: the items to decide, with the server version they were checked against. */
  conflict?: { currentVersion: number; items: AnswerConflict[]; batchId: string };
  /** Explicitly taken offline from the work list. */
  offline?: boolean;
  /** Remarks and flags travel to the server (an app version before that kept some on the device only). */
  marksOnServer?: boolean;
  savedAt: string;
}

export type OutboxKind = 'answer' | 'evidence' | 'evidence-delete';

export interface OutboxEntry {
  seq?: number;
  /** Unique per entry, so an imported file never adds an entry twice. */
  uid: string;
  assessmentId: number;
  userId: number;
  userName: string;
  kind: OutboxKind;
  itemId: string;
  /** An answer entry without a value carries only the item's remark and/or flag (an evidence item's, say). */
  value?: AnswerValue | null;
  /** undefined: keep the server's remark. */
  note?: string | null;
  /** undefined: keep the server's 待核实 flag. */
  flagged?: boolean;
  sha256?: string;
  fileName?: string;
  /** Set when the entry is sealed into a batch: the same batch id is resent until acknowledged. */
  batchId?: string;
  baseVersion?: number;
  createdAt: string;
}

export interface StoredFile {
  sha256: string;
  blob: Blob;
  name: string;
  mime: string;
}

interface Schema extends DBSchema {
  questionnaires: { key: string; value: { key: string; wire: QuestionnaireWire } };
  assessments: { key: number; value: LocalAssessment };
  outbox: { key: number; value: OutboxEntry; indexes: { assessment: number } };
  files: { key: string; value: StoredFile };
}

let dbPromise: Promise<IDBPDatabase<Schema>> | undefined;

export function db(): Promise<IDBPDatabase<Schema>> {
  dbPromise ??= openDB<Schema>('dsd', 1, {
    upgrade(d) {
      d.createObjectStore('questionnaires', { keyPath: 'key' });
      d.createObjectStore('assessments', { keyPath: 'id' });
      d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('assessment', 'assessmentId');
      d.createObjectStore('files', { keyPath: 'sha256' });
    },
  });
  return dbPromise;
}

export const now = () => new Date().toISOString();

export function newId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export async function getQuestionnaire(key: string): Promise<QuestionnaireWire | undefined> {
  return (await (await db()).get('questionnaires', key))?.wire;
}

export async function putQuestionnaire(key: string, wire: QuestionnaireWire): Promise<void> {
  await (await db()).put('questionnaires', { key, wire });
}

export async function getLocal(id: number): Promise<LocalAssessment | undefined> {
  return (await db()).get('assessments', id);
}

export async function putLocal(a: LocalAssessment): Promise<void> {
  await (await db()).put('assessments', a);
}

export async function allLocal(): Promise<LocalAssessment[]> {
  return (await db()).getAll('assessments');
}

export async function entriesOf(assessmentId: number): Promise<OutboxEntry[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'assessment', assessmentId);
  return all.sort((a, b) => a.seq! - b.seq!);
}

export async function allEntries(): Promise<OutboxEntry[]> {
  return (await db()).getAll('outbox');
}

export interface Author {
  id: number;
  displayName: string;
}

/** What a person changed on one item: its value (null clears), its remark, its 待核实 flag; omitted parts stay. */
export interface ItemChange {
  value?: AnswerValue | null;
  note?: string | null;
  flagged?: boolean;
}

/**
 * Writes a change of an item to the local copy and the outbox in one transaction. A change to an item whose
 * previous change was not sealed yet is merged into it, so a paragraph typed in pauses is one change.
 */
export async function writeItem(assessmentId: number, author: Author, itemId: string, change: ItemChange): Promise<LocalAssessment> {
  const tx = (await db()).transaction(['assessments', 'outbox'], 'readwrite');
  const local = await tx.objectStore('assessments').get(assessmentId);
  if (!local) throw new Error(`诊断 ${assessmentId} 不在本机`);
  if (change.value === null) delete local.answers[itemId];
  else if (change.value !== undefined) local.answers[itemId] = change.value;
  if (change.note !== undefined) {
    if (change.note) local.notes[itemId] = change.note;
    else delete local.notes[itemId];
  }
  if (change.flagged !== undefined)
    local.flags = change.flagged ? [...new Set([...local.flags, itemId])] : local.flags.filter((x) => x !== itemId);
  local.savedAt = now();
  if (local.sync.state === 'synced') local.sync = { state: 'local', at: now() };
  const outbox = tx.objectStore('outbox');
  const parts = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as ItemChange;
  // One read of the assessment's outbox rather than a cursor step (a round trip each) per entry.
  const previous = (await outbox.index('assessment').getAll(assessmentId))
    .filter((e) => e.kind === 'answer' && e.itemId === itemId && e.userId === author.id)
    .sort((a, b) => b.seq! - a.seq!)[0];
  if (previous && !previous.batchId) await outbox.put({ ...previous, ...parts, createdAt: now() });
  else
    await outbox.add({ uid: newId(), assessmentId, userId: author.id, userName: author.displayName, kind: 'answer', itemId, ...parts, createdAt: now() });
  await tx.objectStore('assessments').put(local);
  await tx.done;
  return local;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores an evidence file and queues its upload; the item's answer lists it at once. */
export async function writeEvidence(assessmentId: number, author: Author, itemId: string, file: File): Promise<LocalAssessment> {
  const sha256 = await sha256Hex(file);
  const tx = (await db()).transaction(['assessments', 'outbox', 'files'], 'readwrite');
  const local = await tx.objectStore('assessments').get(assessmentId);
  if (!local) throw new Error(`诊断 ${assessmentId} 不在本机`);
  const refs = ((local.answers[itemId] as EvidenceRefValue[] | undefined) ?? []).filter((r) => r.sha256 !== sha256);
  refs.push({ sha256, name: file.name || 'photo.jpg', mime: file.type || 'application/octet-stream', size: file.size });
  local.answers[itemId] = refs;
  local.savedAt = now();
  await tx.objectStore('files').put({ sha256, blob: file, name: file.name, mime: file.type });
  await tx.objectStore('outbox').add({
    uid: newId(),
    assessmentId,
    userId: author.id,
    userName: author.displayName,
    kind: 'evidence',
    itemId,
    sha256,
    fileName: file.name || 'photo.jpg',
    createdAt: now(),
  });
  await tx.objectStore('assessments').put(local);
  await tx.done;
  return local;
}

/** Removes a file from an item: an upload not sent yet is simply dropped, a sent one is deleted on the server. */
export async function removeEvidence(assessmentId: number, author: Author, itemId: string, sha256: string): Promise<LocalAssessment> {
  const tx = (await db()).transaction(['assessments', 'outbox'], 'readwrite');
  const local = await tx.objectStore('assessments').get(assessmentId);
  if (!local) throw new Error(`诊断 ${assessmentId} 不在本机`);
  const refs = ((local.answers[itemId] as EvidenceRefValue[] | undefined) ?? []).filter((r) => r.sha256 !== sha256);
  if (refs.length) local.answers[itemId] = refs;
  else delete local.answers[itemId];
  const outbox = tx.objectStore('outbox');
  let pendingUpload: OutboxEntry | undefined;
  for (const e of await outbox.index('assessment').getAll(assessmentId))
    if (e.kind === 'evidence' && e.itemId === itemId && e.sha256 === sha256 && !e.batchId) pendingUpload = e;
  if (pendingUpload) await outbox.delete(pendingUpload.seq!);
  else
    await outbox.add({
      uid: newId(),
      assessmentId,
      userId: author.id,
      userName: author.displayName,
      kind: 'evidence-delete',
      itemId,
      sha256,
      createdAt: now(),
    });
  await tx.objectStore('assessments').put(local);
  await tx.done;
  return local;
}

export async function getFile(sha256: string): Promise<StoredFile | undefined> {
  return (await db()).get('files', sha256);
}

export async function putFile(f: StoredFile): Promise<void> {
  await (await db()).put('files', f);
}
