-- Issued diagnosis reports (诊断报告). A report is rendered once when it is issued and stored as a file under the data
-- directory with its SHA-256, so every later download serves the same bytes and a verification code can prove them.
-- Re-issuing an assessment makes a new report with a new number; the old row stays, pointing at its successor.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL CHECK (kind IN ('self', 'field')),  -- a self-assessment's report is marked 自评估
  number TEXT NOT NULL UNIQUE,         -- 报告编号 city-year-serial, e.g. 长春-2026-0007
  year INTEGER NOT NULL,
  serial INTEGER NOT NULL,
  verification_code TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  file_path TEXT NOT NULL,             -- relative to the data directory
  issued_by INTEGER NOT NULL REFERENCES users(id),
  issued_at TEXT NOT NULL,
  report_model TEXT NOT NULL,          -- report model version the PDF was built with
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  scoring_model TEXT NOT NULL,
  superseded_by INTEGER REFERENCES reports(id),
  UNIQUE (year, serial)
);
CREATE INDEX reports_assessment ON reports(assessment_id);
CREATE INDEX reports_enterprise ON reports(enterprise_id);
-- Issued reports are records: only the superseded_by link may be set, once.
CREATE TRIGGER reports_immutable BEFORE UPDATE ON reports
WHEN NEW.superseded_by IS NOT OLD.superseded_by AND OLD.superseded_by IS NOT NULL
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.number IS NOT OLD.number OR NEW.verification_code IS NOT OLD.verification_code
  OR NEW.file_path IS NOT OLD.file_path
BEGIN SELECT RAISE(ABORT, 'issued reports are immutable'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'issued reports are kept'); END;
