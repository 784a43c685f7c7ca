/**
 * Opening an assessment for work: fetch what the server has, keep it on the device (questionnaire version, answers,
 * evidence list) and lay the unsent local changes over it, so a page shows the same answers online and offline.
 */
import { ApiError, api } from './api.js';
import { fromWire, type AnswerValue, type AssessmentDetail, type Questionnaire, type SessionUser } from './contract.js';
import { allEntries, getLocal, getQuestionnaire, now, putLocal, putQuestionnaire, type LocalAssessment } from './store.js';

export interface OpenAssessment {
  local: LocalAssessment;
  questionnaire: Questionnaire;
  /** True when the server could not be reached and the device copy is shown. */
  offline: boolean;
}

const questionnaireKey = (d: { questionnaireId: string; questionnaireVersion: string }) =>
  `${d.questionnaireId}@${d.questionnaireVersion}`;

/** The device's copy of a questionnaire version, or undefined when there is none or it no longer reads. */
async function storedQuestionnaire(key: string): Promise<Questionnaire | undefined> {
  const wire = await getQuestionnaire(key);
  if (!wire) return undefined;
  try {
    return fromWire(wire);
  } catch {
    return undefined;
  }
}

/**
 * The questionnaire an assessment is pinned to. A stored copy is revalidated by its hash (If-None-Match → 304, a
 * few bytes), so a copy that differs from the server's — an older app's cache, a damaged store — is replaced while
 * online; offline the stored copy is used as is.
 */
async function pinnedQuestionnaire(detail: AssessmentDetail, key: string): Promise<Questionnaire> {
  const stored = await storedQuestionnaire(key);
  let wire;
  try {
    wire = await api.questionnaireVersion(detail.questionnaireId, detail.questionnaireVersion, stored?.hash);
  } catch (err) {
    if (stored && err instanceof ApiError && err.offline) return stored;
    throw err;
  }
  if (!wire) return stored!;
  const q = fromWire(wire);
  await putQuestionnaire(key, wire);
  return q;
}

/** Loads from the server when reachable (and stores the result), otherwise from the device. */
export async function openAssessment(id: number, user: SessionUser, options: { offline?: boolean } = {}): Promise<OpenAssessment> {
  const stored = await getLocal(id);
  let detail;
  try {
    detail = await api.assessment(id);
  } catch (err) {
    if (err instanceof ApiError && err.offline && stored && stored.userId === user.id) {
      const questionnaire = await storedQuestionnaire(stored.questionnaireKey);
      if (questionnaire) return { local: stored, questionnaire, offline: true };
    }
    if (err instanceof ApiError && err.offline) throw new ApiError(0, 'offline', '此诊断尚未保存到本机，请联网后再打开');
    throw err;
  }
  const key = questionnaireKey(detail);
  const questionnaire = await pinnedQuestionnaire(detail, key);
  // Unsent changes of this user win over the server's copy until they are acknowledged.
  const mine = (await allEntries()).filter((e) => e.assessmentId === id && e.userId === user.id);
  const answers = { ...(detail.answers as Record<string, AnswerValue>) };
  const notes = { ...detail.notes };
  const flags = new Set(detail.flags);
  const sameOwner = stored && stored.userId === user.id;
  for (const e of mine) {
    if (e.kind === 'answer') {
      // An entry without a value carries only a remark or flag.
      if (e.value === null) delete answers[e.itemId];
      else if (e.value !== undefined) answers[e.itemId] = e.value;
      if (e.note !== undefined) {
        if (e.note) notes[e.itemId] = e.note;
        else delete notes[e.itemId];
      }
      if (e.flagged !== undefined) {
        if (e.flagged) flags.add(e.itemId);
        else flags.delete(e.itemId);
      }
    } else if (sameOwner) {
      // Files: the device's list already holds the files added or removed here.
      const v = stored.answers[e.itemId];
      if (v === undefined) delete answers[e.itemId];
      else answers[e.itemId] = v;
    }
  }
  const local: LocalAssessment = {
    id,
    userId: user.id,
    detail,
    questionnaireKey: key,
    answers,
    notes,
    flags: [...flags],
    // Unsent changes keep the version they were made on, so the server can tell whether someone changed the same item.
    serverVersion: sameOwner && mine.length ? stored.serverVersion : detail.version,
    sync: sameOwner ? stored.sync : { state: mine.length ? 'local' : 'synced', at: now() },
    ...(sameOwner && stored.conflict ? { conflict: stored.conflict } : {}),
    offline: options.offline ?? (sameOwner ? stored.offline : false),
    savedAt: now(),
  };
  if (!mine.length && local.sync.state !== 'conflict') local.sync = { state: 'synced', at: now() };
  await putLocal(local);
  return { local, questionnaire, offline: false };
}
