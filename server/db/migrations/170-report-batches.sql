-- Batch downloads (批量下载) of issued reports, recorded rather than held in memory: a finished ZIP stays downloadable
-- across a restart until it expires, a batch a restart interrupted says so, and who packed which scope is on file.
-- The archive itself is a file under <data>/batches, removed when the batch expires, is cancelled or replaced.
CREATE TABLE report_batches (
  id TEXT PRIMARY KEY,                 -- random UUID: the batch's address in the API
  user_id INTEGER NOT NULL REFERENCES users(id),
  district_id INTEGER REFERENCES districts(id),      -- the scope asked for: a district, an industry or both
  industry_code TEXT REFERENCES industries(code),
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'expired', 'failed')),
  file_name TEXT NOT NULL,             -- the download's name, e.g. 诊断报告-朝阳区-20261201.zip
  file_path TEXT NOT NULL,             -- relative to the data directory
  total INTEGER NOT NULL,
  packed INTEGER NOT NULL DEFAULT 0,
  missing INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  error TEXT,                          -- why it failed, in Chinese
  created_at TEXT NOT NULL,
  finished_at TEXT,
  expires_at TEXT                      -- set when done: the archive is removed then
);
CREATE INDEX report_batches_user ON report_batches(user_id, created_at);
CREATE INDEX report_batches_open ON report_batches(status, expires_at) WHERE status IN ('running', 'done');
