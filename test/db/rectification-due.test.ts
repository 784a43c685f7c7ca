/**
 * The stored due date of a rectification (rectifications.effective_due, migration 160) against the TypeScript rule
 * (effectiveDueDate, RECTIFICATION_DUE_DAYS): for every priority and across month and leap-year ends; through the
 * workflow — nothing before work starts, counted from a field assessment's issue and a self-assessment's review, a
 * confirmer's date and its removal, a priority changed, an assessment reopened — and on a database upgraded from the
 * shape before migration 160, where the migration fills the columns and the summaries.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECTIFICATION_DUE_DAYS, effectiveDueDate, type FindingPriority } from '../../server/domain/workflow.js';
import { assessmentAt, batch, completeAnswers, createWorld, draft, type World } from '../routes/assessments/world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

type Row = { id: number; itemId: string; priority: FindingPriority | null; dueDate: string | null; workStart: string | null; due: string | null };
const rows = (assessmentId: number) =>
  w.app.db
    .prepare(
      `SELECT id, item_id AS itemId, priority, due_date AS dueDate, work_start AS workStart, effective_due AS due
       FROM rectifications WHERE assessment_id = ? ORDER BY id`,
    )
    .all(assessmentId) as Row[];
const day = (iso: string | null) => iso?.slice(0, 10) ?? null;
const stamps = (id: number) =>
  w.app.db.prepare('SELECT reviewed_at AS reviewedAt, issued_at AS issuedAt FROM assessments WHERE id = ?').get(id) as {
    reviewedAt: string | null;
    issuedAt: string | null;
  };
/** The summaries that follow the due dates, to compare before and after. */
const summaries = () => ({
  owed: w.app.db.prepare('SELECT district_id, due_on, n FROM owed_due WHERE n <> 0 ORDER BY 1, 2').all(),
  tally: w.app.db.prepare('SELECT * FROM rectification_tally WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5').all(),
  enterprises: w.app.db.prepare('SELECT * FROM enterprise_tally WHERE n <> 0 ORDER BY 1, 2, 3').all(),
});

