-- A rectification's history is always read as one rectification's steps in order; kept by (rectification_id, seq)
-- WITHOUT ROWID, the steps are stored together in that order and need no index beside the table (the index on
-- rectification_id was a tenth of the history's bytes). seq numbers the steps of one rectification from 1, in the
-- order the ids gave them (services/rectifications.ts writes the next one). A step's old status is the previous
-- step's new one (the first step's: 'open'), so it is kept only where it differs (NULL otherwise; readers take the
-- previous step's).
CREATE TABLE rectification_history_by_item (
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  old_status TEXT,
  new_status TEXT NOT NULL,
  note TEXT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  due_date TEXT,
  PRIMARY KEY (rectification_id, seq)
) WITHOUT ROWID;
INSERT INTO rectification_history_by_item (rectification_id, seq, old_status, new_status, note, user_id, changed_at, due_date)
SELECT rectification_id, ROW_NUMBER() OVER w,
  CASE WHEN old_status IS COALESCE(LAG(new_status) OVER w, 'open') THEN NULL ELSE old_status END,
  new_status, note, user_id, changed_at, due_date
FROM rectification_history WINDOW w AS (PARTITION BY rectification_id ORDER BY id) ORDER BY rectification_id, id;
DROP TABLE rectification_history;
ALTER TABLE rectification_history_by_item RENAME TO rectification_history;
CREATE TRIGGER rectification_history_no_update BEFORE UPDATE ON rectification_history
BEGIN SELECT RAISE(ABORT, 'rectification_history is append-only'); END;
CREATE TRIGGER rectification_history_no_delete BEFORE DELETE ON rectification_history
BEGIN SELECT RAISE(ABORT, 'rectification_history is append-only'); END;
