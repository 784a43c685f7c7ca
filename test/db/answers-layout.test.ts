/** Migration 141: answers kept by their key alone, with every row and basis as it was. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { storedAnswers } from '../../server/services/assessments.js';
import { assessmentAt, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('answers layout', () => {
  it('moves every answer into the table kept by its key and drops the duplicate history index', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'submitted');
    db.prepare(`UPDATE answers SET basis = 'onsite' WHERE assessment_id = ? AND item_id = (SELECT MIN(item_id) FROM answers WHERE assessment_id = ?)`).run(id, id);
    const before = db.prepare('SELECT * FROM answers ORDER BY assessment_id, item_id').all();
    const stored = storedAnswers(db, id);
    // As before the migration: a rowid table with its own key index, and the history index.
    db.exec(`CREATE TABLE answers_rowid AS SELECT * FROM answers; DROP TABLE answers; ALTER TABLE answers_rowid RENAME TO answers;
             CREATE INDEX answer_history_assessment ON answer_history(assessment_id, item_id)`);
    db.prepare("DELETE FROM schema_migrations WHERE name = '141-answers-without-rowid.sql'").run();

    expect(migrate(db)).toEqual(['141-answers-without-rowid.sql']);
    expect(db.prepare('SELECT * FROM answers ORDER BY assessment_id, item_id').all()).toEqual(before);
    expect(storedAnswers(db, id)).toEqual(stored);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'answers'`).pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'answer_history_assessment'`).pluck().get()).toBe(0);
    expect(() => db.prepare(`INSERT INTO answers (assessment_id, item_id, value, updated_by) SELECT assessment_id, item_id, value, updated_by FROM answers LIMIT 1`).run()).toThrow(/UNIQUE/);
  });
});
