/**
 * Assessments (诊断): creation pinned to the industry's current questionnaire, scoped reads, and the
 * status workflow draft → submitted → reviewed → issued (reopen: submitted → draft). Submitting validates the
 * stored answers, scores them and opens one rectification per finding, all in one transaction.
 * Who may do what in which status is the table in domain/workflow.ts; a user who cannot see the enterprise
 * at all gets 404. Results (scores, findings, rectifications) of a field assessment reach the enterprise's own users
 * only once the report is issued: they gave the answers and see them throughout, but the diagnosis is not theirs
 * until it is reviewed and issued.
 */
import type { Statement } from 'better-sqlite3';
import { decodeAnswerValue, decodeBasis } from '../db/answer-value.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { decodeScore, decodeScoreHead, encodeScore, type ScoreHead, type StoredScore as StoredScoreRow } from '../db/score-record.js';
import type { SessionUser } from '../domain/roles.js';
import type { Answers, AnswerValue } from '../domain/questionnaire/answers.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { missingRequired, validateAnswers } from '../domain/questionnaire/validate-answers.js';
import type { EvidenceBasisCode, VariantCode } from '../domain/questionnaire/schema.js';
import { score, type ScoreOptions, type ScoreResult } from '../domain/scoring/index.js';
import type { FindingEntry } from '../domain/scoring/types.js';
import { nextLevelPlan, type NextLevelPlan } from '../domain/scoring/next-level.js';
import { HttpError, conflict, forbidden, notFound } from '../http/errors.js';
import { ASSESSMENT_CREATORS, ASSESSMENT_WORKFLOW, roleMay, type AssessmentAction } from '../domain/workflow.js';
import { canAccessEnterprise, enterpriseScope, oneEnterpriseScope } from './access.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import { pageParams, where } from '../db/where.js';
import {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS as STATUS_LABELS,
  type AssessmentKind,
  type AssessmentStatus,
} from '../domain/vocabularies.js';
import type { AssessmentEvent, AssessmentRow } from '../schemas/assessments.js';
import type { Paging } from '../schemas/common.js';
import { resolveDistrictFilter } from './districts.js';

export type { AssessmentRow, AssessmentEvent };

const SELECT_ASSESSMENT = `
  SELECT a.id, a.enterprise_id AS enterpriseId, e.name AS enterpriseName, e.district_id AS districtId,
         d.name AS districtName, e.industry_code AS industryCode, a.kind, a.status,
         a.questionnaire_id AS questionnaireId, a.questionnaire_version AS questionnaireVersion, a.version,
         a.created_by AS createdBy, a.created_at AS createdAt, a.updated_at AS updatedAt,
         a.submitted_at AS submittedAt, a.reviewed_at AS reviewedAt, a.issued_at AS issuedAt,
         s.classification_score AS classificationScore, s.risk_level AS riskLevel, s.maturity_level AS maturityLevel,
         s.maturity_mean AS maturityMean, s.scoring_model AS scoringModel, s.scored_at AS scoredAt,
         (SELECT COALESCE(SUM(f.n), 0) FROM finding_counts f WHERE f.assessment_id = a.id) AS findings
  FROM assessments a
  JOIN enterprises e ON e.id = a.enterprise_id
  JOIN districts d ON d.id = e.district_id
  LEFT JOIN scores s ON s.assessment_id = a.id`;

type RawRow = Omit<AssessmentRow, 'score'> & {
  classificationScore: number | null;
  riskLevel: string | null;
  maturityLevel: number | null;
  maturityMean: number | null;
  scoringModel: string | null;
  scoredAt: string | null;
  findings: number;
};

// Field by field (a rest pattern copies slowly); the object type makes tsc name any field of AssessmentRow left out.
function shape(r: RawRow): AssessmentRow {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtId: r.districtId,
    districtName: r.districtName,
    industryCode: r.industryCode,
    kind: r.kind,
    status: r.status,
    questionnaireId: r.questionnaireId,
    questionnaireVersion: r.questionnaireVersion,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    issuedAt: r.issuedAt,
    score:
      r.classificationScore === null
        ? null
        : {
            classificationScore: r.classificationScore,
            riskLevel: r.riskLevel!,
            maturityLevel: r.maturityLevel!,
            maturityMean: r.maturityMean!,
            findings: r.findings,
            scoringModel: r.scoringModel!,
            scoredAt: r.scoredAt!,
          },
  };
}

