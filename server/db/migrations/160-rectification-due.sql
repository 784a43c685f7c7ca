-- The rectification work list filtered and sorted by each row's effective due date, which was computed per row per
-- request from three tables (the date a confirmer set, else the priority's default from the start of the work), so no
-- index could serve it: 0.7 s for a district and 9 s city-wide at 28,000 assessments. The rule was also spelled out
-- eight times in the triggers of migration 095.
--
-- Each rectification now carries the facts of its assessment and enterprise its list and summaries need, copied by the
-- triggers below in the same transaction as every write (view rectification_facts says what they are):
--   work_start: the day work could start (a self-assessment's review, a field one's issue; null before),
--   stage: the assessment's status, district_id: the enterprise's district;
-- and effective_due, the one SQL spelling of the due-date rule: the date a confirmer set, else the priority's default
-- (high 30, medium 90, low 180 days: RECTIFICATION_DUE_DAYS in domain/workflow.ts, test/db/rectification-due.test.ts
-- checks they agree) from work_start. A row without a priority gets the medium one.
ALTER TABLE rectifications ADD COLUMN work_start TEXT;
ALTER TABLE rectifications ADD COLUMN stage TEXT;
ALTER TABLE rectifications ADD COLUMN district_id INTEGER;
ALTER TABLE rectifications ADD COLUMN effective_due TEXT GENERATED ALWAYS AS
  (COALESCE(due_date, date(work_start, '+' || CASE priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END || ' days'))) VIRTUAL;

CREATE VIEW rectification_facts AS
  SELECT a.id AS assessment_id, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END) AS work_start,
    a.status AS stage, e.district_id
  FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id;

-- owed_due (migration 095) is kept from the rows alone now: its old triggers computed the due date themselves.
DROP TRIGGER IF EXISTS owed_due_ri;
DROP TRIGGER IF EXISTS owed_due_ru;
DROP TRIGGER IF EXISTS owed_due_rd;
DROP TRIGGER IF EXISTS owed_due_au;
DROP TRIGGER IF EXISTS owed_due_eu;

-- Fill the facts of the rows already there (before the triggers that follow them exist: the summaries are counted
-- afresh at the end, which also does what migration 095 left to the code until the columns of migration 100 exist).
UPDATE rectifications SET (work_start, stage, district_id) =
  (SELECT f.work_start, f.stage, f.district_id FROM rectification_facts f WHERE f.assessment_id = rectifications.assessment_id);

-- The work list (rows of reviewed or issued assessments) walks these in due-date order, one status at a time;
-- an area filter walks the second.
CREATE INDEX rectifications_work ON rectifications(status, effective_due, district_id) WHERE stage IN ('reviewed', 'issued');
CREATE INDEX rectifications_area ON rectifications(section_id, status, effective_due) WHERE stage IN ('reviewed', 'issued');

-- rectification_tally: listed rows (of reviewed or issued assessments) per district, status, priority, area and
-- whether they have a due date, so the list's totals are a sum of a few thousand rows, not a count of millions.
-- Overdue = dated owed rows minus those not yet due (few: only work of the last months). Rows falling to 0 stay.
CREATE TABLE rectification_tally (
  district_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,   -- '' for a row without one
  section_id TEXT NOT NULL, -- '' for a row without one
  dated INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (district_id, status, priority, section_id, dated)
) WITHOUT ROWID;

-- A new row takes its facts; the summaries count it from that update on (a row without a stage counts nowhere).
CREATE TRIGGER rectification_facts_ri AFTER INSERT ON rectifications
BEGIN
  UPDATE rectifications SET (work_start, stage, district_id) =
    (SELECT f.work_start, f.stage, f.district_id FROM rectification_facts f WHERE f.assessment_id = NEW.assessment_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER rectification_facts_au AFTER UPDATE OF status, kind, reviewed_at, issued_at, enterprise_id ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind OR OLD.reviewed_at IS NOT NEW.reviewed_at
  OR OLD.issued_at IS NOT NEW.issued_at OR OLD.enterprise_id IS NOT NEW.enterprise_id
BEGIN
  UPDATE rectifications SET (work_start, stage, district_id) =
    (SELECT f.work_start, f.stage, f.district_id FROM rectification_facts f WHERE f.assessment_id = NEW.id)
  WHERE assessment_id = NEW.id;
END;
CREATE TRIGGER rectification_facts_eu AFTER UPDATE OF district_id ON enterprises WHEN NEW.district_id <> OLD.district_id
BEGIN
  UPDATE rectifications SET district_id = NEW.district_id
  WHERE assessment_id IN (SELECT a.id FROM assessments a WHERE a.enterprise_id = NEW.id);
END;

CREATE TRIGGER rectification_summaries_ru AFTER UPDATE OF status, priority, section_id, due_date, work_start, stage, district_id ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT OLD.district_id, OLD.effective_due, -1
    WHERE OLD.stage = 'issued' AND OLD.status IN ('open', 'in_progress') AND OLD.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT NEW.district_id, NEW.effective_due, 1
    WHERE NEW.stage = 'issued' AND NEW.status IN ('open', 'in_progress') AND NEW.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT OLD.district_id, OLD.status, COALESCE(OLD.priority, ''), COALESCE(OLD.section_id, ''), OLD.effective_due IS NOT NULL, -1
    WHERE OLD.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT NEW.district_id, NEW.status, COALESCE(NEW.priority, ''), COALESCE(NEW.section_id, ''), NEW.effective_due IS NOT NULL, 1
    WHERE NEW.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER rectification_summaries_rd AFTER DELETE ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT OLD.district_id, OLD.effective_due, -1
    WHERE OLD.stage = 'issued' AND OLD.status IN ('open', 'in_progress') AND OLD.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT OLD.district_id, OLD.status, COALESCE(OLD.priority, ''), COALESCE(OLD.section_id, ''), OLD.effective_due IS NOT NULL, -1
    WHERE OLD.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
END;

DELETE FROM owed_due;
INSERT INTO owed_due (district_id, due_on, n)
  SELECT district_id, effective_due, COUNT(*) FROM rectifications
  WHERE stage = 'issued' AND status IN ('open', 'in_progress') AND effective_due IS NOT NULL GROUP BY 1, 2;
DELETE FROM rectification_tally;
INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
  SELECT district_id, status, COALESCE(priority, ''), COALESCE(section_id, ''), effective_due IS NOT NULL, COUNT(*) FROM rectifications
  WHERE stage IN ('reviewed', 'issued') GROUP BY 1, 2, 3, 4, 5;
