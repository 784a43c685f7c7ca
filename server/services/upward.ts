/**
 * The figures the bureau owes upward. The 年度计划表 rows follow the plan's attachment 1; an actual is computed from
 * the product's data where it holds it (typical cases recommended, training person-times — both cumulative to the
 * year's end, as the template asks) and entered by the bureau where it does not. Training coverage counts the
 * roster and its 规上 (large and medium) enterprises of the plan's key industries (every industry but 其他).
 */
import type { Db } from '../db/open.js';
import { badRequest, notFound } from '../http/errors.js';
import type {
  CaseCandidate, CaseInput, Plan, PlanIndicator, PlanRow, Training, TrainingCoverage, TrainingInput,
} from '../schemas/upward.js';

interface IndicatorDef {
  indicator: PlanIndicator;
  label: string;
  measure: string;
  /** The actual, counted from the product's data (the bureau cannot enter it). */
  compute?: (db: Db, year: number) => number;
  /** What the product's data says towards an actual the bureau enters: shown beside it, never in its place. */
  suggest?: (db: Db, year: number, now: string) => number;
}

/**
 * Enterprises whose latest report issued by the end of the year says data classification and grading is done
 * (score_facts, the dashboard's readiness figure as it stood then). Only diagnosed enterprises are known, so this is
 * what the bureau's figure includes at least. This year's is the dashboard's own summary (readiness_counts); a past
 * year's is counted from the reports (tens of milliseconds at 50,000 enterprises).
 */
function classifiedByYearEnd(db: Db, year: number, now: string): number {
  if (year >= Number(now.slice(0, 4)))
    return db.prepare('SELECT COALESCE(SUM(classification_done), 0) FROM readiness_counts').pluck().get() as number;
  return db
    .prepare(
      `SELECT COUNT(*) FROM (
         SELECT f.classification_done AS done,
           ROW_NUMBER() OVER (PARTITION BY a.enterprise_id ORDER BY a.issued_at DESC, a.id DESC) AS latest
         FROM assessments a JOIN score_facts f ON f.assessment_id = a.id
         WHERE a.status = 'issued' AND a.issued_at < ?)
       WHERE latest = 1 AND done = 1`,
    )
    .pluck()
    .get(`${year + 1}-01-01`) as number;
}

export const PLAN_ROWS: IndicatorDef[] = [
  { indicator: 'classification', label: '本地区开展数据分类分级保护的企业数', measure: '(开展数据分类分级保护企业总数)', suggest: classifiedByYearEnd },
  { indicator: 'top_enterprises', label: '覆盖年营收在本地区行业排名前10%的规上工业企业', measure: '(覆盖前10%规上工业企业数)' },
  {
    indicator: 'cases', label: '累计推荐本地区数据安全典型案例不少于50个', measure: '(推荐典型案例总数)',
    compute: (db, year) => db.prepare('SELECT COUNT(*) FROM case_candidates WHERE year <= ?').pluck().get(year) as number,
  },
  {
    indicator: 'training', label: '本地区数据安全培训累计覆盖不少于1000人次', measure: '(数据安全培训累计覆盖总人次)',
    compute: (db, year) =>
      db.prepare('SELECT COALESCE(SUM(person_times), 0) FROM trainings WHERE held_on <= ?').pluck().get(`${year}-12-31`) as number,
  },
  { indicator: 'risk_nodes', label: '指导本地区企业建设数据安全风险评估等节点', measure: '(企业数据安全风险评估节点建设总数)' },
];

export function plan(db: Db, year: number, now: string): Plan {
  const entered = new Map(
    (db.prepare('SELECT indicator, target, actual, note FROM plan_figures WHERE year = ?').all(year) as
      { indicator: PlanIndicator; target: string | null; actual: number | null; note: string | null }[]).map((r) => [r.indicator, r]),
  );
  const rows: PlanRow[] = PLAN_ROWS.map((d, i) => {
    const e = entered.get(d.indicator);
    return {
      no: i + 1, indicator: d.indicator, label: d.label, measure: d.measure,
      target: e?.target ?? null,
      actual: d.compute ? d.compute(db, year) : (e?.actual ?? null),
      source: d.compute ? 'computed' : 'entered',
      suggested: d.suggest ? d.suggest(db, year, now) : null,
      note: e?.note ?? null,
    };
  });
  return { year, rows };
}

