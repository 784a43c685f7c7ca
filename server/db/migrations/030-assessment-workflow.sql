-- Assessment workflow: every status change with who, when and why (reopen needs a reason), kept forever.
CREATE TABLE assessment_events (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('create', 'submit', 'review', 'issue', 'reopen')),
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX assessment_events_assessment ON assessment_events(assessment_id);
CREATE TRIGGER assessment_events_no_update BEFORE UPDATE ON assessment_events
BEGIN SELECT RAISE(ABORT, 'assessment_events is append-only'); END;
CREATE TRIGGER assessment_events_no_delete BEFORE DELETE ON assessment_events
BEGIN SELECT RAISE(ABORT, 'assessment_events is append-only'); END;

-- Rectification history is an audit trail like answer history.
CREATE TRIGGER rectification_history_no_update BEFORE UPDATE ON rectification_history
BEGIN SELECT RAISE(ABORT, 'rectification_history is append-only'); END;
CREATE TRIGGER rectification_history_no_delete BEFORE DELETE ON rectification_history
BEGIN SELECT RAISE(ABORT, 'rectification_history is append-only'); END;

-- "Which items changed since version N" joins history to the batches applied after N.
CREATE INDEX answer_batches_result ON answer_batches(assessment_id, result_version);
CREATE INDEX answer_history_batch ON answer_history(assessment_id, batch_id);
CREATE INDEX evidence_sha256 ON evidence(sha256);
