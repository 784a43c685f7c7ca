/**
 * The demo's figures owed upward, so that a newcomer finds the console's 年度计划表, 宣贯培训 and 典型案例 pages filled:
 * training sessions across the districts in 2025 and 2026 (the plan's suggested courses, attendance drawn from each
 * district's roster), typical-case candidates among the most mature diagnosed enterprises, and the bureau's targets
 * and entered actuals of the plan for 2024–2026. Written through the real services; deterministic (every choice is
 * taken from the enterprises in id order).
 */
import type { Db } from '../db/open.js';
import { CASE_DIRECTIONS, TRAINING_COURSES } from '../domain/upward-vocabularies.js';
import { createCase, createTraining, setPlanFigure } from '../services/upward.js';
import { ANCHOR, day } from './plan.js';

/** Days before the demo's anchor day of each session, and the course (index into TRAINING_COURSES). */
const SESSIONS: { daysBefore: number; course: number; citywide: boolean }[] = [
  { daysBefore: 640, course: 0, citywide: true },
  { daysBefore: 560, course: 1, citywide: true },
  { daysBefore: 470, course: 2, citywide: false },
  { daysBefore: 420, course: 9, citywide: false },
  { daysBefore: 330, course: 3, citywide: true },
  { daysBefore: 250, course: 4, citywide: false },
  { daysBefore: 190, course: 2, citywide: false },
  { daysBefore: 130, course: 6, citywide: false },
  { daysBefore: 75, course: 7, citywide: true },
  { daysBefore: 40, course: 9, citywide: false },
  { daysBefore: 18, course: 3, citywide: false },
];

/** The plan's targets (attachment 1 names them for the three years together) and the actuals the bureau enters. */
const PLAN_TARGETS: Record<'classification' | 'top_enterprises' | 'cases' | 'training' | 'risk_nodes', string> = {
  classification: '全市规上工业企业全覆盖',
  top_enterprises: '行业前10%规上工业企业全覆盖',
  cases: '累计不少于50个',
  training: '累计不少于1000人次',
  risk_nodes: '不少于3个',
};

export function addUpwardFigures(db: Db, bureauUserId: number): void {
  const districts = db.prepare('SELECT id, name FROM districts ORDER BY sort_order').all() as { id: number; name: string }[];
  const rosterOf = db.prepare('SELECT id FROM enterprises WHERE district_id = ? AND refused = 0 ORDER BY id').pluck();
  SESSIONS.forEach((s, i) => {
    const at = day(s.daysBefore);
    // A citywide session draws from every district; a local one is held in one district, in turn.
    const where = s.citywide ? districts : [districts[(i * 5) % districts.length]];
    const enterpriseIds = where.flatMap((d) => (rosterOf.all(d.id) as number[]).filter((_, k) => (k + i) % (s.citywide ? 4 : 2) === 0));
    createTraining(
      db,
      {
        heldOn: at.slice(0, 10),
        course: TRAINING_COURSES[s.course].name,
        organiser: s.citywide ? '长春市工业和信息化局' : `${where[0].name}工业和信息化主管部门`,
        districtId: s.citywide ? null : where[0].id,
        personTimes: enterpriseIds.length * 2 + (s.citywide ? 40 : 6),
        enterpriseIds,
      },
      bureauUserId,
      at,
    );
  });

  // Candidates: the diagnosed enterprises at the highest maturity level, one per industry.
  const mature = db
    .prepare(
      `SELECT e.id, e.name, i.name AS industry, e.contact_name AS contactName, e.contact_phone AS contactPhone
         FROM enterprise_summary s JOIN enterprises e ON e.id = s.enterprise_id JOIN industries i ON i.code = e.industry_code
        WHERE s.diagnosis_status = 'diagnosed' AND s.maturity_level IS NOT NULL AND e.industry_code <> 'other'
        ORDER BY s.maturity_level DESC, e.id`,
    )
    .all() as { id: number; name: string; industry: string; contactName: string | null; contactPhone: string | null }[];
  const seen = new Set<string>();
  const picked = mature.filter((e) => !seen.has(e.industry) && seen.add(e.industry)).slice(0, 6);
  const year = new Date(ANCHOR).getUTCFullYear();
  picked.forEach((e, i) => {
    const direction = CASE_DIRECTIONS[[0, 4, 2, 7, 5, 1][i]];
    const practice = direction.direction.split('—').at(-1)!.replace(/类$/, '');
    createCase(
      db,
      {
        year,
        enterpriseId: e.id,
        caseName: `${e.name.replace(/(股份)?有限公司$|有限责任公司$/, '')}${practice}实践`,
        category: `工业领域—${e.industry}`,
        direction: direction.direction,
        summary: `结合本企业生产经营数据特点，建立数据资产目录和分级防护措施，形成可复制推广的${practice}做法。`,
        contactName: e.contactName,
        contactPhone: e.contactPhone,
      },
      bureauUserId,
      day(60 - i * 7),
    );
  });

  // Targets for the plan's three years; the actuals the product cannot count are entered for the past years.
  for (const y of [2024, 2025, 2026])
    for (const [indicator, target] of Object.entries(PLAN_TARGETS) as [keyof typeof PLAN_TARGETS, string][]) {
      const entered = indicator === 'classification' || indicator === 'top_enterprises' || indicator === 'risk_nodes';
      const actual = entered && y < year ? { classification: 60, top_enterprises: 18, risk_nodes: 1 }[indicator]! * (y - 2023) : undefined;
      setPlanFigure(db, y, indicator, { target, ...(actual !== undefined ? { actual } : {}) }, bureauUserId, day(700 - (y - 2024) * 300));
    }
}
