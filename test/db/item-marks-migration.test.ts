/**
 * Migration 110 moves the remarks kept with answers into item_marks: run on a database shaped as before it (a note
 * column on answers, no item_marks), every remark is kept, empty ones are dropped, and answers lose the column.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createEnterprise } from '../helpers/enterprises.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ questionnaireDir: 'test/fixtures/assessments/questionnaires' });
});
afterAll(() => t.close());

it('moves every non-empty remark from answers to item_marks and drops the column', async () => {
  const db = t.app.db;
  const enterpriseId = createEnterprise(t.app, '朝阳区');
  const diag = loginAs(t.app, 'diagnostician', { assignedEnterpriseIds: [enterpriseId] });
  const created = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: diag.headers, payload: { enterpriseId, kind: 'field' } });
  const id = created.json().id as number;
  // The shape before migration 110.
  db.exec(`DROP TABLE item_marks; DROP TABLE answers;
           CREATE TABLE answers (assessment_id INTEGER NOT NULL, item_id TEXT NOT NULL, value TEXT NOT NULL, note TEXT,
             updated_by INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (assessment_id, item_id))`);
  const insert = db.prepare(`INSERT INTO answers (assessment_id, item_id, value, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, '2026-11-20T08:00:00.000Z')`);
  insert.run(id, 'profile.size', '"small"', '按 2024 年报', diag.user.id);
  insert.run(id, 'profile.staff', '120', '', diag.user.id);
  insert.run(id, 'ctl.backup', '"none"', null, diag.user.id);

  db.exec(readFileSync('server/db/migrations/110-item-marks.sql', 'utf8'));

  expect(db.prepare('SELECT assessment_id AS a, item_id AS item, note, flagged, updated_by AS by, updated_at AS at FROM item_marks').all()).toEqual([
    { a: id, item: 'profile.size', note: '按 2024 年报', flagged: 0, by: diag.user.id, at: '2026-11-20T08:00:00.000Z' },
  ]);
  expect((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('answers') as string[])).not.toContain('note');
  expect(db.prepare('SELECT COUNT(*) FROM answers WHERE assessment_id = ?').pluck().get(id)).toBe(3);
});
