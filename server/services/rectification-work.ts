/**
 * The rectification work list (整改清单): every finding in the user's scope whose work has started, filtered (status,
 * priority, area, overdue, district, enterprise, assessment), overdue first then by due date, paged — fast at the
 * size of a large city (millions of rows).
 *
 * A district officer's or the bureau's list reads its totals from rectification_tally, the areas with findings from
 * rectification_areas (kept from the tally by triggers, migration 185), and walks the partial indexes
 * of migration 160 in due-date order, one status at a time, merged by SQLite: a page costs about its own rows, not
 * the whole list. The order is three runs, each by (due date, id): overdue work; the rest with a due date; the rows
 * without one (a field assessment reviewed, its report not yet issued) by id. A diagnostician's long list is walked
 * the same way with its totals from enterprise_tally over the assigned enterprises. The enterprise's list, a short
 * list of a diagnostician, and the lists of one enterprise or assessment are counted and sorted directly, with the
 * same order.
 * A page's items are read from the rows in one query (the return reason by the single view's rule, RETURN_REASON_SQL) and
 * named by the item's label in the assessment's questionnaire version: no stored score is decoded for a list.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { where, type SqlParam, type Where } from '../db/where.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import type { SessionUser } from '../domain/roles.js';
import { RECTIFICATION_OPEN_IN, RECTIFICATION_OWED, isOverdue } from '../domain/workflow.js';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../domain/vocabularies.js';
import { badRequest } from '../http/errors.js';
import type { RectificationListFilter, RectificationPage, RectificationWorkItem } from '../schemas/rectifications.js';
import { enterpriseScope } from './access.js';
import { resolveDistrictFilter } from './districts.js';
import { QuestionnaireLoadError } from './questionnaire-loader.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import { RETURN_REASON_SQL, sectionTitler } from './rectifications.js';

/** How far a list may be paged: past it, filters narrow the list better than pages do. */
export const RECTIFICATION_WORK_MAX_OFFSET = 10_000;

const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
/** The condition of the partial indexes rectifications_work and rectifications_area, spelled as they are. */
const LISTED = `r.stage IN (${quoted(RECTIFICATION_OPEN_IN)})`;
const OWED = `r.status IN (${quoted(RECTIFICATION_OWED)})`;
const isOwed = (s: RectificationStatus) => RECTIFICATION_OWED.includes(s);

