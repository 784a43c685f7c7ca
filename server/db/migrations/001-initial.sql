-- The initial schema. Timestamps are ISO-8601 UTC strings; JSON columns hold zod-validated values.

CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,           -- matches the core questionnaire's profile.district option values
  name TEXT NOT NULL UNIQUE,           -- 朝阳区, 长春新区（南）, …
  sort_order INTEGER NOT NULL
);

-- Contacts are data an administrator enters (never shipped as seed data).
CREATE TABLE district_contacts (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('bureau', 'provider')),
  name TEXT NOT NULL,
  phone TEXT
);

CREATE TABLE industries (
  code TEXT PRIMARY KEY,               -- steel, nonferrous, …, other
  name TEXT NOT NULL,
  questionnaire_id TEXT NOT NULL,      -- the composed questionnaire used for this industry
  sort_order INTEGER NOT NULL
);

-- Every questionnaire version the server has loaded, with its source, so an assessment pinned to an old
-- version can still be shown and scored after the YAML files change.
CREATE TABLE questionnaire_versions (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL,
  title TEXT NOT NULL,
  industry TEXT,
  core_source TEXT NOT NULL,
  module_source TEXT,
  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (id, version)
);

CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL UNIQUE,    -- 统一社会信用代码, upper-case, validated (GB 32100-2015)
  name TEXT NOT NULL,
  district_id INTEGER NOT NULL REFERENCES districts(id),
  industry_code TEXT NOT NULL REFERENCES industries(code),
  size TEXT CHECK (size IN ('large', 'medium', 'small', 'micro')),
  address TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  contact_email TEXT,
  -- Whether the enterprise declined the diagnosis (the bureau follows done / pending / refused).
  refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
  refused_reason TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX enterprises_district ON enterprises(district_id);
CREATE INDEX enterprises_industry ON enterprises(industry_code);

CREATE TABLE roster_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_by INTEGER REFERENCES users(id),
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  report TEXT NOT NULL                 -- JSON: per-row outcome and reason
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'bureau', 'district', 'diagnostician', 'enterprise')),
  district_id INTEGER REFERENCES districts(id),
  enterprise_id INTEGER REFERENCES enterprises(id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  last_login_at TEXT,
  CHECK (role <> 'district' OR district_id IS NOT NULL),
  CHECK (role <> 'enterprise' OR enterprise_id IS NOT NULL)
);

-- Which enterprises a diagnostician may work on.
CREATE TABLE assignments (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (user_id, enterprise_id)
);
CREATE INDEX assignments_enterprise ON assignments(enterprise_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,         -- sha256 of the cookie value; the raw token is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL CHECK (kind IN ('self', 'field')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reviewed', 'issued')),
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  -- Incremented by every applied answer batch; clients send the version their batch is based on.
  version INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  submitted_at TEXT, submitted_by INTEGER REFERENCES users(id),
  reviewed_at TEXT, reviewed_by INTEGER REFERENCES users(id),
  issued_at TEXT, issued_by INTEGER REFERENCES users(id),
  FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaire_versions(id, version)
);
CREATE INDEX assessments_enterprise ON assessments(enterprise_id);
CREATE INDEX assessments_status ON assessments(status);

CREATE TABLE answers (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,                 -- JSON
  note TEXT,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (assessment_id, item_id)
);

-- Applied answer batches, by client-generated id: a resent batch is recognised and not applied twice.
CREATE TABLE answer_batches (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  batch_id TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  result_version INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (assessment_id, batch_id)
);

-- Append-only: who changed which answer from what to what, and when.
CREATE TABLE answer_history (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  old_value TEXT,                      -- JSON, NULL when first answered
  new_value TEXT,                      -- JSON, NULL when cleared
  user_id INTEGER NOT NULL REFERENCES users(id),
  batch_id TEXT,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX answer_history_assessment ON answer_history(assessment_id, item_id);
CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;
CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,                -- file stored as <data>/evidence/<sha256>
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX evidence_assessment ON evidence(assessment_id, item_id);

-- The scoring engine's result at submit, with the versions that produced it.
CREATE TABLE scores (
  assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  questionnaire_hash TEXT NOT NULL,
  scoring_model TEXT NOT NULL,
  classification_score REAL NOT NULL,
  risk_level TEXT NOT NULL,
  maturity_level INTEGER NOT NULL,
  maturity_mean REAL NOT NULL,
  result TEXT NOT NULL,                -- JSON ScoreResult
  scored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- 整改: one row per finding of a scored assessment.
CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'rectified', 'accepted')),
  note TEXT,
  status_date TEXT,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  confirmed_by INTEGER REFERENCES users(id),
  confirmed_at TEXT,
  UNIQUE (assessment_id, item_id)
);

CREATE TABLE rectification_history (
  id INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  old_status TEXT,
  new_status TEXT NOT NULL,
  note TEXT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
