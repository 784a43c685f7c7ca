/**
 * Evidence files (佐证材料) attached to evidence items of an assessment. A file is stored once under
 * <data>/evidence/<sha256> — the name on disk is the content hash, so nothing a user sends ever becomes a path —
 * and the sanitised original name lives only in the database. The evidence item's answer always lists the item's
 * files (written as a server batch, so clients see the version move like any other edit).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import type { EvidenceRefValue } from '../domain/questionnaire/answers.js';
import type { ItemDef } from '../domain/questionnaire/schema.js';
import { CATEGORY_LABELS, detectFileType, isMacroEnabledOffice, sanitizeFileName } from '../domain/file-type.js';
import { HttpError, badRequest, conflict, notFound } from '../http/errors.js';
import { getAssessment, pinnedQuestionnaire, requireCapability, requireDraft, type AssessmentRow } from './assessments.js';
import { writeServerAnswer } from './answers.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import type { EvidenceRecord } from '../schemas/evidence.js';

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export type { EvidenceRecord };

const SELECT_EVIDENCE = `SELECT id, assessment_id AS assessmentId, item_id AS itemId, file_name AS fileName, mime, size, sha256,
  uploaded_by AS uploadedBy, uploaded_at AS uploadedAt FROM evidence`;

export const evidencePath = (dataDir: string, sha256: string) => join(dataDir, 'evidence', sha256);

type EvidenceItem = Extract<ItemDef, { kind: 'evidence' }>;

/** Checks that the user may upload to the item now: called before the body is read, and again when storing. */
export function checkUpload(db: Db, registry: QuestionnaireRegistry, user: SessionUser, assessmentId: number, itemId: string): { a: AssessmentRow; item: EvidenceItem } {
  const a = getAssessment(db, user, assessmentId);
  requireCapability(user, a, 'edit');
  requireDraft(a, '上传附件');
  const def = pinnedQuestionnaire(registry, a).itemById.get(itemId)?.def;
  if (!def) throw notFound(`题目 ${itemId}`);
  if (def.kind !== 'evidence') throw badRequest(`题目 ${itemId} 不是附件题，不能上传附件`);
  return { a, item: def };
}