export function listRectificationWork(
  db: Db,
  user: SessionUser,
  f: RectificationListFilter,
  now: string,
  registry: QuestionnaireRegistry,
): RectificationPage {
  const [limit, offset] = [f.pageSize, (f.page - 1) * f.pageSize];
  if (offset >= RECTIFICATION_WORK_MAX_OFFSET)
    throw badRequest(`整改清单最多翻到第 ${RECTIFICATION_WORK_MAX_OFFSET} 项，请用筛选条件缩小范围`);
  const today = now.slice(0, 10);
  const district = resolveDistrictFilter(db, f.district);
  const whole = f.enterpriseId === undefined && f.assessmentId === undefined;
  const found =
    (whole && (user.role === 'bureau' || user.role === 'admin' || user.role === 'district') && wideList(db, user, f, district, today, limit, offset)) ||
    (whole && user.role === 'diagnostician' && assignedList(db, user, f, district, today, limit, offset)) ||
    narrowList(db, user, f, district, today, limit, offset);
  const titleOf = sectionTitler(registry);
  return {
    items: workItems(db, found.ids, today, registry),
    total: found.total,
    overdue: found.overdue,
    areas: found.areas.map((id) => ({ id, title: titleOf(id) })),
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** A page's rows in the order of the ids given, read as arrays (ItemRow: the columns in this order). */
const ITEMS_SQL = `SELECT r.id, r.assessment_id AS assessmentId, a.kind AS assessmentKind, a.enterprise_id AS enterpriseId,
    e.name AS enterpriseName, a.questionnaire_id AS questionnaireId, a.questionnaire_version AS questionnaireVersion,
    r.item_id AS itemId, r.section_id AS sectionId, r.priority, r.status, r.effective_due AS dueDate,
    ${RETURN_REASON_SQL} AS returnReason
  FROM json_each(?) j JOIN rectifications r ON r.id = j.value JOIN assessments a ON a.id = r.assessment_id
    JOIN enterprises e ON e.id = a.enterprise_id
  ORDER BY j.key`;

/** A row of ITEMS_SQL, read as an array: better-sqlite3 builds arrays far faster than objects. */
type ItemRow = [
  id: number,
  assessmentId: number,
  assessmentKind: RectificationWorkItem['assessmentKind'],
  enterpriseId: number,
  enterpriseName: string,
  questionnaireId: string,
  questionnaireVersion: string,
  itemId: string,
  sectionId: string | null,
  priority: RectificationWorkItem['priority'],
  status: RectificationStatus,
  dueDate: string | null,
  returnReason: string | null,
];

/**
 * The rows of `ids` in that order as list items, the return reason as on the single rectification (RETURN_REASON_SQL).
 */
function workItems(db: Db, ids: readonly number[], today: string, registry: QuestionnaireRegistry): RectificationWorkItem[] {
  if (ids.length === 0) return [];
  const rows = statement(db, ITEMS_SQL).raw().all(JSON.stringify(ids)) as ItemRow[];
  const versions = new Map<string, Questionnaire | undefined>();
  return rows.map(([id, assessmentId, assessmentKind, enterpriseId, enterpriseName, questionnaireId, questionnaireVersion, itemId, sectionId, priority, status, dueDate, returnReason]) => {
    const key = `${questionnaireId}@${questionnaireVersion}`;
    let q = versions.get(key);
    if (q === undefined && !versions.has(key)) versions.set(key, (q = pinnedVersion(registry, questionnaireId, questionnaireVersion)));
    // Built field by field in one literal: copying rows with spreads cost more than the query.
    return {
      id,
      assessmentId,
      assessmentKind,
      enterpriseId,
      enterpriseName,
      itemId,
      sectionId,
      priority,
      status,
      dueDate,
      returnReason,
      label: q?.itemById.get(itemId)?.def.label ?? null,
      overdue: isOverdue(status, dueDate, today),
    };
  });
}

/** The questionnaire version an assessment is pinned to; a stored version that no longer loads names items by id. */
function pinnedVersion(registry: QuestionnaireRegistry, id: string, version: string): Questionnaire | undefined {
  try {
    return registry.get(id, version);
  } catch (err) {
    if (err instanceof QuestionnaireLoadError) return undefined;
    throw err;
  }
}

interface Found {
  ids: number[];
  total: number;
  overdue: number;
  areas: string[];
}

/** The totals a walk needs: rows, rows without a due date, owed rows with one. */
interface Tally {
  total: number;
  undated: number;
  owedDated: number;
}
const TALLY_SUMS = `COALESCE(SUM(t.n), 0) AS total, COALESCE(SUM(CASE WHEN t.dated = 0 THEN t.n END), 0) AS undated,
  COALESCE(SUM(CASE WHEN t.dated = 1 AND t.status IN (${quoted(RECTIFICATION_OWED)}) THEN t.n END), 0) AS owedDated`;

/** The bureau's (whole city) or a district's list: totals from rectification_tally. */
function wideList(db: Db, user: SessionUser, f: RectificationListFilter, district: number | undefined, today: string, limit: number, offset: number): Found {
  // A district officer's own district; another one asked for matches nothing (no district has id -1).
  const own = user.role === 'district' ? (user.districtId ?? -1) : undefined;
  const districtId = own !== undefined && district !== undefined && district !== own ? -1 : (own ?? district);
  const tally = where()
    .optional('t.district_id = ?', districtId)
    .optional('t.status = ?', f.status)
    .optional('t.priority = ?', f.priority)
    .optional('t.section_id = ?', f.area);
  const t = statement(db, `SELECT ${TALLY_SUMS} FROM rectification_tally t WHERE ${tally.sql}`).get(...tally.params) as Tally;
  const rows = where()
    .and(LISTED)
    .optional('r.district_id = ?', districtId)
    .optional('r.priority = ?', f.priority)
    .optional('r.section_id = ?', f.area);
  return { ...walk(db, t, rows, f, today, limit, offset), areas: areasOf(db, own) };
}

/** The sections with findings in a district (or the city): rows of rectification_tally counting findings (migration 185). */
function areasOf(db: Db, districtId: number | undefined): string[] {
  return (
    districtId === undefined
      ? statement(db, `SELECT DISTINCT section_id FROM rectification_areas WHERE tallies > 0 AND section_id <> '' ORDER BY 1`).pluck().all()
      : statement(db, `SELECT section_id FROM rectification_areas WHERE district_id = ? AND tallies > 0 AND section_id <> '' ORDER BY 1`).pluck().all(districtId)
  ) as string[];
}

/** Rows a walk reads per row it keeps, at most, before counting and sorting the scope costs less. */
const WALK_RATIO = 20;

/**
 * A diagnostician's list when it is long: totals from enterprise_tally over the assigned enterprises, the page by a
 * walk that checks the assignment from the index. Undefined when counting and sorting the rows costs less (few
 * assigned findings, or a priority or area filter the tally does not hold).
 */
function assignedList(db: Db, user: SessionUser, f: RectificationListFilter, district: number | undefined, today: string, limit: number, offset: number): Found | undefined {
  if (f.priority !== undefined || f.area !== undefined) return undefined;
  const tally = where().and('asg.user_id = ?', user.id).optional('t.status = ?', f.status);
  if (district !== undefined) tally.and('EXISTS (SELECT 1 FROM enterprises e WHERE e.id = asg.enterprise_id AND e.district_id = ?)', district);
  const t = statement(db, `SELECT ${TALLY_SUMS} FROM assignments asg JOIN enterprise_tally t ON t.enterprise_id = asg.enterprise_id WHERE ${tally.sql}`).get(
    ...tally.params,
  ) as Tally;
  const listed = statement(db, `SELECT COALESCE(SUM(t.n), 0) FROM rectification_tally t`).pluck().get() as number;
  // A walk reads about listed / total rows per row of the page; counting and sorting reads each assigned row a few times.
  if (t.total === 0 || ((offset + limit) * listed) / t.total > WALK_RATIO * t.total) return undefined;
  const rows = where()
    .and(LISTED)
    .and('EXISTS (SELECT 1 FROM assignments asg WHERE asg.user_id = ? AND asg.enterprise_id = r.enterprise_id)', user.id)
    .optional('r.district_id = ?', district);
  // The sections with findings in the city: finding those of thousands of enterprises would cost more than the page.
  return { ...walk(db, t, rows, f, today, limit, offset), areas: areasOf(db, undefined) };
}

/**
 * One page of rows matching `rows` (conditions on `r` that the status/due-date walk can check), given their totals:
 * overdue = owed rows with a due date minus those not yet due (the work of the last months only, counted from the
 * index); then the page taken from the runs of the list's order.
 */
function walk(db: Db, t: Tally, rows: Where, f: RectificationListFilter, today: string, limit: number, offset: number): Omit<Found, 'areas'> {
  const owed = f.status ? [f.status].filter(isOwed) : RECTIFICATION_OWED;
  const notYetDue = owed.length
    ? (statement(db, `SELECT COUNT(*) FROM rectifications r WHERE r.status IN (${quoted(owed)}) AND r.effective_due >= ? AND ${rows.sql}`)
        .pluck()
        .get(today, ...rows.params) as number)
    : 0;
  const overdue = t.owedDated - notYetDue;
  const runs: Run[] = [
    { size: f.overdue === false ? 0 : overdue, arms: (s) => (isOwed(s) ? [['r.effective_due < ?', today]] : []) },
    {
      size: f.overdue === true ? 0 : t.total - t.undated - overdue,
      arms: (s) => [isOwed(s) ? ['r.effective_due >= ?', today] : ['r.effective_due IS NOT NULL']],
    },
    { size: f.overdue === true ? 0 : t.undated, arms: () => [['r.effective_due IS NULL']], byId: true },
  ];
  const statuses = f.status ? [f.status] : RECTIFICATION_STATUSES;
  const ids: number[] = [];
  let skip = offset;
  for (const run of runs) {
    if (ids.length === limit) break;
    if (skip >= run.size) {
      skip -= run.size;
      continue;
    }
    const arms = statuses.flatMap((s) => run.arms(s).map(([sql, ...params]) => ({ sql: `r.status = ? AND ${sql}`, params: [s, ...params] })));
    const union = arms.map((a) => `SELECT r.id, r.effective_due AS due FROM rectifications r WHERE ${a.sql} AND ${rows.sql}`).join(' UNION ALL ');
    const page = statement(db, `${union} ORDER BY ${run.byId ? '' : 'due, '}id LIMIT ? OFFSET ?`)
      .pluck()
      .all(...arms.flatMap((a) => [...a.params, ...rows.params]), Math.min(limit - ids.length, run.size - skip), skip) as number[];
    ids.push(...page);
    skip = 0;
  }
  const total = f.overdue === true ? overdue : f.overdue === false ? t.total - overdue : t.total;
  return { ids, total, overdue: f.overdue === false ? 0 : overdue };
}

/** One run of the list's order: how many rows it holds, and for a status the conditions that select them. */
interface Run {
  size: number;
  arms: (status: RectificationStatus) => [string, ...SqlParam[]][];
  byId?: boolean;
}

/** An enterprise's or a diagnostician's list, or one enterprise's or assessment's: small enough to sort. */
function narrowList(db: Db, user: SessionUser, f: RectificationListFilter, district: number | undefined, today: string, limit: number, offset: number): Found {
  const scope = where(enterpriseScope(user)).and(LISTED);
  // An enterprise sees a field assessment's findings with the issued report only.
  if (user.role === 'enterprise') scope.and(`(a.kind = 'self' OR a.status = 'issued')`);
  const from = 'FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id';
  const areas = statement(db, `SELECT DISTINCT r.section_id ${from} WHERE ${scope.sql} AND r.section_id IS NOT NULL ORDER BY 1`)
    .pluck()
    .all(...scope.params) as string[];
  // Owed work without a due date is not overdue (null would drop it from both sides of the filter).
  const overdueSql = `COALESCE(${OWED} AND r.effective_due < ?, 0)`;
  const w = where({ sql: scope.sql, params: scope.params })
    .optional('r.status = ?', f.status)
    .optional('r.priority = ?', f.priority)
    .optional('r.section_id = ?', f.area)
    .optional('a.enterprise_id = ?', f.enterpriseId)
    .optional('r.assessment_id = ?', f.assessmentId)
    .optional('e.district_id = ?', district);
  if (f.overdue !== undefined) w.and(f.overdue ? overdueSql : `NOT ${overdueSql}`, today);
  const base = `${from} WHERE ${w.sql}`;
  const counts = statement(db, `SELECT COUNT(*) AS total, COALESCE(SUM(${overdueSql}), 0) AS overdue ${base}`)
    .get(today, ...w.params) as { total: number; overdue: number };
  const ids = statement(db, `SELECT r.id ${base} ORDER BY ${overdueSql} DESC, r.effective_due IS NULL, r.effective_due, r.id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, today, limit, offset) as number[];
  return { ids, ...counts, areas };
}
