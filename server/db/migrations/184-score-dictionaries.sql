-- Score details (format 3, server/db/score-record.ts) are deflated against a dictionary of the database: the tail of
-- the first detail stored in that format, which holds most of what every other detail repeats (keys, item references,
-- values): about 3.9 KB a detail instead of brotli's 5.0. A stored detail names its dictionary, so rows are never
-- changed or deleted.
CREATE TABLE score_dictionaries (
  id INTEGER PRIMARY KEY,
  bytes BLOB NOT NULL,
  made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TRIGGER score_dictionaries_no_update BEFORE UPDATE ON score_dictionaries
BEGIN SELECT RAISE(ABORT, 'score_dictionaries is append-only'); END;
CREATE TRIGGER score_dictionaries_no_delete BEFORE DELETE ON score_dictionaries
BEGIN SELECT RAISE(ABORT, 'score_dictionaries is append-only'); END;