describe('the stored due date', () => {
  it('is the TypeScript rule for every priority, across month and leap-year ends', async () => {
    const id = await assessmentAt(w, w.own, 'issued');
    const rid = rows(id)[0].id;
    const db = w.app.db;
    expect(Object.keys(RECTIFICATION_DUE_DAYS).sort()).toEqual(['high', 'low', 'medium']);
    for (const start of ['2024-01-31', '2024-02-29', '2024-08-31', '2025-12-31', '2026-11-30'])
      for (const priority of ['high', 'medium', 'low', null] as const) {
        db.prepare('UPDATE assessments SET issued_at = ? WHERE id = ?').run(`${start}T23:30:00.000Z`, id);
        db.prepare('UPDATE rectifications SET priority = ? WHERE id = ?').run(priority, rid);
        expect({ start, priority, due: rows(id)[0].due }).toEqual({ start, priority, due: effectiveDueDate(null, priority, start) });
      }
    expect(effectiveDueDate(null, 'low', '2024-02-29')).toBe('2024-08-27');
  });

  it('follows the workflow: a field assessment from its issue, a confirmer\'s date, a priority change', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    expect(rows(id).length).toBeGreaterThan(1);
    expect(rows(id).every((r) => r.workStart === null && r.due === null)).toBe(true);
    await w.call(w.users.admin, 'POST', `/api/assessments/${id}/review`);
    // A field assessment's work starts with the issued report, not the review.
    expect(rows(id).every((r) => r.due === null)).toBe(true);
    await w.call(w.users.admin, 'POST', `/api/assessments/${id}/issue`);
    const issued = day(stamps(id).issuedAt);
    for (const r of rows(id)) expect(r).toMatchObject({ workStart: issued, due: effectiveDueDate(null, r.priority, issued) });

    const [first, second] = rows(id);
    expect((await w.call(w.users.districtOwn, 'PUT', `/api/rectifications/${first.id}/due-date`, { dueDate: '2099-01-01' })).status).toBe(200);
    expect(rows(id)[0].due).toBe('2099-01-01');
    expect((await w.call(w.users.districtOwn, 'PUT', `/api/rectifications/${first.id}/due-date`, { dueDate: null })).status).toBe(200);
    expect(rows(id)[0].due).toBe(effectiveDueDate(null, first.priority, issued));
    // A re-score may change a finding's priority: the default follows.
    const other: FindingPriority = second.priority === 'low' ? 'high' : 'low';
    w.app.db.prepare('UPDATE rectifications SET priority = ? WHERE id = ?').run(other, second.id);
    expect(rows(id)[1].due).toBe(effectiveDueDate(null, other, issued));
  });

  it('counts a self-assessment from its review', async () => {
    const id = await draft(w, w.users.entOwn, w.own, 'self');
    expect((await w.call(w.users.entOwn, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()))).status).toBe(200);
    expect((await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`)).status).toBe(200);
    expect(rows(id).every((r) => r.due === null)).toBe(true);
    expect((await w.call(w.users.diagAssigned, 'POST', `/api/assessments/${id}/review`)).status).toBe(200);
    const reviewed = day(stamps(id).reviewedAt);
    expect(rows(id).length).toBeGreaterThan(1);
    for (const r of rows(id)) expect(r).toMatchObject({ workStart: reviewed, due: effectiveDueDate(null, r.priority, reviewed) });
  });

  it('leaves nothing behind when a submitted assessment is reopened', async () => {
    await assessmentAt(w, w.ownAuto, 'issued');
    const before = summaries();
    const id = await assessmentAt(w, w.own, 'submitted');
    expect(rows(id).length).toBeGreaterThan(1);
    expect((await w.call(w.users.admin, 'POST', `/api/assessments/${id}/reopen`, { reason: '补充材料' })).status).toBe(200);
    expect(rows(id)).toEqual([]);
    expect(summaries()).toEqual(before);
  });

  it('is filled by migrations 160 and 164 on a database shaped as before them, with the summaries', async () => {
    const db = w.app.db;
    const a = await assessmentAt(w, w.own, 'issued');
    await assessmentAt(w, w.other, 'reviewed');
    const b = await assessmentAt(w, w.ownAuto, 'issued');
    db.prepare(`UPDATE assessments SET issued_at = '2025-01-02T09:00:00.000Z' WHERE id = ?`).run(a);
    db.prepare(`UPDATE rectifications SET due_date = '2025-03-01', status = 'in_progress' WHERE id = ?`).run(rows(b)[0].id);
    const facts = () => db.prepare('SELECT id, work_start, stage, district_id, enterprise_id, effective_due FROM rectifications ORDER BY id').all();
    const want = { facts: facts(), ...summaries() };
    expect(want.owed.length).toBeGreaterThan(0);

    db.exec(`DROP TRIGGER rectification_facts_ri; DROP TRIGGER rectification_facts_au; DROP TRIGGER rectification_facts_eu;
      DROP TRIGGER rectification_summaries_ru; DROP TRIGGER rectification_summaries_rd; DROP TRIGGER rectification_summaries_ri;
      DROP TRIGGER enterprise_tally_ru; DROP TRIGGER enterprise_tally_rd; DROP TRIGGER enterprise_tally_ri; DROP TABLE enterprise_tally;
      DROP INDEX rectifications_work; DROP INDEX rectifications_area; DROP TABLE rectification_tally; DROP VIEW rectification_facts;
      ALTER TABLE rectifications DROP COLUMN effective_due; ALTER TABLE rectifications DROP COLUMN work_start;
      ALTER TABLE rectifications DROP COLUMN stage; ALTER TABLE rectifications DROP COLUMN district_id;
      ALTER TABLE rectifications DROP COLUMN enterprise_id;
      UPDATE owed_due SET n = 0`);
    for (const m of ['160-rectification-due.sql', '164-rectification-enterprise.sql'])
      db.transaction(() => db.exec(readFileSync(`server/db/migrations/${m}`, 'utf8')))();

    expect({ facts: facts(), ...summaries() }).toEqual(want);
  });
});