export function uploadEvidence(
  db: Db,
  registry: QuestionnaireRegistry,
  dataDir: string,
  user: SessionUser,
  assessmentId: number,
  itemId: string,
  file: { data: Buffer; fileName: string | undefined },
  now: string,
): { evidence: EvidenceRecord; version: number; created: boolean } {
  const { item } = checkUpload(db, registry, user, assessmentId, itemId);
  const type = detectFileType(file.data);
  const accepted = item.accept.map((c) => CATEGORY_LABELS[c]).join('、');
  if (isMacroEnabledOffice(file.data))
    throw new HttpError(415, 'macro_file', `含宏的 Office 文件（docm/xlsm/pptm）不能上传，请另存为不含宏的 docx/xlsx 后再上传；本题可上传：${accepted}`);
  if (!type) throw new HttpError(415, 'unsupported_file', `无法识别的文件类型；本题可上传：${accepted}`);
  if (!item.accept.includes(type.category))
    throw new HttpError(415, 'unsupported_file', `本题不接受${CATEGORY_LABELS[type.category]}文件；可上传：${accepted}`);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const fileName = sanitizeFileName(file.fileName, type);
  storeFile(dataDir, sha256, file.data);
  try {
    return db.transaction(() => {
      const { a } = checkUpload(db, registry, user, assessmentId, itemId);
      const existing = db.prepare(`${SELECT_EVIDENCE} WHERE assessment_id = ? AND item_id = ? AND sha256 = ?`).get(a.id, itemId, sha256) as
        | EvidenceRecord
        | undefined;
      // The same file again (a retried upload): nothing new to store.
      if (existing) return { evidence: existing, version: a.version, created: false };
      const count = db.prepare('SELECT COUNT(*) FROM evidence WHERE assessment_id = ? AND item_id = ?').pluck().get(a.id, itemId) as number;
      if (count >= item.max_files) throw conflict(`题目 ${itemId} 最多上传 ${item.max_files} 个附件，请先删除不需要的附件`);
      const { lastInsertRowid } = db
        .prepare(
          'INSERT INTO evidence (assessment_id, item_id, sha256, file_name, mime, size, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(a.id, itemId, sha256, fileName, type.mime, file.data.length, user.id, now);
      const id = Number(lastInsertRowid);
      const { version } = syncAnswer(db, a, user.id, itemId, `evidence-add-${randomUUID()}`, now);
      return { evidence: db.prepare(`${SELECT_EVIDENCE} WHERE id = ?`).get(id) as EvidenceRecord, version, created: true };
    }).immediate();
  } catch (err) {
    removeIfUnreferenced(db, dataDir, sha256);
    throw err;
  }
}

export function listEvidence(db: Db, assessmentId: number): EvidenceRecord[] {
  return db.prepare(`${SELECT_EVIDENCE} WHERE assessment_id = ? ORDER BY id`).all(assessmentId) as EvidenceRecord[];
}

/** The evidence record if the user may see its assessment; 404 otherwise. */
export function getEvidence(db: Db, user: SessionUser, id: number): { evidence: EvidenceRecord; assessment: AssessmentRow } {
  const evidence = db.prepare(`${SELECT_EVIDENCE} WHERE id = ?`).get(id) as EvidenceRecord | undefined;
  if (!evidence) throw notFound('附件');
  try {
    return { evidence, assessment: getAssessment(db, user, evidence.assessmentId) };
  } catch {
    throw notFound('附件');
  }
}

export function deleteEvidence(db: Db, dataDir: string, user: SessionUser, id: number, now: string): { version: number } {
  const result = db.transaction(() => {
    const { evidence, assessment: a } = getEvidence(db, user, id);
    requireCapability(user, a, 'edit');
    requireDraft(a, '删除附件');
    db.prepare('DELETE FROM evidence WHERE id = ?').run(id);
    return { sha256: evidence.sha256, version: syncAnswer(db, a, user.id, evidence.itemId, `evidence-delete-${randomUUID()}`, now).version };
  }).immediate();
  removeIfUnreferenced(db, dataDir, result.sha256);
  return { version: result.version };
}

/** Makes the item's answer list exactly its stored files (or clears it when none is left). */
function syncAnswer(db: Db, a: AssessmentRow, userId: number, itemId: string, batchId: string, now: string) {
  const refs = db
    .prepare('SELECT sha256, file_name AS name, mime, size FROM evidence WHERE assessment_id = ? AND item_id = ? ORDER BY id')
    .all(a.id, itemId) as EvidenceRefValue[];
  return writeServerAnswer(db, a, userId, batchId, itemId, refs.length > 0 ? refs : null, now);
}

/** Stores the bytes under their hash (shared by answer and rectification evidence). */
export function storeFile(dataDir: string, sha256: string, data: Buffer): void {
  const target = evidencePath(dataDir, sha256);
  if (existsSync(target)) return;
  mkdirSync(join(dataDir, 'evidence'), { recursive: true });
  // Write then rename: a crash never leaves a partial file under a content-hash name.
  const tmp = join(dataDir, 'evidence', `.upload-${randomUUID()}`);
  writeFileSync(tmp, data);
  renameSync(tmp, target);
}

/** Deletes the stored file once no answer or rectification evidence refers to it. */
export function removeIfUnreferenced(db: Db, dataDir: string, sha256: string): void {
  const used = db
    .prepare('SELECT 1 FROM evidence WHERE sha256 = ? UNION ALL SELECT 1 FROM rectification_evidence WHERE sha256 = ? LIMIT 1')
    .get(sha256, sha256);
  if (!used) rmSync(evidencePath(dataDir, sha256), { force: true });
}
