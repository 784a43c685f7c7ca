/**
 * Issued diagnosis reports (诊断报告). Issuing renders the report and its annex (附件) once, stores both PDFs under
 * <data>/reports, each with its SHA-256, under one verification code (the annex carries the code as text; the report
 * its QR code too), gives the report a number <city>-<year>-<serial>, and moves a reviewed assessment to
 * issued; later downloads serve the stored bytes (reports issued before annexes existed are one file). Issuing again
 * (an issued assessment re-scored, or corrected enterprise data) makes a new report with a new number and marks the
 * previous one superseded by it.
 *
 * Who issues is the workflow's `issue` action (domain/workflow.ts): district officer (own district), bureau, admin —
 * for field assessments and self-assessments alike; a self-assessment's report is titled 企业自评估 and says it was
 * not verified on site. Diagnosticians and enterprise users never issue. Reading follows the enterprise scope
 * (services/access.ts): an enterprise user sees its own enterprise's reports, a diagnostician the assigned ones, a
 * district officer its district's; anything else is 404. Verification is public and shows only the report number,
 * the enterprise name, the issue date and the SHA-256; an uploaded file is checked byte for byte and answered with
 * the number and the enterprise name only when it is an issued report.
 */
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open.js';
import { referenceData } from '../db/reference-data.js';
import type { SessionUser } from '../domain/roles.js';
import { ASSESSMENT_STATUS_LABELS } from '../domain/vocabularies.js';
import { conflict, notFound } from '../http/errors.js';
import { renderAnnexPdf, renderReportPdf } from '../report/document.js';
import { buildReportModel, REPORT_MODEL_VERSION, type PeerGroupInput, type ReportInput, type ReportModel } from '../report/model.js';
import type { PdfRenderer } from '../report/renderer.js';
import { REPORT_PARTS, type ReportPart, type ReportRow } from '../schemas/reports.js';
import { enterpriseScope } from './access.js';
import { getAssessment, pinnedQuestionnaire, requireCapability, storedAnswers, storedScore, storedScoreHead, type AssessmentRow } from './assessments.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';

export type { ReportRow };

/** The organisation printed on the cover as issuer. */
export const ISSUER_SUFFIX = '工业和信息化局';

/** Crockford base32 without I, L, O, U: nothing to misread when typed from paper. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newVerificationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** What people type: any case, with or without dashes and spaces; O/I/L read as 0/1/1. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(s)) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

const SELECT_REPORT = `
  SELECT r.id, r.assessment_id AS assessmentId, r.enterprise_id AS enterpriseId, e.name AS enterpriseName,
         r.number, r.verification_code AS verificationCode, r.issued_at AS issuedAt, r.kind,
         r.superseded_by AS supersededBy, r.sha256, r.size, r.annex_sha256 AS annexSha256, r.annex_size AS annexSize
  FROM reports r JOIN enterprises e ON e.id = r.enterprise_id`;

export function listReports(db: Db, user: SessionUser, filter: { enterpriseId?: number; assessmentId?: number }): ReportRow[] {
  const scope = enterpriseScope(user);
  const params: (number | string)[] = [...scope.params];
  let sql = `${SELECT_REPORT} WHERE ${scope.sql}`;
  if (filter.enterpriseId !== undefined) (sql += ' AND r.enterprise_id = ?'), params.push(filter.enterpriseId);
  if (filter.assessmentId !== undefined) (sql += ' AND r.assessment_id = ?'), params.push(filter.assessmentId);
  return db.prepare(`${sql} ORDER BY r.issued_at DESC, r.id DESC`).all(...params) as ReportRow[];
}

export function getReport(db: Db, user: SessionUser, id: number): ReportRow & { filePath: string; annexFilePath: string | null } {
  const scope = enterpriseScope(user);
  const row = db
    .prepare(`${SELECT_REPORT.replace('r.size,', 'r.size, r.file_path AS filePath, r.annex_file_path AS annexFilePath,')} WHERE r.id = ? AND ${scope.sql}`)
    .get(id, ...scope.params) as (ReportRow & { filePath: string; annexFilePath: string | null }) | undefined;
  if (!row) throw notFound('诊断报告');
  return row;
}

export interface VerifyResult {
  number: string;
  enterpriseName: string;
  issuedAt: string;
  sha256: string;
  annexSha256: string | null;
}

/** The public answer to a verification code: the four facts on the cover, nothing of the content. */
export function verifyReport(db: Db, code: string): VerifyResult {
  const normalised = normaliseCode(code);
  const row =
    normalised &&
    (db
      .prepare(
        `SELECT r.number, e.name AS enterpriseName, r.issued_at AS issuedAt, r.sha256, r.annex_sha256 AS annexSha256
         FROM reports r JOIN enterprises e ON e.id = r.enterprise_id WHERE r.verification_code = ?`,
      )
      .get(normalised) as VerifyResult | undefined);
  if (!row) throw notFound('该验证码对应的诊断报告');
  return row;
}

/** Upper limit of a PDF uploaded for verification: far above any issued report. */
export const VERIFY_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface FileVerifyResult {
  match: boolean;
  number?: string;
  enterpriseName?: string;
  part?: ReportPart;
}

