-- Each answer row repeated who wrote it and when (26 bytes of about 80) though its batch's row says both: the row now
-- keeps the version of the batch that last wrote it (answer_batches.result_version: user, time and batch id).
-- updated_by and updated_at stay for rows no batch explains (NULL otherwise), so nothing stored is lost.
CREATE TABLE answers_by_version (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,                 -- JSON
  basis TEXT CHECK (basis IN ('onsite', 'document', 'verbal')),
  version INTEGER,                     -- answer_batches.result_version of the batch that last wrote the row
  updated_by INTEGER REFERENCES users(id),  -- these two: only where no batch row says them
  updated_at TEXT,
  PRIMARY KEY (assessment_id, item_id)
) WITHOUT ROWID;

INSERT INTO answers_by_version (assessment_id, item_id, value, basis, version, updated_by, updated_at)
SELECT assessment_id, item_id, value, basis, version,
  CASE WHEN version IS NULL THEN updated_by END, CASE WHEN version IS NULL THEN updated_at END
FROM (SELECT v.*, (SELECT MAX(b.result_version) FROM answer_batches b
                   WHERE b.assessment_id = v.assessment_id AND b.user_id = v.updated_by AND b.applied_at = v.updated_at) AS version
      FROM answers v)
ORDER BY assessment_id, item_id;

DROP TABLE answers;
ALTER TABLE answers_by_version RENAME TO answers;
