/**
 * Answer batches: how answers reach the database, from the web app's outbox and from evidence uploads.
 *
 * - Idempotent: a batch id already applied to the assessment returns the original result and changes nothing,
 *   so a client may resend its outbox after any network failure. The same id with different content is a client
 *   bug that would lose edits silently: it is refused with 409 batch_id_reused (as ODK refuses a changed resubmission).
 * - Versioned: every applied batch increments assessments.version. A batch based on an older version is still
 *   applied when none of its items changed since that version (edits of different items from two devices merge);
 *   when an item it touches was changed meanwhile to a different value, nothing is applied and the caller gets a
 *   409 with the server's and the client's value of each such item, so the person can choose. Nothing is dropped.
 * - Atomic: answers, history rows, the batch row and the version bump are written in one transaction.
 * - Marks: a change may carry an item's remark (note) and 待核实 flag, kept in item_marks apart from the value; a
 *   change without a value sets only those (the way an evidence item, whose value is its files, gets its remark).
 *   Marks are not answers: they have no history and never conflict.
 */
import { createHash } from 'node:crypto';
import { decodeAnswerValue, encodeAnswerValue, encodeBasis } from '../db/answer-value.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { SessionUser } from '../domain/roles.js';
import { answerSchemaFor } from '../domain/questionnaire/answers.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { validateAnswers } from '../domain/questionnaire/validate-answers.js';
import { HttpError, badRequest } from '../http/errors.js';
import type { AnswerBatch, AnswerChange, AnswerConflict, AnswerHistoryRow, BatchResult } from '../schemas/assessments.js';
import { getAssessment, requireCapability, requireDraft, type AssessmentRow } from './assessments.js';

export type { AnswerBatch, AnswerChange, AnswerConflict, BatchResult };

/** Validates and applies a batch from a client; see the module comment for the rules. */
export function applyAnswerBatch(
  db: Db,
  q: Questionnaire,
  user: SessionUser,
  assessmentId: number,
  batch: AnswerBatch,
  now: string,
): BatchResult {
  return db.transaction(() => {
    const a = getAssessment(db, user, assessmentId);
    requireCapability(user, a, 'edit');
    const contentHash = batchContentHash(batch);
    const replay = batchResult(db, assessmentId, batch.batchId);
    if (replay) {
      if (replay.contentHash !== null && replay.contentHash !== contentHash)
        throw new HttpError(
          409,
          'batch_id_reused',
          `批次编号 ${batch.batchId} 已用于另一批不同的答案，本次内容未保存；请用新的批次编号重新提交`,
          { batchId: batch.batchId },
        );
      return replay.result;
    }
    requireDraft(a, '修改答案');
    const values = validateChanges(q, batch.answers);
    if (batch.baseVersion !== a.version) {
      const conflicts = conflictsSince(db, a, batch.baseVersion, batch.answers, values);
      if (conflicts.length > 0)
        throw new HttpError(
          409,
          'answer_conflict',
          `有 ${conflicts.length} 道题目已被他人或其他设备修改（当前版本 ${a.version}），请逐题确认保留哪一个答案后重新保存`,
          { currentVersion: a.version, conflicts },
        );
    }
    return writeBatch(db, a, user.id, batch.batchId, batch.baseVersion, batch.answers, values, now, contentHash);
  }).immediate();
}

/**
 * Sets answers on behalf of the server (evidence uploads keep an evidence item's value equal to its files).
 * Runs inside the caller's transaction; based on the current version, so it never conflicts.
 */
export function writeServerAnswer(
  db: Db,
  a: AssessmentRow,
  userId: number,
  batchId: string,
  itemId: string,
  value: unknown,
  now: string,
): BatchResult {
  const normalized = value === null ? null : JSON.stringify(value);
  return writeBatch(db, a, userId, batchId, a.version, [{ itemId, value }], new Map([[itemId, normalized]]), now);
}

/** JSON with object keys sorted, so a resend whose keys come in another order hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What a client sent in a batch (everything but its id), as canonical JSON: the text its hash is taken of. */
export function batchContent(batch: AnswerBatch): string {
  return canonicalJson({ baseVersion: batch.baseVersion, answers: batch.answers });
}

/** SHA-256 of a batch's canonical content (`batchContent`). */
export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** SHA-256 of what a client sent in a batch (everything but its id). */
export function batchContentHash(batch: AnswerBatch): string {
  return contentHash(batchContent(batch));
}

