-- Answer history held each value up to three times: a change's new value is also the next change's old value, or
-- else the current answer; and who made it, when and in which batch is also the batch's row (answer_batches). With
-- a history row per answer, that was 15 KB of a demo assessment's 72. A change now keeps the batch's version (its
-- result_version: who, when and the batch id are read from there) and the value it replaced; its new value is read
-- from the item's next change (its old value) or, for the latest change, from answers (services/answers.ts,
-- answerHistory). new_value is kept only where the rows given here disagree with that (never by the server's own
-- writes; 'null' for a cleared value), and user, time and batch id only where no batch row says them, so nothing
-- stored is lost. The history's index follows: every query names the assessment and a batch version.
CREATE TABLE answer_history_changes (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  version INTEGER,                     -- answer_batches.result_version of the batch that made the change
  item_id TEXT NOT NULL,
  old_value TEXT,                      -- JSON, NULL when first answered
  new_value TEXT,                      -- NULL: as read from the next change or the current answer (see above)
  user_id INTEGER REFERENCES users(id),  -- these three: only where the batch's row does not say them
  batch_id TEXT,
  changed_at TEXT
);

INSERT INTO answer_history_changes (id, assessment_id, version, item_id, old_value, new_value, user_id, batch_id, changed_at)
SELECT h.id, h.assessment_id, b.result_version, h.item_id, h.old_value,
  CASE WHEN h.new_value IS (CASE WHEN n.next_id IS NULL
                                 THEN (SELECT v.value FROM answers v WHERE v.assessment_id = h.assessment_id AND v.item_id = h.item_id)
                                 ELSE n.next_old END)
       THEN NULL ELSE COALESCE(h.new_value, 'null') END,
  CASE WHEN h.user_id IS NOT b.user_id THEN h.user_id END,
  CASE WHEN b.batch_id IS NULL THEN h.batch_id END,
  CASE WHEN h.changed_at IS NOT b.applied_at THEN h.changed_at END
FROM answer_history h
JOIN (SELECT id, LEAD(id) OVER w AS next_id, LEAD(old_value) OVER w AS next_old FROM answer_history
      WINDOW w AS (PARTITION BY assessment_id, item_id ORDER BY id)) n ON n.id = h.id
LEFT JOIN answer_batches b ON b.assessment_id = h.assessment_id AND b.batch_id = h.batch_id
ORDER BY h.id;

DROP TABLE answer_history;
ALTER TABLE answer_history_changes RENAME TO answer_history;
CREATE INDEX answer_history_version ON answer_history(assessment_id, version);
CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;
CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;
