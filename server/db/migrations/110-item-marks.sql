-- A remark and the 待核实 (to check) flag belong to an item whether or not it has a stored value: an evidence item's
-- value is its files, and a remark such as "材料下次补交" is often written before any answer. So both live in their own
-- table, keyed like answers; the remarks kept with answers so far move here, and clearing an answer keeps its remark.
CREATE TABLE item_marks (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  note TEXT,
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (assessment_id, item_id)
);

INSERT INTO item_marks (assessment_id, item_id, note, updated_by, updated_at)
  SELECT assessment_id, item_id, note, updated_by, updated_at FROM answers WHERE note IS NOT NULL AND note <> '';

ALTER TABLE answers DROP COLUMN note;
