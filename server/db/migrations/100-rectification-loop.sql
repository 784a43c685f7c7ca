-- The rectification loop (整改闭环): each finding's priority and questionnaire section (kept with the row so lists
-- filter and compute due dates without parsing the score), a due date the diagnostician may set (null = the default
-- for the priority, counted from the day the enterprise could start), due-date changes in the history, and the
-- enterprise's evidence files for a rectification (content-addressed like answer evidence, same folder).
ALTER TABLE rectifications ADD COLUMN priority TEXT CHECK (priority IN ('high', 'medium', 'low'));
ALTER TABLE rectifications ADD COLUMN section_id TEXT;
ALTER TABLE rectifications ADD COLUMN due_date TEXT;
ALTER TABLE rectification_history ADD COLUMN due_date TEXT;

UPDATE rectifications SET
  priority = (SELECT json_extract(f.value, '$.priority') FROM scores s, json_each(s.result, '$.findings') f
              WHERE s.assessment_id = rectifications.assessment_id AND json_extract(f.value, '$.itemId') = rectifications.item_id),
  section_id = (SELECT json_extract(f.value, '$.sectionId') FROM scores s, json_each(s.result, '$.findings') f
              WHERE s.assessment_id = rectifications.assessment_id AND json_extract(f.value, '$.itemId') = rectifications.item_id);

CREATE INDEX rectifications_status ON rectifications(status, assessment_id);

CREATE TABLE rectification_evidence (
  id INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,                -- file stored as <data>/evidence/<sha256>
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX rectification_evidence_rectification ON rectification_evidence(rectification_id);
CREATE INDEX rectification_evidence_sha256 ON rectification_evidence(sha256);