/**
 * Whether uploaded bytes are an issued report or an issued annex, byte for byte (SHA-256 and size). Only on a match
 * does the answer name the report number, the enterprise and which file it is; otherwise it says nothing.
 */
export function verifyReportFile(db: Db, pdf: Buffer): FileVerifyResult {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  for (const part of REPORT_PARTS) {
    const [hash, size] = part === 'report' ? ['r.sha256', 'r.size'] : ['r.annex_sha256', 'r.annex_size'];
    const row = db
      .prepare(
        `SELECT r.number, e.name AS enterpriseName FROM reports r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE ${hash} = ? AND ${size} = ? ORDER BY r.id LIMIT 1`,
      )
      .get(sha256, pdf.length) as { number: string; enterpriseName: string } | undefined;
    if (row) return { match: true, ...row, part };
  }
  return { match: false };
}

// ---------- the report's input ----------

function peerGroups(db: Db, enterpriseId: number): { industry: PeerGroupInput; district: PeerGroupInput } {
  const e = db
    .prepare(
      `SELECT e.industry_code AS industry, i.name AS industryName, e.district_id AS district, d.name AS districtName
       FROM enterprises e JOIN industries i ON i.code = e.industry_code JOIN districts d ON d.id = e.district_id WHERE e.id = ?`,
    )
    .get(enterpriseId) as { industry: string; industryName: string; district: number; districtName: string };
  // The latest reviewed or issued field assessment of each enterprise, scored with model 2.x.
  const members = (column: string, value: string | number) =>
    db
      .prepare(
        `SELECT s.classification_score AS classification, s.maturity_mean AS maturityMean,
                (SELECT COALESCE(SUM(f.n), 0) FROM finding_counts f WHERE f.assessment_id = a.id) AS findings
         FROM assessments a JOIN scores s ON s.assessment_id = a.id JOIN enterprises e ON e.id = a.enterprise_id
         WHERE ${column} = ? AND a.kind = 'field' AND a.status IN ('reviewed', 'issued') AND s.scoring_model LIKE '2.%'
           AND a.id = (SELECT MAX(a2.id) FROM assessments a2 JOIN scores s2 ON s2.assessment_id = a2.id
                       WHERE a2.enterprise_id = a.enterprise_id AND a2.kind = 'field' AND a2.status IN ('reviewed', 'issued'))`,
      )
      .all(value) as PeerGroupInput['members'];
  return {
    industry: { label: `同行业（${e.industryName}）`, members: members('e.industry_code', e.industry) },
    district: { label: `同区域（${e.districtName}）`, members: members('e.district_id', e.district) },
  };
}

/** The report model of an assessment: a draft preview (issue = null) or the issued report. */
export function reportModel(
  db: Db,
  registry: QuestionnaireRegistry,
  a: AssessmentRow,
  issue: ReportInput['issue'],
): ReportModel {
  const result = storedScore(db, a.id);
  if (!result || !result.scoringModel.startsWith('2.')) throw conflict('该诊断尚无可用于报告的得分结果（评分模型 2.x），请先提交或重新评分');
  const ent = db
    .prepare(
      `SELECT e.name, e.credit_code AS creditCode, d.name AS district, i.name AS industry
       FROM enterprises e JOIN districts d ON d.id = e.district_id JOIN industries i ON i.code = e.industry_code WHERE e.id = ?`,
    )
    .get(a.enterpriseId) as ReportInput['enterprise'];
  const people = db
    .prepare(
      `SELECT DISTINCT u.display_name FROM answer_batches b JOIN users u ON u.id = b.user_id
       WHERE b.assessment_id = ? AND u.role IN ('diagnostician', 'enterprise', 'bureau', 'admin', 'district') ORDER BY u.display_name`,
    )
    .pluck()
    .all(a.id) as string[];
  const evidence: Record<string, string[]> = {};
  for (const row of db.prepare('SELECT item_id AS itemId, file_name AS name FROM evidence WHERE assessment_id = ? ORDER BY id').all(a.id) as { itemId: string; name: string }[])
    (evidence[row.itemId] ??= []).push(row.name);
  const city = referenceData().city;
  return buildReportModel({
    kind: a.kind,
    issue,
    enterprise: ent,
    assessment: {
      id: a.id,
      variant: result.variant,
      diagnosedAt: a.submittedAt ?? a.updatedAt,
      diagnosticians: people,
    },
    questionnaire: pinnedQuestionnaire(registry, a),
    answers: storedAnswers(db, a.id),
    evidence,
    result,
    peers: peerGroups(db, a.enterpriseId),
    issuer: `${city.name}${ISSUER_SUFFIX}`,
  });
}

/**
 * A draft of the report or of its annex (watermarked 草稿, no number, no verification code) for the people who review
 * the assessment, once it is submitted: rendered on request and not stored.
 */