/**
 * getAssessment reads its row as values: making the row object was a third of the call, which every rectification
 * change makes. The values come in SELECT_ASSESSMENT's column order, checked against each statement once.
 */
type RowValues = [
  id: number,
  enterpriseId: number,
  enterpriseName: string,
  districtId: number,
  districtName: string,
  industryCode: string,
  kind: AssessmentRow['kind'],
  status: AssessmentRow['status'],
  questionnaireId: string,
  questionnaireVersion: string,
  version: number,
  createdBy: number,
  createdAt: string,
  updatedAt: string,
  submittedAt: string | null,
  reviewedAt: string | null,
  issuedAt: string | null,
  classificationScore: number | null,
  riskLevel: string | null,
  maturityLevel: number | null,
  maturityMean: number | null,
  scoringModel: string | null,
  scoredAt: string | null,
  findings: number,
];
const ROW_COLUMNS = [
  'id', 'enterpriseId', 'enterpriseName', 'districtId', 'districtName', 'industryCode', 'kind', 'status', 'questionnaireId',
  'questionnaireVersion', 'version', 'createdBy', 'createdAt', 'updatedAt', 'submittedAt', 'reviewedAt', 'issuedAt',
  'classificationScore', 'riskLevel', 'maturityLevel', 'maturityMean', 'scoringModel', 'scoredAt', 'findings',
] satisfies (keyof RawRow)[];

function shapeValues(v: RowValues): AssessmentRow {
  return {
    id: v[0],
    enterpriseId: v[1],
    enterpriseName: v[2],
    districtId: v[3],
    districtName: v[4],
    industryCode: v[5],
    kind: v[6],
    status: v[7],
    questionnaireId: v[8],
    questionnaireVersion: v[9],
    version: v[10],
    createdBy: v[11],
    createdAt: v[12],
    updatedAt: v[13],
    submittedAt: v[14],
    reviewedAt: v[15],
    issuedAt: v[16],
    score:
      v[17] === null
        ? null
        : {
            classificationScore: v[17],
            riskLevel: v[18]!,
            maturityLevel: v[19]!,
            maturityMean: v[20]!,
            findings: v[23],
            scoringModel: v[21]!,
            scoredAt: v[22]!,
          },
  };
}

/** The one-row query per scope condition, built once: the same string each time is a cheap statement look-up. */
const oneAssessmentSql = new Map<string, string>();
const checkedStatements = new WeakSet<Statement>();

/** The assessment if the user may see its enterprise; 404 otherwise, so existence does not leak. */
export function getAssessment(db: Db, user: SessionUser, id: number): AssessmentRow {
  const scope = oneEnterpriseScope(user);
  let sql = oneAssessmentSql.get(scope.sql);
  if (sql === undefined) oneAssessmentSql.set(scope.sql, (sql = `${SELECT_ASSESSMENT} WHERE a.id = ? AND ${scope.sql}`));
  const stmt = statement(db, sql);
  if (!checkedStatements.has(stmt)) {
    const names = stmt.columns().map((c) => c.name);
    if (names.join() !== ROW_COLUMNS.join()) throw new Error(`getAssessment reads columns ${names.join()}, not ROW_COLUMNS`);
    stmt.raw();
    checkedStatements.add(stmt);
  }
  const values = stmt.get(id, ...scope.params) as RowValues | undefined;
  if (!values) throw notFound('诊断');
  return shapeFor(user, shapeValues(values));
}

/** Whether the user may see the assessment's scores and findings (see the module comment). */
export function resultsVisible(user: SessionUser, a: Pick<AssessmentRow, 'kind' | 'status'>): boolean {
  return !(user.role === 'enterprise' && a.kind === 'field' && a.status !== 'issued');
}

export function requireResultsVisible(user: SessionUser, a: Pick<AssessmentRow, 'kind' | 'status'>): void {
  if (!resultsVisible(user, a))
    throw new HttpError(403, 'results_not_issued', '现场诊断的得分和发现的问题在诊断报告出具后才能查看');
}

function shapeFor(user: SessionUser, a: AssessmentRow): AssessmentRow {
  return resultsVisible(user, a) ? a : { ...a, score: null };
}

/** 403 unless the user's role may take the action on this kind of assessment (domain/workflow.ts). */
export function requireCapability(user: SessionUser, a: Pick<AssessmentRow, 'kind'>, action: AssessmentAction): void {
  // Callers have already established that the user can see the enterprise (getAssessment).
  if (!roleMay(user.role, a.kind, action)) throw forbidden(`当前账号无权${ASSESSMENT_WORKFLOW[action].label}`);
}