/** Stores the bureau's target, note and (for indicators the product cannot compute) actual. */
export function setPlanFigure(
  db: Db, year: number, indicator: PlanIndicator,
  body: { target?: string | null; actual?: number | null; note?: string | null }, userId: number, now: string,
): void {
  const def = PLAN_ROWS.find((d) => d.indicator === indicator)!;
  if (def.compute && body.actual !== undefined && body.actual !== null)
    throw badRequest(`“${def.label}”的完成值由系统根据录入数据统计，不能手工填写`);
  // A field left out of the body keeps its stored value.
  const old = db.prepare('SELECT target, actual, note FROM plan_figures WHERE year = ? AND indicator = ?').get(year, indicator) as
    { target: string | null; actual: number | null; note: string | null } | undefined;
  const keep = <K extends 'target' | 'actual' | 'note'>(k: K) => (body[k] !== undefined ? body[k] : (old?.[k] ?? null));
  db.prepare(
    `INSERT INTO plan_figures (year, indicator, target, actual, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (year, indicator) DO UPDATE SET target = excluded.target, actual = excluded.actual, note = excluded.note,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(year, indicator, keep('target'), keep('actual'), keep('note'), userId, now);
}

// ---------- 宣贯培训 ----------

const TRAINING_SELECT = `SELECT t.id, t.held_on AS heldOn, t.course, t.organiser, t.district_id AS districtId,
    d.name AS districtName, t.person_times AS personTimes,
    (SELECT json_group_array(enterprise_id) FROM training_enterprises WHERE training_id = t.id) AS enterpriseIds
  FROM trainings t LEFT JOIN districts d ON d.id = t.district_id`;

const trainingFromRow = (r: Omit<Training, 'enterpriseIds'> & { enterpriseIds: string }): Training => ({
  ...r, enterpriseIds: (JSON.parse(r.enterpriseIds) as number[]).sort((a, b) => a - b),
});

export function listTrainings(db: Db, year?: number): Training[] {
  const rows = db
    .prepare(`${TRAINING_SELECT} ${year ? 'WHERE t.held_on BETWEEN ? AND ?' : ''} ORDER BY t.held_on, t.id`)
    .all(...(year ? [`${year}-01-01`, `${year}-12-31`] : [])) as Parameters<typeof trainingFromRow>[0][];
  return rows.map(trainingFromRow);
}

export function getTraining(db: Db, id: number): Training {
  const row = db.prepare(`${TRAINING_SELECT} WHERE t.id = ?`).get(id) as Parameters<typeof trainingFromRow>[0] | undefined;
  if (!row) throw notFound('培训记录');
  return trainingFromRow(row);
}

function checkTraining(db: Db, t: TrainingInput): void {
  if (t.districtId !== null && !db.prepare('SELECT 1 FROM districts WHERE id = ?').get(t.districtId)) throw badRequest('区县不存在');
  const ids = [...new Set(t.enterpriseIds)];
  const known = db.prepare('SELECT COUNT(*) FROM enterprises WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number;
  if (known !== ids.length) throw badRequest('参训企业中有不存在的企业');
}

function writeAttendance(db: Db, id: number, enterpriseIds: number[]): void {
  db.prepare('DELETE FROM training_enterprises WHERE training_id = ?').run(id);
  const add = db.prepare('INSERT OR IGNORE INTO training_enterprises (training_id, enterprise_id) VALUES (?, ?)');
  for (const e of enterpriseIds) add.run(id, e);
}

export function createTraining(db: Db, t: TrainingInput, userId: number, now: string): Training {
  return db.transaction(() => {
    checkTraining(db, t);
    const id = Number(
      db.prepare(`INSERT INTO trainings (held_on, course, organiser, district_id, person_times, created_by, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(t.heldOn, t.course, t.organiser, t.districtId, t.personTimes, userId, now).lastInsertRowid,
    );
    writeAttendance(db, id, t.enterpriseIds);
    return getTraining(db, id);
  })();
}

