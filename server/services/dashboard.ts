/**
 * The bureau's dashboard figures, read from the summary tables migrations 090, 095, 160, 162 and 189 keep up to date in the same
 * transaction as every write (enterprise_summary, item_counts, rectification_tally, owed_due, level_counts,
 * readiness_counts), so no request aggregates the raw tables.
 * Scope: the bureau and administrators see the whole city (optionally one district); a district officer only their own district —
 * asking for another is refused here, not in the page.
 */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { forbidden } from '../http/errors.js';
import { allDistricts, resolveDistrictFilter } from './districts.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import { statement } from '../db/statements.js';
import type {
  Coverage, CoverageRow, DashboardFilter, DrillFilter, DrillRow, LevelRow, Loop, LoopRow, ReadinessRow, Results, Scope, Trend,
} from '../schemas/dashboard.js';


export interface ResolvedScope extends Scope {
  /** An SQL condition on a summary table aliased `s` (one with a district_id column) and its parameters. */
  sql: string;
  params: number[];
}

/** The district the figures are counted in: null for the whole city. */
export function dashboardScope(db: Db, user: SessionUser, district: string | undefined, now: string): ResolvedScope {
  let districtId = resolveDistrictFilter(db, district) ?? null;
  if (user.role === 'district') {
    if (districtId !== null && districtId !== user.districtId) throw forbidden('区县账号只能查看本区县的数据');
    districtId = user.districtId;
  } else if (user.role !== 'bureau' && user.role !== 'admin') throw forbidden();
  const name = districtId === null ? '全市' : (allDistricts(db).find((d) => d.id === districtId)?.name ?? '');
  return {
    districtId,
    label: name,
    asOf: now.slice(0, 10),
    sql: districtId === null ? '1 = 1' : 's.district_id = ?',
    params: districtId === null ? [] : [districtId],
  };
}

const publicScope = ({ districtId, label, asOf }: ResolvedScope): Scope => ({ districtId, label, asOf });

interface StageCounts { roster: number; diagnosed: number; inProgress: number; notStarted: number; refused: number }
const STAGE_SUMS = `COUNT(*) AS roster, SUM(s.diagnosis_status = 'diagnosed') AS diagnosed,
  SUM(s.diagnosis_status = 'in_progress') AS inProgress, SUM(s.diagnosis_status = 'not_started') AS notStarted,
  SUM(s.diagnosis_status = 'refused') AS refused`;

function coverageRow(key: number | string, name: string, c: Partial<StageCounts> | undefined): CoverageRow {
  const roster = c?.roster ?? 0;
  const diagnosed = c?.diagnosed ?? 0;
  return {
    key, name, roster, diagnosed,
    inProgress: c?.inProgress ?? 0, notStarted: c?.notStarted ?? 0, refused: c?.refused ?? 0,
    coverage: roster ? diagnosed / roster : 0,
  };
}

function districtsIn(db: Db, scope: ResolvedScope) {
  return allDistricts(db).filter((d) => scope.districtId === null || d.id === scope.districtId);
}

function industries(db: Db) {
  return db.prepare('SELECT code, name FROM industries ORDER BY sort_order').all() as { code: string; name: string }[];
}

export function coverage(db: Db, scope: ResolvedScope): Coverage {
  const cells = db
    .prepare(
      `SELECT s.district_id AS districtId, s.industry_code AS industryCode, ${STAGE_SUMS}
       FROM enterprise_summary s WHERE ${scope.sql} GROUP BY s.district_id, s.industry_code`,
    )
    .all(...scope.params) as (StageCounts & { districtId: number; industryCode: string })[];
  const sum = (rows: StageCounts[]): StageCounts => {
    const t = { roster: 0, diagnosed: 0, inProgress: 0, notStarted: 0, refused: 0 };
    for (const r of rows) for (const k of Object.keys(t) as (keyof StageCounts)[]) t[k] += r[k];
    return t;
  };
  return {
    scope: publicScope(scope),
    total: coverageRow('all', scope.label, sum(cells)),
    byDistrict: districtsIn(db, scope).map((d) =>
      coverageRow(d.id, d.name, sum(cells.filter((c) => c.districtId === d.id)))),
    byIndustry: industries(db).map((i) =>
      coverageRow(i.code, i.name, sum(cells.filter((c) => c.industryCode === i.code)))),
    matrix: cells.map((c) => ({ districtId: c.districtId, industryCode: c.industryCode, roster: c.roster, diagnosed: c.diagnosed })),
  };
}