/** 409 unless the assessment is in the status the action starts from. */
function requireStatus(a: AssessmentRow, action: AssessmentAction, message: string): void {
  if (a.status !== ASSESSMENT_WORKFLOW[action].from) throw conflict(message);
}

export function requireDraft(a: AssessmentRow, action: string): void {
  if (a.status !== 'draft')
    throw conflict(`诊断当前状态为“${STATUS_LABELS[a.status]}”，只有填写中的诊断可以${action}；如需修改请先退回`);
}

// ---------- listing ----------

export interface ListFilter extends Paging {
  status?: AssessmentStatus;
  kind?: AssessmentKind;
  /** A district id, code or name as people write it (400 when unknown). */
  district?: string;
  industry?: string;
  enterprise?: number;
}

export function listAssessments(db: Db, user: SessionUser, f: ListFilter): { items: AssessmentRow[]; total: number } & Paging {
  const w = where(enterpriseScope(user))
    .optional('a.status = ?', f.status)
    .optional('a.kind = ?', f.kind)
    .optional('e.district_id = ?', resolveDistrictFilter(db, f.district))
    .optional('e.industry_code = ?', f.industry)
    .optional('a.enterprise_id = ?', f.enterprise);
  // The enterprise only when a condition reads it: the bureau's count through 100,000 enterprise look-ups took 20 ms.
  const from = /\be\./.test(w.sql) ? 'assessments a JOIN enterprises e ON e.id = a.enterprise_id' : 'assessments a';
  const total = db.prepare(`SELECT COUNT(*) FROM ${from} WHERE ${w.sql}`).pluck().get(...w.params) as number;
  // The page of ids first (walking the updated_at indexes), then the display columns for those ids only.
  const ids = db
    .prepare(`SELECT a.id FROM ${from} WHERE ${w.sql} ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, ...pageParams(f.page, f.pageSize)) as number[];
  const byId = new Map(
    (db.prepare(`${SELECT_ASSESSMENT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RawRow[])
      .map((r) => [r.id, r]),
  );
  return { items: ids.map((id) => shapeFor(user, shape(byId.get(id)!))), total, page: f.page, pageSize: f.pageSize };
}

// ---------- creation ----------

/** The questionnaire an assessment is pinned to; 409 when that version is no longer known to the server. */
export function pinnedQuestionnaire(registry: QuestionnaireRegistry, a: Pick<AssessmentRow, 'questionnaireId' | 'questionnaireVersion'>): Questionnaire {
  const q = registry.get(a.questionnaireId, a.questionnaireVersion);
  if (!q) throw conflict(`诊断所用问卷 ${a.questionnaireId}（版本 ${a.questionnaireVersion}）未找到，请联系管理员`);
  return q;
}