/** The stored result of an applied batch and the hash of its content (null for older batches), or undefined when the id is new. */
function batchResult(db: Db, assessmentId: number, batchId: string): { result: BatchResult; contentHash: string | null } | undefined {
  const row = statement(db, 'SELECT result_version AS version, content_sha256 AS contentHash FROM answer_batches WHERE assessment_id = ? AND batch_id = ?')
    .get(assessmentId, batchId) as { version: number; contentHash: string | null } | undefined;
  if (row === undefined) return undefined;
  return { result: { batchId, version: row.version, changedItems: itemsChanged(db, assessmentId, row.version, row.version) }, contentHash: row.contentHash };
}

/** Each value parsed against its item (defaults applied), as the JSON to store; 400 listing every bad item. */
function validateChanges(q: Questionnaire, changes: AnswerChange[]): Map<string, string | null> {
  const problems: { itemId: string; message: string }[] = [];
  const seen = new Set<string>();
  const parsed = new Map<string, unknown>();
  // Values that fail their schema, and inventories (whose data types need the questionnaire), go through
  // validateAnswers for its item-specific Chinese messages; everything else is settled by the schema alone.
  const slow: Record<string, unknown> = {};
  for (const c of changes) {
    const item = q.itemById.get(c.itemId);
    if (seen.has(c.itemId)) problems.push({ itemId: c.itemId, message: `题目 ${c.itemId} 在同一批次中出现了多次` });
    else if (!item)
      problems.push({ itemId: c.itemId, message: `题目 ${c.itemId} 不在问卷 ${q.id}（版本 ${q.version}）中，请刷新问卷后重试` });
    else if (!hasValue(c)) {
      if (c.note === undefined && c.flagged === undefined)
        problems.push({ itemId: c.itemId, message: `题目 ${c.itemId} 的这次修改没有答案、备注或待核实标记` });
    }
    // null too: clearing the answer would leave the item's files stored but no longer listed.
    else if (item.def.kind === 'evidence')
      problems.push({ itemId: c.itemId, message: `题目 ${c.itemId} 是附件题，请通过上传附件提交，不能直接填写答案` });
    else if (c.value !== null) {
      const r = item.def.kind === 'inventory' ? undefined : answerSchemaFor(item.def).safeParse(c.value);
      if (r?.success) parsed.set(c.itemId, r.data);
      else slow[c.itemId] = c.value;
    }
    seen.add(c.itemId);
  }
  if (Object.keys(slow).length > 0) {
    const { answers, problems: answerProblems } = validateAnswers(q, slow);
    for (const itemId of Object.keys(slow)) {
      if (itemId in answers) parsed.set(itemId, answers[itemId]);
      else
        for (const p of answerProblems) if (p.itemId === itemId && p.level === 'error') problems.push({ itemId, message: p.message });
    }
  }
  if (problems.length > 0)
    throw badRequest(`有 ${problems.length} 个答案不符合要求：${problems.slice(0, 3).map((p) => p.message).join('；')}`, { problems });
  return new Map(changes.filter(hasValue).map((c) => [c.itemId, c.value === null ? null : JSON.stringify(parsed.get(c.itemId))]));
}

/** A change that sets (or clears) the value; without one it carries only the item's remark or flag. */
function hasValue(c: AnswerChange): boolean {
  return c.value !== undefined;
}

/** Items of the batch changed since baseVersion by other batches, whose stored value differs from the batch's. */
function conflictsSince(
  db: Db,
  a: AssessmentRow,
  baseVersion: number,
  changes: AnswerChange[],
  values: ReadonlyMap<string, string | null>,
): AnswerConflict[] {
  // A base ahead of the server cannot come from this server: treat every differing item as a conflict.
  const changedSince =
    baseVersion > a.version
      ? null
      : new Set(
          itemsChanged(db, a.id, baseVersion + 1, a.version),
        );
  const current = currentValue(db, a.id);
  const out: AnswerConflict[] = [];
  for (const c of changes) {
    if (!hasValue(c) || (changedSince && !changedSince.has(c.itemId))) continue;
    const server = current(c.itemId);
    if (server !== values.get(c.itemId))
      out.push({ itemId: c.itemId, serverValue: server === null ? null : JSON.parse(server), yourValue: c.value });
  }
  return out;
}

/**
 * Items whose value batches from version `from` to `to` changed, in item order: the changes stored, with the first
 * answers that are not (an item answered once and not rewritten since has no history row; its answer row carries
 * the version of the batch that wrote it — see writeBatch).
 */
