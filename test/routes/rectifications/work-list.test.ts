/**
 * The rectification work list against a list worked out by hand from the raw tables: a small city of findings in every
 * state (assessments submitted, reviewed and issued, self and field; every status and priority, rows without a
 * priority or area, due dates set by a confirmer, work overdue, not yet due and not started) in three districts. For
 * each role's scope and every filter (status, priority, area, overdue, district, enterprise), every page read in small pages gives the same rows in the same order (overdue first, then by due
 * date, rows without one last), the same due dates — the TypeScript rule, effectiveDueDate — and the same totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveDueDate, isOverdue, type FindingPriority } from '../../../server/domain/workflow.js';
import type { RectificationStatus } from '../../../server/domain/vocabularies.js';
import { createTestApp, districtId, loginAs, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { createEnterprise } from '../../helpers/enterprises.js';

const CLOCK = '2026-06-30T08:00:00.000Z';
const TODAY = CLOCK.slice(0, 10);
const STATUSES: RectificationStatus[] = ['open', 'in_progress', 'rectified', 'accepted'];
const PRIORITIES: (FindingPriority | null)[] = ['high', 'medium', 'low', null];
const AREAS = ['org', 'ctl', null];

let t: TestApp;
let as: Record<'bureau' | 'admin' | 'district' | 'diagnostician' | 'enterprise', LoggedIn>;
let enterprises: number[];

/** A deterministic sequence of numbers in [0, 1). */
function sequence(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

beforeAll(async () => {
  t = await createTestApp({ clock: () => CLOCK });
  const db = t.app.db;
  const next = sequence(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  enterprises = ['朝阳区', '朝阳区', '朝阳区', '南关区', '南关区', '宽城区'].map((d) => createEnterprise(t.app, d));
  const admin = loginAs(t.app, 'admin');
  db.prepare(`INSERT OR IGNORE INTO questionnaire_versions (id, version, hash, title, core_source) VALUES ('test', '0', 'test', 'test', '')`).run();
  const insertAssessment = db.prepare(
    `INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, created_by) VALUES (?, ?, 'submitted', 'test', '0', ?)`,
  );
  const insertRow = db.prepare('INSERT INTO rectifications (assessment_id, item_id, priority, section_id) VALUES (?, ?, ?, ?)');
  for (const e of enterprises)
    for (const kind of ['field', 'self'] as const)
      for (const stage of ['submitted', 'reviewed', 'issued'] as const) {
        const id = Number(insertAssessment.run(e, kind, admin.user.id).lastInsertRowid);
        // Findings are recorded at submission, then the assessment moves on: the rows must follow.
        for (let i = 0; i < 9; i++) {
          const rid = Number(insertRow.run(id, `item.${i}`, pick(PRIORITIES), pick(AREAS)).lastInsertRowid);
          const status = pick(STATUSES);
          if (status !== 'open') db.prepare('UPDATE rectifications SET status = ? WHERE id = ?').run(status, rid);
          if (next() < 0.2) db.prepare('UPDATE rectifications SET due_date = ? WHERE id = ?').run(pick(['2026-05-01', '2026-06-30', '2026-09-01']), rid);
        }
        // Start days from well past to days ago: defaults overdue, due today, and not yet due.
        const day = (n: number) => new Date(Date.parse(CLOCK) - n * 86_400_000).toISOString();
        if (stage !== 'submitted') db.prepare(`UPDATE assessments SET status = 'reviewed', reviewed_at = ? WHERE id = ?`).run(day(pick([200, 95, 40, 10])), id);
        if (stage === 'issued') db.prepare(`UPDATE assessments SET status = 'issued', issued_at = ? WHERE id = ?`).run(day(pick([185, 90, 30, 5])), id);
      }
  as = {
    bureau: loginAs(t.app, 'bureau'),
    admin,
    district: loginAs(t.app, 'district', { districtId: districtId(t.app, '朝阳区') }),
    diagnostician: loginAs(t.app, 'diagnostician', { assignedEnterpriseIds: [enterprises[1], enterprises[3]] }),
    enterprise: loginAs(t.app, 'enterprise', { enterpriseId: enterprises[0] }),
  };
});
afterAll(() => t.close());

interface Expected {
  id: number;
  enterpriseId: number;
  status: RectificationStatus;
  priority: FindingPriority | null;
  sectionId: string | null;
  dueDate: string | null;
  overdue: boolean;
}

/** The list worked out in TypeScript from the raw tables (not from the columns the list reads). */
function expected(role: keyof typeof as, filter: Record<string, string>): Expected[] {
  const raw = t.app.db
    .prepare(
      `SELECT r.id, a.enterprise_id AS enterpriseId, e.district_id AS districtId, a.kind, a.status AS stage, a.reviewed_at AS reviewedAt,
         a.issued_at AS issuedAt, r.status, r.priority, r.section_id AS sectionId, r.due_date AS dueDate
       FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id`,
    )
    .all() as (Omit<Expected, 'overdue'> & { districtId: number; kind: string; stage: string; reviewedAt: string | null; issuedAt: string | null })[];
  const user = as[role].user;
  const assigned = [enterprises[1], enterprises[3]];
  return raw
    .filter((r) => r.stage === 'reviewed' || r.stage === 'issued')
    .filter((r) =>
      role === 'district' ? r.districtId === user.districtId
      : role === 'diagnostician' ? assigned.includes(r.enterpriseId)
      : role === 'enterprise' ? r.enterpriseId === user.enterpriseId && (r.kind === 'self' || r.stage === 'issued')
      : true)
    .map((r) => {
      const dueDate = effectiveDueDate(r.dueDate, r.priority, r.kind === 'self' ? r.reviewedAt : r.issuedAt);
      return { id: r.id, enterpriseId: r.enterpriseId, districtId: r.districtId, status: r.status, priority: r.priority, sectionId: r.sectionId, dueDate, overdue: isOverdue(r.status, dueDate, TODAY) };
    })
    .filter((r) =>
      (!filter.status || r.status === filter.status) && (!filter.priority || r.priority === filter.priority) &&
      (!filter.area || r.sectionId === filter.area) && (!filter.overdue || String(r.overdue) === filter.overdue) &&
      (!filter.enterpriseId || r.enterpriseId === Number(filter.enterpriseId)) &&
      (!filter.district || r.districtId === districtId(t.app, filter.district)))
    .sort((x, y) =>
      Number(y.overdue) - Number(x.overdue) || Number(x.dueDate === null) - Number(y.dueDate === null) ||
      (x.dueDate ?? '').localeCompare(y.dueDate ?? '') || x.id - y.id)
    .map(({ districtId: _, ...r }) => r);
}

async function listed(role: keyof typeof as, filter: Record<string, string>, pageSize: number) {
  const items: Expected[] = [];
  let total = -1, overdue = -1;
  for (let page = 1; ; page++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/rectifications?${new URLSearchParams({ ...filter, page: String(page), pageSize: String(pageSize) })}`, headers: as[role].headers });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Expected[]; total: number; overdue: number };
    if (page === 1) ({ total, overdue } = body);
    items.push(...body.items.map(({ id, enterpriseId, status, priority, sectionId, dueDate, overdue }) => ({ id, enterpriseId, status, priority, sectionId, dueDate, overdue })));
    if (body.items.length < pageSize) break;
  }
  return { items, total, overdue };
}

const FILTERS: Record<string, string>[] = [
  {},
  ...STATUSES.map((status) => ({ status })),
  ...(['high', 'medium', 'low'] as const).map((priority) => ({ priority })),
  { area: 'org' }, { area: 'ctl' },
  { overdue: 'true' }, { overdue: 'false' },
  { status: 'open', overdue: 'true' }, { status: 'in_progress', overdue: 'false' }, { status: 'accepted', overdue: 'true' },
  { priority: 'high', area: 'ctl', overdue: 'true' }, { priority: 'low', area: 'org', status: 'rectified' },
  // A district officer naming another district gets nothing; its own, its whole list.
  { district: '朝阳区' }, { district: '南关区', overdue: 'true' }, { district: '南关区', status: 'open', area: 'org' },
];

describe('rectification work list', () => {
  it('has work overdue, not yet due and without a due date, in every scope', () => {
    const all = expected('bureau', {});
    expect(all.filter((r) => r.overdue).length).toBeGreaterThan(5);
    expect(all.filter((r) => !r.overdue && r.dueDate !== null && ['open', 'in_progress'].includes(r.status)).length).toBeGreaterThan(5);
    expect(all.filter((r) => r.dueDate === null).length).toBeGreaterThan(5);
    for (const role of ['district', 'diagnostician', 'enterprise'] as const) expect(expected(role, {}).length).toBeGreaterThan(5);
  });

  for (const role of ['bureau', 'admin', 'district', 'diagnostician', 'enterprise'] as const)
    it(`gives the ${role} its scope, filtered, in order, page by page`, async () => {
      for (const filter of FILTERS) {
        const want = expected(role, filter);
        const got = await listed(role, filter, 7);
        expect({ filter, ...got }).toEqual({ filter, items: want, total: want.length, overdue: want.filter((r) => r.overdue).length });
      }
    });

  it('lists one enterprise for the bureau the same way', async () => {
    const filter = { enterpriseId: String(enterprises[3]) };
    const want = expected('bureau', filter);
    expect(want.length).toBeGreaterThan(5);
    expect(await listed('bureau', filter, 5)).toEqual({ items: want, total: want.length, overdue: want.filter((r) => r.overdue).length });
  });

  it('names the areas with findings in the scope', async () => {
    for (const role of ['bureau', 'district', 'enterprise'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/api/rectifications?pageSize=1', headers: as[role].headers });
      const areas = [...new Set(expected(role, {}).map((r) => r.sectionId).filter((s) => s !== null))].sort();
      expect((res.json() as { areas: { id: string }[] }).areas.map((a) => a.id)).toEqual(areas);
    }
  });

  it('refuses a district it does not know', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/rectifications?district=${encodeURIComponent('不存在区')}`, headers: as.bureau.headers });
    expect(res.statusCode).toBe(400);
  });

  it('refuses pages past the bound with a message saying what to do', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/rectifications?page=201&pageSize=50', headers: as.bureau.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('筛选');
  });
});
