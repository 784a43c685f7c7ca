-- Scoring model 2.0.0.
-- The evidence basis of each answer (现场核验 / 文件核验 / 口述): the report shows it with each finding and the bureau
-- asks how much of a result rests on self-declaration. NULL = not recorded (answers given before this column).
ALTER TABLE answers ADD COLUMN basis TEXT CHECK (basis IN ('onsite', 'document', 'verbal'));

-- The questionnaire variant chosen when the assessment starts: 快速诊断 (items tagged tier: quick, 90–120 minutes on
-- site) or 深度诊断 (every item). Both score with the same engine; the result says which was used.
ALTER TABLE assessments ADD COLUMN variant TEXT NOT NULL DEFAULT 'full' CHECK (variant IN ('full', 'quick'));

-- Re-scoring an assessment with a newer scoring model writes a new score record; the one it replaces moves here, so
-- a report issued under the old model can still be reproduced.
CREATE TABLE score_archive (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  questionnaire_hash TEXT NOT NULL,
  scoring_model TEXT NOT NULL,
  classification_score REAL NOT NULL,
  risk_level TEXT NOT NULL,
  maturity_level INTEGER NOT NULL,
  maturity_mean REAL NOT NULL,
  result TEXT NOT NULL,                -- JSON ScoreResult of its scoring model
  scored_at TEXT NOT NULL,
  archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX score_archive_assessment ON score_archive(assessment_id);