/** Monday (UTC) of the week an ISO timestamp falls in. */
export function weekOf(iso: string): string {
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Enterprises whose first report was issued in each week, and the running total against the roster. */
export function trend(db: Db, scope: ResolvedScope): Trend {
  const roster = db.prepare(`SELECT COUNT(*) FROM enterprise_summary s WHERE ${scope.sql}`).pluck().get(...scope.params) as number;
  const days = db
    .prepare(
      `SELECT substr(s.first_issued_at, 1, 10) AS day, COUNT(*) AS n FROM enterprise_summary s
       WHERE ${scope.sql} AND s.first_issued_at IS NOT NULL GROUP BY day ORDER BY day`,
    )
    .all(...scope.params) as { day: string; n: number }[];
  const weeks = new Map<string, number>();
  for (const { day, n } of days) weeks.set(weekOf(day), (weeks.get(weekOf(day)) ?? 0) + n);
  let cumulative = 0;
  return {
    scope: publicScope(scope),
    roster,
    weeks: [...weeks].map(([week, issued]) => ({ week, issued, cumulative: (cumulative += issued) })),
  };
}

function levelRows(db: Db, scope: ResolvedScope, column: 'district_id' | 'industry_code', keys: { key: number | string; name: string }[]): LevelRow[] {
  const rows = db
    .prepare(
      `SELECT s.${column} AS key, NULLIF(s.risk_level, '') AS risk, NULLIF(s.maturity_level, -1) AS maturity, SUM(s.n) AS n
       FROM level_counts s WHERE ${scope.sql} AND s.n > 0 GROUP BY key, risk, maturity`,
    )
    .all(...scope.params) as { key: number | string; risk: string | null; maturity: number | null; n: number }[];
  return keys.map(({ key, name }) => {
    const row: LevelRow = { key, name, diagnosed: 0, risk: {}, maturity: {} };
    for (const r of rows.filter((x) => x.key === key)) {
      row.diagnosed += r.n;
      // A report issued without a stored score has no level: counted as 未评分.
      const risk = r.risk ?? 'unscored';
      const maturity = r.maturity === null ? 'unscored' : String(r.maturity);
      row.risk[risk] = (row.risk[risk] ?? 0) + r.n;
      row.maturity[maturity] = (row.maturity[maturity] ?? 0) + r.n;
    }
    return row;
  });
}

const READINESS_COUNTS = [
  'diagnosed', 'withRedlines', 'redlines', 'classificationDone', 'catalogueFiled', 'candidatesHeld', 'keyCandidates',
] as const;

/** Red lines and classification readiness per district, from score_facts of each enterprise's latest issued report. */
function readiness(db: Db, scope: ResolvedScope): Results['readiness'] {
  const rows = db
    .prepare(
      `SELECT s.district_id AS key, s.diagnosed, s.with_redlines AS withRedlines, s.redlines,
         s.classification_done AS classificationDone, s.catalogue_filed AS catalogueFiled,
         s.candidates_held AS candidatesHeld, s.key_candidates AS keyCandidates
       FROM readiness_counts s WHERE ${scope.sql}`,
    )
    .all(...scope.params) as ReadinessRow[];
  const row = (key: number, name: string, c: Partial<ReadinessRow> | undefined): ReadinessRow =>
    ({ key, name, ...Object.fromEntries(READINESS_COUNTS.map((k) => [k, c?.[k] ?? 0])) }) as ReadinessRow;
  const byDistrict = districtsIn(db, scope).map((d) => row(d.id, d.name, rows.find((r) => r.key === d.id)));
  const total = row(0, scope.label, Object.fromEntries(READINESS_COUNTS.map((k) => [k, byDistrict.reduce((n, r) => n + r[k], 0)])));
  return { total, byDistrict };
}

/** A checklist item's Chinese label, from the current questionnaires (the first that has the item; else the id). */
export function itemLabeller(registry: QuestionnaireRegistry): (itemId: string) => string {
  return (itemId) => {
    for (const q of registry.list()) {
      const item = q.itemById.get(itemId);
      if (item) return item.def.label;
    }
    return itemId;
  };
}

/** `labelOf` names a checklist item (its Chinese label) for the most frequent findings. */
export function results(db: Db, scope: ResolvedScope, labelOf: (itemId: string) => string): Results {
  const top = db
    .prepare(
      `SELECT s.item_id AS itemId, SUM(s.enterprises) AS enterprises, SUM(s.findings) AS findings
       FROM item_counts s WHERE ${scope.sql} GROUP BY s.item_id ORDER BY enterprises DESC, findings DESC, itemId LIMIT 10`,
    )
    .all(...scope.params) as Omit<Results['topFindings'][number], 'label'>[];
  return {
    scope: publicScope(scope),
    byDistrict: levelRows(db, scope, 'district_id', districtsIn(db, scope).map((d) => ({ key: d.id, name: d.name }))),
    byIndustry: levelRows(db, scope, 'industry_code', industries(db).map((i) => ({ key: i.code, name: i.name }))),
    topFindings: top.map((f) => ({ itemId: f.itemId, label: labelOf(f.itemId), enterprises: f.enterprises, findings: f.findings })),
    readiness: readiness(db, scope),
  };
}

function loopRow(key: number, name: string, c: Partial<LoopRow> | undefined): LoopRow {
  const open = c?.open ?? 0, inProgress = c?.inProgress ?? 0, rectified = c?.rectified ?? 0, accepted = c?.accepted ?? 0;
  const found = open + inProgress + rectified + accepted;
  return { key, name, found, open, inProgress, rectified, accepted, closeRate: found ? (rectified + accepted) / found : 0, overdue: c?.overdue ?? 0 };
}

/**
 * Findings by rectification status per district, and overdue = owed work past its due date (services/rectifications.ts:
 * the priority's default from the start of the work, or the date a confirmer set): the rows of the rectification work
 * list — findings of reviewed and issued assessments — and its rule, so each figure leads to a list of as many rows.
 * Read from the list's own totals (rectification_tally, migration 160) and owed_due (migration 189).
 */
export function loop(db: Db, scope: ResolvedScope, now: string): Loop {
  const counts = statement(
    db,
    `SELECT s.district_id AS key,
       SUM(CASE WHEN s.status = 'open' THEN s.n ELSE 0 END) AS open,
       SUM(CASE WHEN s.status = 'in_progress' THEN s.n ELSE 0 END) AS inProgress,
       SUM(CASE WHEN s.status = 'rectified' THEN s.n ELSE 0 END) AS rectified,
       SUM(CASE WHEN s.status = 'accepted' THEN s.n ELSE 0 END) AS accepted
     FROM rectification_tally s WHERE ${scope.sql} GROUP BY s.district_id`,
  ).all(...scope.params) as (Partial<LoopRow> & { key: number })[];
  const overdue = new Map(
    (
      statement(db, `SELECT s.district_id AS key, SUM(s.n) AS n FROM owed_due s WHERE ${scope.sql} AND s.due_on < ? GROUP BY s.district_id`)
        .all(...scope.params, now.slice(0, 10)) as { key: number; n: number }[]
    ).map((r) => [r.key, r.n]),
  );
  const rows = counts.map((r) => ({ ...r, overdue: overdue.get(r.key) ?? 0 }));
  const byDistrict = districtsIn(db, scope).map((d) => loopRow(d.id, d.name, rows.find((r) => r.key === d.id)));
  const t = { open: 0, inProgress: 0, rectified: 0, accepted: 0, overdue: 0 };
  for (const r of byDistrict) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return { scope: publicScope(scope), total: loopRow(0, scope.label, t), byDistrict };
}

/**
 * The enterprises behind a figure. Page of ids first (on the summary's indexes), then the display columns for
 * those ids only.
 */
export function drill(db: Db, scope: ResolvedScope, f: DrillFilter): { items: DrillRow[]; total: number; page: number; pageSize: number } {
  const cond = [scope.sql];
  const params: (string | number)[] = [...scope.params];
  if (f.industry) { cond.push('s.industry_code = ?'); params.push(f.industry); }
  if (f.status) { cond.push('s.diagnosis_status = ?'); params.push(f.status); }
  if (f.riskLevel) { cond.push('s.risk_level = ?'); params.push(f.riskLevel); }
  if (f.maturityLevel !== undefined) { cond.push('s.maturity_level = ?'); params.push(f.maturityLevel); }
  if (f.keyCandidate) cond.push(`s.diagnosis_status = 'diagnosed' AND s.assessment_id IN (SELECT assessment_id FROM score_facts WHERE key_candidate = 1)`);
  const where = cond.join(' AND ');
  const total = db.prepare(`SELECT COUNT(*) FROM enterprise_summary s WHERE ${where}`).pluck().get(...params) as number;
  const ids = db
    .prepare(`SELECT s.enterprise_id FROM enterprise_summary s WHERE ${where} ORDER BY s.enterprise_id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, f.pageSize, (f.page - 1) * f.pageSize) as number[];
  const items = ids.length
    ? (db
        .prepare(
          `SELECT e.id, e.name, e.credit_code AS creditCode, e.district_id AS districtId, d.name AS districtName,
             e.industry_code AS industryCode, i.name AS industryName, s.diagnosis_status AS status,
             s.assessment_id AS assessmentId, s.risk_level AS riskLevel, s.maturity_level AS maturityLevel
           FROM enterprise_summary s JOIN enterprises e ON e.id = s.enterprise_id
           JOIN districts d ON d.id = e.district_id JOIN industries i ON i.code = e.industry_code
           WHERE s.enterprise_id IN (${ids.map(() => '?').join(',')}) ORDER BY e.id`,
        )
        .all(...ids) as DrillRow[])
    : [];
  return { items, total, page: f.page, pageSize: f.pageSize };
}

export type { DashboardFilter };