export function updateTraining(db: Db, id: number, t: TrainingInput): Training {
  return db.transaction(() => {
    getTraining(db, id);
    checkTraining(db, t);
    db.prepare('UPDATE trainings SET held_on = ?, course = ?, organiser = ?, district_id = ?, person_times = ? WHERE id = ?')
      .run(t.heldOn, t.course, t.organiser, t.districtId, t.personTimes, id);
    writeAttendance(db, id, t.enterpriseIds);
    return getTraining(db, id);
  })();
}

export function deleteTraining(db: Db, id: number): void {
  if (db.prepare('DELETE FROM trainings WHERE id = ?').run(id).changes === 0) throw notFound('培训记录');
}

/** Person-times and enterprises covered (in the year, or all time), against the roster and its key-industry 规上. */
export function trainingCoverage(db: Db, year?: number): TrainingCoverage {
  const range = year ? [`${year}-01-01`, `${year}-12-31`] : ['0000-01-01', '9999-12-31'];
  const t = db
    .prepare('SELECT COUNT(*) AS sessions, COALESCE(SUM(person_times), 0) AS personTimes FROM trainings WHERE held_on BETWEEN ? AND ?')
    .get(...range) as { sessions: number; personTimes: number };
  const covered = `SELECT DISTINCT te.enterprise_id FROM training_enterprises te JOIN trainings t ON t.id = te.training_id
                   WHERE t.held_on BETWEEN ? AND ?`;
  const keyScaled = `e.industry_code <> 'other' AND e.size IN ('large', 'medium')`;
  const c = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM enterprises) AS roster,
              (SELECT COUNT(*) FROM enterprises e WHERE e.id IN (${covered})) AS enterprisesCovered,
              (SELECT COUNT(*) FROM enterprises e WHERE ${keyScaled}) AS keyIndustryScaled,
              (SELECT COUNT(*) FROM enterprises e WHERE ${keyScaled} AND e.id IN (${covered})) AS keyIndustryScaledCovered`,
    )
    .get(...range, ...range) as Pick<TrainingCoverage, 'roster' | 'enterprisesCovered' | 'keyIndustryScaled' | 'keyIndustryScaledCovered'>;
  return {
    year: year ?? null, ...t, ...c,
    rosterShare: c.roster ? c.enterprisesCovered / c.roster : 0,
    keyIndustryScaledShare: c.keyIndustryScaled ? c.keyIndustryScaledCovered / c.keyIndustryScaled : 0,
  };
}

// ---------- typical-case candidates ----------

const CASE_SELECT = `SELECT c.id, c.year, c.enterprise_id AS enterpriseId, e.name AS enterpriseName, c.case_name AS caseName,
    c.category, c.direction, c.summary, c.contact_name AS contactName, c.contact_phone AS contactPhone
  FROM case_candidates c JOIN enterprises e ON e.id = c.enterprise_id`;

export function listCases(db: Db, year?: number): CaseCandidate[] {
  return db.prepare(`${CASE_SELECT} ${year ? 'WHERE c.year = ?' : ''} ORDER BY c.year, c.id`).all(...(year ? [year] : [])) as CaseCandidate[];
}

export function createCase(db: Db, c: CaseInput, userId: number, now: string): CaseCandidate {
  if (!db.prepare('SELECT 1 FROM enterprises WHERE id = ?').get(c.enterpriseId)) throw badRequest('企业不存在');
  const id = Number(
    db.prepare(`INSERT INTO case_candidates (year, enterprise_id, case_name, category, direction, summary, contact_name,
                  contact_phone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(c.year, c.enterpriseId, c.caseName, c.category, c.direction, c.summary, c.contactName, c.contactPhone, userId, now)
      .lastInsertRowid,
  );
  return db.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(id) as CaseCandidate;
}

export function deleteCase(db: Db, id: number): void {
  if (db.prepare('DELETE FROM case_candidates WHERE id = ?').run(id).changes === 0) throw notFound('典型案例候选');
}