export function createAssessment(
  db: Db,
  registry: QuestionnaireRegistry,
  user: SessionUser,
  input: { enterpriseId: number; kind: AssessmentKind; variant?: VariantCode },
  now: string,
): AssessmentRow {
  if (!canAccessEnterprise(db, user, input.enterpriseId)) throw notFound('企业');
  if (input.kind === 'self' && !ASSESSMENT_CREATORS.self.includes(user.role))
    throw forbidden('自评估只能由企业用户为本企业发起；诊断人员请发起现场诊断（kind: field）');
  if (input.kind === 'field' && !ASSESSMENT_CREATORS.field.includes(user.role))
    throw forbidden(user.role === 'enterprise' ? '企业用户只能发起自评估（kind: self）' : '当前账号无权发起现场诊断');
  const ent = statement(
    db,
    `SELECT e.refused, i.questionnaire_id AS questionnaireId FROM enterprises e
     JOIN industries i ON i.code = e.industry_code WHERE e.id = ?`,
  ).get(input.enterpriseId) as { refused: number; questionnaireId: string };
  if (ent.refused) throw conflict('该企业已登记为拒绝诊断，请先在企业信息中取消“拒绝诊断”后再发起');
  const q = registry.current(ent.questionnaireId);
  if (!q) throw conflict(`该企业所属行业的问卷（${ent.questionnaireId}）尚未加载，请联系管理员`);

  const id = db.transaction(() => {
    // One open draft per enterprise and kind: a double click or a second device must not fork the work.
    assertNoOpenDraft(db, input.enterpriseId, input.kind, '请继续填写该份');
    const { lastInsertRowid } = statement(
      db,
      `INSERT INTO assessments (enterprise_id, kind, questionnaire_id, questionnaire_version, created_by, variant, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.enterpriseId, input.kind, q.id, q.version, user.id, input.variant ?? 'full', now, now);
    const newId = Number(lastInsertRowid);
    recordEvent(db, newId, 'create', null, 'draft', null, user.id, now);
    return newId;
  }).immediate();
  return getAssessment(db, user, id);
}

/** 409 draft_exists, naming the open draft of this enterprise and kind, when there is one. */
function assertNoOpenDraft(db: Db, enterpriseId: number, kind: AssessmentKind, advice: string): void {
  const open = statement(db, `SELECT id FROM assessments WHERE enterprise_id = ? AND kind = ? AND status = 'draft'`)
    .pluck()
    .get(enterpriseId, kind) as number | undefined;
  if (open !== undefined)
    throw new HttpError(409, 'draft_exists', `该企业已有一份填写中的${ASSESSMENT_KIND_LABELS[kind]}（编号 ${open}），${advice}`, {
      assessmentId: open,
    });
}

// ---------- answers as stored ----------

export interface StoredAnswers {
  answers: Answers;
  /** Remarks by item id, answered or not. */
  notes: Record<string, string>;
  /** Items marked 待核实 (to check). */
  flags: string[];
  /** Evidence basis by item, where recorded. */
  basis: Record<string, EvidenceBasisCode>;
}

export function storedAnswers(db: Db, assessmentId: number): StoredAnswers {
  const rows = statement(
    db,
    'SELECT k.item_id AS itemId, v.value, v.basis FROM answers v JOIN item_keys k ON k.id = v.item WHERE v.assessment_id = ? ORDER BY k.item_id',
  )
    .all(assessmentId) as { itemId: string; value: string | Buffer; basis: number | null }[];
  const answers: Answers = {};
  const basis: Record<string, EvidenceBasisCode> = {};
  for (const r of rows) {
    answers[r.itemId] = JSON.parse(decodeAnswerValue(r.value)) as AnswerValue;
    const code = decodeBasis(r.basis);
    if (code) basis[r.itemId] = code;
  }
  const marks = statement(db, 'SELECT item_id AS itemId, note, flagged FROM item_marks WHERE assessment_id = ? ORDER BY item_id')
    .all(assessmentId) as { itemId: string; note: string | null; flagged: number }[];
  const notes: Record<string, string> = {};
  const flags: string[] = [];
  for (const m of marks) {
    if (m.note) notes[m.itemId] = m.note;
    if (m.flagged) flags.push(m.itemId);
  }
  return { answers, notes, flags, basis };
}

const SCORE_SQL = 'SELECT result, detail, detail_format AS detailFormat FROM scores WHERE assessment_id = ?';

export function storedScore(db: Db, assessmentId: number): ScoreResult | undefined {
  const row = statement(db, SCORE_SQL).get(assessmentId) as StoredScoreRow | undefined;
  return row === undefined ? undefined : decodeScore(db, row);
}

/** The readable head of the stored score (scoring model, variant, summary): no decompression. */
export function storedScoreHead(db: Db, assessmentId: number): ScoreHead | undefined {
  const result = statement(db, 'SELECT result FROM scores WHERE assessment_id = ?').pluck().get(assessmentId) as string | undefined;
  return result === undefined ? undefined : decodeScoreHead(result);
}

/**
 * The findings of the stored score by item id. Rectification pages show the finding with each row, and one
 * assessment's rows come together: the decoded findings of the last few assessments are kept, each checked against
 * the stored bytes on every call, so a re-score is never served stale.
 */
export function storedFindings(db: Db, assessmentId: number): ReadonlyMap<string, FindingEntry> {
  const row = statement(db, SCORE_SQL).get(assessmentId) as StoredScoreRow | undefined;
  if (row === undefined) return new Map();
  let cache = findingCaches.get(db);
  if (!cache) findingCaches.set(db, (cache = new Map()));
  const hit = cache.get(assessmentId);
  if (hit && hit.row.result === row.result && hit.row.detailFormat === row.detailFormat && (hit.row.detail === row.detail || (hit.row.detail && row.detail && hit.row.detail.equals(row.detail))))
    return hit.findings;
  const findings = new Map(decodeScore(db, row).findings.map((f) => [f.itemId, f]));
  cache.delete(assessmentId);
  cache.set(assessmentId, { row, findings });
  if (cache.size > FINDING_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return findings;
}
// The rectifications opened one after another from the work list, and a bulk acceptance of up to 200 rows, read the
// findings of the same assessments again and again, each a decode of its stored score (2–7 ms): read from here.
const FINDING_CACHE_SIZE = 256;
const findingCaches = new WeakMap<Db, Map<number, { row: StoredScoreRow; findings: ReadonlyMap<string, FindingEntry> }>>();

export function assessmentEvents(db: Db, assessmentId: number): AssessmentEvent[] {
  return db
    .prepare(
      `SELECT ev.action, ev.from_status AS fromStatus, ev.to_status AS toStatus, ev.reason, ev.user_id AS userId,
              u.display_name AS userName, ev.at
       FROM assessment_events ev JOIN users u ON u.id = ev.user_id WHERE ev.assessment_id = ? ORDER BY ev.id`,
    )
    .all(assessmentId) as AssessmentEvent[];
}

function recordEvent(
  db: Db,
  assessmentId: number,
  action: string,
  from: string | null,
  to: string,
  reason: string | null,
  userId: number,
  at: string,
): void {
  statement(
    db,
    'INSERT INTO assessment_events (assessment_id, action, from_status, to_status, reason, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(assessmentId, action, from, to, reason, userId, at);
}

// ---------- transitions ----------

/** 422 with every blocking problem: answer errors and unanswered required items, by item id. */
export class AnswersInvalidError extends HttpError {
  constructor(problems: { itemId: string; message: string }[]) {
    super(422, 'answers_invalid', `问卷还有 ${problems.length} 处问题需要处理后才能提交：${problems.slice(0, 3).map((p) => p.message).join('；')}`, { problems });
  }
}

/** The variant the assessment was started with (快速 / 深度). */
export function assessmentVariant(db: Db, assessmentId: number): VariantCode {
  return (statement(db, 'SELECT variant FROM assessments WHERE id = ?').pluck().get(assessmentId) as VariantCode | undefined) ?? 'full';
}

/** The stored answers of an assessment with the metadata scoring reads (variant, evidence basis, notes). */
export function scoringInput(db: Db, assessmentId: number): { answers: Answers; options: ScoreOptions } {
  const { answers, notes, basis } = storedAnswers(db, assessmentId);
  return { answers, options: { variant: assessmentVariant(db, assessmentId), notes, basis } };
}

/**
 * What would raise the enterprise's maturity level next, from the submitted answers on the pinned questionnaire
 * (domain/scoring/next-level.ts); the same visibility as the score.
 */
export function nextLevel(db: Db, registry: QuestionnaireRegistry, user: SessionUser, id: number): NextLevelPlan {
  const a = getAssessment(db, user, id);
  requireResultsVisible(user, a);
  if (a.status === 'draft') throw notFound('得分结果（诊断尚未提交）');
  const input = scoringInput(db, id);
  const q = pinnedQuestionnaire(registry, a);
  return nextLevelPlan(q, validateAnswers(q, input.answers).answers, input.options);
}

/** Validates and scores answers; throws AnswersInvalidError when they cannot be submitted. */
export function scoreForSubmit(q: Questionnaire, raw: Answers, options: ScoreOptions = {}): ScoreResult {
  const { answers, problems } = validateAnswers(q, raw);
  const blocking = problems.filter((p) => p.level === 'error').map(({ itemId, message }) => ({ itemId, message }));
  for (const itemId of missingRequired(q, answers))
    blocking.push({ itemId, message: `必答题目 ${itemId}（${q.itemById.get(itemId)!.def.label}）尚未作答` });
  if (blocking.length > 0) throw new AnswersInvalidError(blocking);
  return score(q, answers, options);
}

/** Stores a score and opens a rectification for each finding; call inside the submitting transaction. */
export function storeScore(db: Db, assessmentId: number, result: ScoreResult, scoredAt: string): void {
  const stored = encodeScore(db, result);
  statement(
    db,
    `INSERT INTO scores (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
       classification_score, risk_level, maturity_level, maturity_mean, result, detail, detail_format, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id) DO UPDATE SET questionnaire_id = excluded.questionnaire_id,
       questionnaire_version = excluded.questionnaire_version, questionnaire_hash = excluded.questionnaire_hash,
       scoring_model = excluded.scoring_model, classification_score = excluded.classification_score,
       risk_level = excluded.risk_level, maturity_level = excluded.maturity_level, maturity_mean = excluded.maturity_mean,
       result = excluded.result, detail = excluded.detail, detail_format = excluded.detail_format, scored_at = excluded.scored_at`,
  ).run(
    assessmentId,
    result.questionnaire.id,
    result.questionnaire.version,
    result.questionnaire.hash,
    result.scoringModel,
    result.classification.score,
    result.risk.level,
    result.maturity.level,
    result.maturity.mean,
    stored.result,
    stored.detail,
    stored.detailFormat,
    scoredAt,
  );
  // A finding that is already open and unchanged (re-scoring with the same model) is not written: the summaries'
  // triggers would run for nothing.
  const open = statement(
    db,
    `INSERT INTO rectifications (assessment_id, item_id, priority, section_id, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, item_id) DO UPDATE SET priority = excluded.priority, section_id = excluded.section_id
     WHERE rectifications.priority IS NOT excluded.priority OR rectifications.section_id IS NOT excluded.section_id`,
  );
  for (const f of result.findings) open.run(assessmentId, f.itemId, f.priority, f.sectionId, scoredAt);
}

export function submitAssessment(db: Db, registry: QuestionnaireRegistry, user: SessionUser, id: number, now: string): AssessmentRow {
  db.transaction(() => {
    const a = getAssessment(db, user, id);
    requireCapability(user, a, 'submit');
    requireDraft(a, '提交');
    const q = pinnedQuestionnaire(registry, a);
    const input = scoringInput(db, id);
    const result = scoreForSubmit(q, input.answers, input.options);
    storeScore(db, id, result, now);
    statement(
      db,
      `UPDATE assessments SET status = 'submitted', submitted_at = ?, submitted_by = ?, updated_at = ? WHERE id = ?`,
    ).run(now, user.id, now, id);
    recordEvent(db, id, 'submit', 'draft', 'submitted', null, user.id, now);
  }).immediate();
  return getAssessment(db, user, id);
}

/** The columns that record when and by whom a forward step was taken, and its name in messages. */
const FORWARD = {
  review: { column: 'reviewed', label: '审核' },
  issue: { column: 'issued', label: '出具报告' },
} as const;

export function advanceAssessment(db: Db, user: SessionUser, id: number, action: keyof typeof FORWARD, now: string): AssessmentRow {
  const t = { ...FORWARD[action], ...ASSESSMENT_WORKFLOW[action] };
  db.transaction(() => {
    const a = getAssessment(db, user, id);
    requireCapability(user, a, action);
    requireStatus(a, action, `诊断当前状态为“${STATUS_LABELS[a.status]}”，只有“${STATUS_LABELS[t.from]}”的诊断可以${t.label}`);
    statement(
      db,
      `UPDATE assessments SET status = ?, ${t.column}_at = ?, ${t.column}_by = ?, updated_at = ? WHERE id = ?`,
    ).run(t.to, now, user.id, now, id);
    recordEvent(db, id, action, t.from, t.to, null, user.id, now);
  }).immediate();
  return getAssessment(db, user, id);
}

/**
 * Back to draft from submitted. The score and the still-untouched rectifications of the withdrawn submission
 * are removed (rectification work only starts after review, so none has history); answers, answer history
 * and the event log are kept.
 */
export function reopenAssessment(db: Db, user: SessionUser, id: number, reason: string, now: string): AssessmentRow {
  db.transaction(() => {
    const a = getAssessment(db, user, id);
    requireCapability(user, a, 'reopen');
    requireStatus(a, 'reopen', `诊断当前状态为“${STATUS_LABELS[a.status]}”，只有“已提交”且尚未审核的诊断可以退回修改`);
    // A new draft may have been started after this one was submitted: reopening must not make a second one.
    assertNoOpenDraft(db, a.enterpriseId, a.kind, '不能再退回本诊断；请在该份中继续修改');
    db.prepare('DELETE FROM rectifications WHERE assessment_id = ?').run(id);
    db.prepare('DELETE FROM scores WHERE assessment_id = ?').run(id);
    db.prepare(
      `UPDATE assessments SET status = 'draft', submitted_at = NULL, submitted_by = NULL, updated_at = ? WHERE id = ?`,
    ).run(now, id);
    recordEvent(db, id, 'reopen', 'submitted', 'draft', reason, user.id, now);
  }).immediate();
  return getAssessment(db, user, id);
}
