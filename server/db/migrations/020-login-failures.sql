-- Failed logins per user name (existing or not, so a lockout does not reveal which names exist).
-- After too many failures within the window the name is locked until locked_until; a successful login
-- removes the row, and rows whose window and lock have both passed are deleted by the periodic cleanup.
CREATE TABLE login_failures (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  failures INTEGER NOT NULL,
  window_started_at TEXT NOT NULL,
  locked_until TEXT
);