function itemsChanged(db: Db, assessmentId: number, from: number, to: number): string[] {
  return statement(
    db,
    `SELECT item_id FROM answer_history WHERE assessment_id = @a AND version BETWEEN @from AND @to
     UNION
     SELECT k.item_id FROM answers v JOIN item_keys k ON k.id = v.item WHERE v.assessment_id = @a AND v.version BETWEEN @from AND @to
       AND NOT EXISTS (SELECT 1 FROM answer_history h WHERE h.assessment_id = @a AND h.item_id = k.item_id)
     ORDER BY item_id`,
  )
    .pluck()
    .all({ a: assessmentId, from, to }) as string[];
}

/** An answer row's item: the number item_keys gives its text id (migration 179). */
const ITEM_KEY = '(SELECT id FROM item_keys WHERE item_id = ?)';

function currentValue(db: Db, assessmentId: number): (itemId: string) => string | null {
  const stmt = statement(db, `SELECT value FROM answers WHERE assessment_id = ? AND item = ${ITEM_KEY}`).pluck();
  return (itemId) => decodeAnswerValue((stmt.get(assessmentId, itemId) as string | Buffer | undefined) ?? null);
}

function writeBatch(
  db: Db,
  a: AssessmentRow,
  userId: number,
  batchId: string,
  baseVersion: number,
  changes: AnswerChange[],
  values: ReadonlyMap<string, string | null>,
  now: string,
  contentHash: string | null = null,
): BatchResult {
  const stored = statement(db, `SELECT value, version, updated_by AS userId, updated_at AS at FROM answers WHERE assessment_id = ? AND item = ${ITEM_KEY}`);
  const newKey = statement(db, 'INSERT INTO item_keys (item_id) VALUES (?) ON CONFLICT (item_id) DO NOTHING');
  const hasHistory = statement(db, 'SELECT 1 FROM answer_history WHERE assessment_id = ? AND item_id = ? LIMIT 1').pluck();
  // Who wrote a row and when is its batch's row (by version; migration 152).
  const upsert = statement(db, 
    `INSERT INTO answers (assessment_id, item, value, basis, version)
     VALUES (@a, (SELECT id FROM item_keys WHERE item_id = @item), @value, @basis, @version)
     ON CONFLICT (assessment_id, item) DO UPDATE SET value = excluded.value,
       basis = CASE WHEN @keepBasis THEN answers.basis ELSE excluded.basis END,
       version = excluded.version, updated_by = NULL, updated_at = NULL`,
  );
  const remove = statement(db, `DELETE FROM answers WHERE assessment_id = ? AND item = ${ITEM_KEY}`);
  // Who, when and which batch are the batch's row; the new value is the next change's old value or the answer.
  const history = statement(db, 'INSERT INTO answer_history (assessment_id, version, item_id, old_value) VALUES (?, ?, ?, ?)');
  // A first answer is not written down as a change (it was nine tenths of the history): its answer row says it, by
  // the version it carries, until the row is first rewritten or removed — then that first answer becomes a history
  // row of its own (with the row's own user and time where no batch says them), before the change that follows it.
  const firstAnswer = statement(
    db,
    'INSERT INTO answer_history (assessment_id, version, item_id, old_value, user_id, changed_at) VALUES (?, ?, ?, NULL, ?, ?)',
  );
  const version = a.version + 1;
  const changedItems: string[] = [];
  // In item order: the key order of the answers table, so a batch's rows fill its pages.
  for (const c of [...changes].sort((x, y) => (x.itemId < y.itemId ? -1 : x.itemId > y.itemId ? 1 : 0))) {
    if (c.note !== undefined || c.flagged !== undefined) writeMarks(db, a.id, c, userId, now);
    if (!values.has(c.itemId)) continue;
    const row = stored.get(a.id, c.itemId) as { value: string | Buffer; version: number | null; userId: number | null; at: string | null } | undefined;
    const recorded = hasHistory.get(a.id, c.itemId) !== undefined;
    if (row !== undefined && !recorded)
      firstAnswer.run(a.id, row.version, c.itemId, row.version === null ? row.userId : null, row.version === null ? row.at : null);
    const oldValue = row === undefined ? null : decodeAnswerValue(row.value);
    const newValue = values.get(c.itemId) ?? null;
    if (newValue === null) remove.run(a.id, c.itemId);
    else {
      if (row === undefined) newKey.run(c.itemId);
      upsert.run({
        a: a.id,
        item: c.itemId,
        value: encodeAnswerValue(newValue),
        basis: encodeBasis(c.basis ?? null),
        version,
        keepBasis: c.basis === undefined ? 1 : 0,
      });
    }
    if (oldValue !== newValue) {
      // Not for a first answer: the row just written records it.
      if (row !== undefined || recorded) history.run(a.id, version, c.itemId, oldValue);
      changedItems.push(c.itemId);
    }
  }
  statement(db, 
    'INSERT INTO answer_batches (assessment_id, batch_id, base_version, result_version, user_id, applied_at, content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(a.id, batchId, baseVersion, version, userId, now, contentHash);
  const bumped = statement(db, `UPDATE assessments SET version = ?, updated_at = ? WHERE id = ? AND version = ?`)
    .run(version, now, a.id, a.version);
  // Cannot happen inside an immediate transaction; guards against a caller outside one.
  if (bumped.changes !== 1) throw new Error(`assessment ${a.id} changed during a batch`);
  a.version = version;
  return { batchId, version, changedItems };
}

/** Sets the remark and/or flag the change carries (omitted ones are kept); a row with neither left is removed. */
function writeMarks(db: Db, assessmentId: number, c: AnswerChange, userId: number, now: string): void {
  statement(
    db,
    `INSERT INTO item_marks (assessment_id, item_id, note, flagged, updated_by, updated_at)
     VALUES (@a, @item, @note, @flagged, @user, @now)
     ON CONFLICT (assessment_id, item_id) DO UPDATE SET
       note = CASE WHEN @keepNote THEN item_marks.note ELSE excluded.note END,
       flagged = CASE WHEN @keepFlag THEN item_marks.flagged ELSE excluded.flagged END,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run({
    a: assessmentId,
    item: c.itemId,
    note: c.note || null,
    flagged: c.flagged ? 1 : 0,
    keepNote: c.note === undefined ? 1 : 0,
    keepFlag: c.flagged === undefined ? 1 : 0,
    user: userId,
    now,
  });
  statement(db, 'DELETE FROM item_marks WHERE assessment_id = ? AND item_id = ? AND note IS NULL AND flagged = 0').run(assessmentId, c.itemId);
}

/**
 * The changes of an assessment's answers (of one item), oldest first. A change stores the value it replaced and the
 * version of its batch (migration 151): who, when and the batch id come from the batch's row, and the value it set
 * is the item's next change's old value, or the current answer for its latest change. An item answered once and not
 * rewritten since has no stored change: its answer row is that first answer (id null; see writeBatch).
 */
export function answerHistory(db: Db, assessmentId: number, itemId?: string): AnswerHistoryRow[] {
  const rows = statement(
    db,
    `WITH changes AS (
       SELECT h.id, h.version, h.item_id, h.old_value, h.new_value, h.user_id, h.batch_id, h.changed_at
       FROM answer_history h WHERE h.assessment_id = @a AND (@item IS NULL OR h.item_id = @item)
       UNION ALL
       SELECT NULL, v.version, k.item_id, NULL, v.value, v.updated_by, NULL, v.updated_at
       FROM answers v JOIN item_keys k ON k.id = v.item WHERE v.assessment_id = @a AND (@item IS NULL OR k.item_id = @item)
         AND NOT EXISTS (SELECT 1 FROM answer_history o WHERE o.assessment_id = @a AND o.item_id = k.item_id))
     SELECT c.id, c.item_id AS itemId, c.old_value AS oldValue, c.new_value AS newValue, u.id AS userId,
            u.display_name AS userName, COALESCE(c.batch_id, b.batch_id) AS batchId, COALESCE(c.changed_at, b.applied_at) AS changedAt
     FROM changes c
     LEFT JOIN answer_batches b ON b.assessment_id = @a AND b.result_version = c.version
     JOIN users u ON u.id = COALESCE(c.user_id, b.user_id)
     ORDER BY c.version NULLS FIRST, c.item_id, c.id`,
  ).all({ a: assessmentId, item: itemId ?? null }) as (Omit<AnswerHistoryRow, 'oldValue' | 'newValue'> & {
    oldValue: string | null;
    newValue: string | Buffer | null; // a first answer's is its stored value
  })[];
  const current = currentValue(db, assessmentId);
  // Walking back from the latest change: what each item held after its change.
  const after = new Map<string, string | null>();
  const out: AnswerHistoryRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    const setTo = decodeAnswerValue(r.newValue) ?? (after.has(r.itemId) ? after.get(r.itemId)! : current(r.itemId));
    after.set(r.itemId, r.oldValue);
    out.push({ ...r, oldValue: r.oldValue === null ? null : JSON.parse(r.oldValue), newValue: setTo === null ? null : JSON.parse(setTo) });
  }
  return out.reverse();
}