export async function previewReport(
  db: Db,
  registry: QuestionnaireRegistry,
  user: SessionUser,
  assessmentId: number,
  renderer: PdfRenderer,
  part: ReportPart = 'report',
): Promise<Buffer> {
  const a = getAssessment(db, user, assessmentId);
  requireCapability(user, a, 'review');
  if (a.status === 'draft') throw conflict('诊断尚未提交，提交后才能预览诊断报告');
  const model = reportModel(db, registry, a, null);
  const { pdf } = await (part === 'annex' ? renderAnnexPdf(renderer, model) : renderReportPdf(renderer, model));
  return pdf;
}

/** Writes a PDF under the data directory (whole or not at all) and returns its path relative to it. */
function storePdf(dataDir: string, year: number, name: string, pdf: Buffer): string {
  const relative = join('reports', String(year), name);
  const path = join(dataDir, relative);
  mkdirSync(join(dataDir, 'reports', String(year)), { recursive: true });
  writeFileSync(`${path}.part`, pdf);
  renameSync(`${path}.part`, path);
  return relative;
}

// ---------- issuing ----------

export interface IssueDeps {
  renderer: PdfRenderer;
  dataDir: string;
  /** The public verify page's address without the code, e.g. https://dsd.example/verify/ */
  verifyBase: string;
}

/** Year (China Standard Time) of an ISO instant. */
const cstYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();

export async function issueReport(
  db: Db,
  registry: QuestionnaireRegistry,
  user: SessionUser,
  assessmentId: number,
  now: string,
  deps: IssueDeps,
): Promise<ReportRow> {
  const a = getAssessment(db, user, assessmentId);
  requireCapability(user, a, 'issue');
  if (a.status !== 'reviewed' && a.status !== 'issued')
    throw conflict(`诊断当前状态为“${ASSESSMENT_STATUS_LABELS[a.status]}”，审核通过后才能出具诊断报告`);
  const previous = currentReportId(db, a.id);
  const year = cstYear(now);
  const city = referenceData().city.short_name;

  for (let attempt = 0; ; attempt++) {
    const serial = ((db.prepare('SELECT MAX(serial) FROM reports WHERE year = ?').pluck().get(year) as number | null) ?? 0) + 1 + attempt;
    const number = `${city}-${year}-${String(serial).padStart(4, '0')}`;
    const code = newVerificationCode();
    const model = reportModel(db, registry, a, {
      number,
      verificationCode: code,
      issuedAt: now,
      verifyUrl: `${deps.verifyBase}${code}`,
    });
    // One after the other: the renderer's other slot stays free for the people waiting for a report.
    const { pdf } = await renderReportPdf(deps.renderer, model);
    const { pdf: annex } = await renderAnnexPdf(deps.renderer, model);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const annexSha256 = createHash('sha256').update(annex).digest('hex');
    const stem = `${year}-${String(serial).padStart(4, '0')}`;
    const relative = storePdf(deps.dataDir, year, `${stem}-${sha256.slice(0, 8)}.pdf`, pdf);
    const annexRelative = storePdf(deps.dataDir, year, `${stem}-annex-${annexSha256.slice(0, 8)}.pdf`, annex);
    try {
      const id = db
        .transaction(() => {
          const now2 = getAssessment(db, user, assessmentId);
          if (currentReportId(db, a.id) !== previous || (now2.status !== 'reviewed' && now2.status !== 'issued'))
            throw conflict('该诊断的报告刚刚已由他人出具或状态已变化，请刷新后再试');
          const { lastInsertRowid } = db
            .prepare(
              `INSERT INTO reports (assessment_id, enterprise_id, kind, number, year, serial, verification_code, sha256, size,
                 file_path, annex_sha256, annex_size, annex_file_path, issued_by, issued_at, report_model, questionnaire_id,
                 questionnaire_version, scoring_model)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(a.id, a.enterpriseId, a.kind, number, year, serial, code, sha256, pdf.length, relative, annexSha256, annex.length,
              annexRelative, user.id, now, REPORT_MODEL_VERSION, a.questionnaireId, a.questionnaireVersion, storedScoreHead(db, a.id)!.scoringModel);
          const newId = Number(lastInsertRowid);
          if (previous !== null) db.prepare('UPDATE reports SET superseded_by = ? WHERE id = ?').run(newId, previous);
          if (now2.status === 'reviewed') {
            db.prepare(`UPDATE assessments SET status = 'issued', issued_at = ?, issued_by = ?, updated_at = ? WHERE id = ?`).run(now, user.id, now, a.id);
            db.prepare(
              `INSERT INTO assessment_events (assessment_id, action, from_status, to_status, reason, user_id, at)
               VALUES (?, 'issue', 'reviewed', 'issued', ?, ?, ?)`,
            ).run(a.id, `报告编号 ${number}`, user.id, now);
          }
          return newId;
        })
        .immediate();
      return getReport(db, user, id);
    } catch (err) {
      for (const file of [relative, annexRelative]) rmSync(join(deps.dataDir, file), { force: true });
      // Another report took the serial while this one rendered: render again with the next one.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && attempt < 3) continue;
      throw err;
    }
  }
}

function currentReportId(db: Db, assessmentId: number): number | null {
  return (
    (db.prepare('SELECT id FROM reports WHERE assessment_id = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1').pluck().get(assessmentId) as
      | number
      | undefined) ?? null
  );
}
