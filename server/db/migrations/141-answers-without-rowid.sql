-- Answers take half of a large city's database (about 12 million rows for 100,000 assessments), and each row was
-- stored twice: in the table and in the index of its primary key. Kept by that key alone (WITHOUT ROWID), a row is
-- stored once, in key order, which is also the order every read wants (one assessment's answers by item).
-- answer_history's (assessment_id, item_id) index goes too: every query of the history names the assessment, and the
-- (assessment_id, batch_id) index narrows to its few hundred rows.
CREATE TABLE answers_by_key (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,                 -- JSON
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  basis TEXT CHECK (basis IN ('onsite', 'document', 'verbal')),
  PRIMARY KEY (assessment_id, item_id)
) WITHOUT ROWID;
INSERT INTO answers_by_key (assessment_id, item_id, value, updated_by, updated_at, basis)
  SELECT assessment_id, item_id, value, updated_by, updated_at, basis FROM answers;
DROP TABLE answers;
ALTER TABLE answers_by_key RENAME TO answers;

DROP INDEX answer_history_assessment;
