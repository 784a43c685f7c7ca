-- The closing-the-loop dashboard counted other rows than the rectification work list it should lead to: every finding
-- of every assessment, a submitted one not yet reviewed and a draft's included (district_findings), and overdue work
-- of issued assessments only (owed_due), where the work list holds the findings of reviewed and issued assessments
-- (a reviewed self-assessment's work runs from its review). A bureau then read one overdue figure on the dashboard and
-- another in the list behind it. Now both count the same rows: the loop reads rectification_tally (migration 160,
-- the work list's own totals) and owed_due counts owed work of reviewed and issued assessments with a due date, as the
-- list's overdue does. district_findings and its triggers go.
DROP TRIGGER district_findings_ri;
DROP TRIGGER district_findings_ru;
DROP TRIGGER district_findings_rd;
DROP TRIGGER district_findings_eu;
DROP TABLE district_findings;

DROP TRIGGER rectification_summaries_ri;
CREATE TRIGGER rectification_summaries_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT NEW.district_id, NEW.effective_due, 1
    WHERE NEW.stage IN ('reviewed', 'issued') AND NEW.status IN ('open', 'in_progress') AND NEW.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT NEW.district_id, NEW.status, COALESCE(NEW.priority, ''), COALESCE(NEW.section_id, ''), NEW.effective_due IS NOT NULL, 1
    WHERE NEW.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
END;

DROP TRIGGER rectification_summaries_ru;
CREATE TRIGGER rectification_summaries_ru AFTER UPDATE OF status, priority, section_id, due_date, work_start, stage, district_id ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT OLD.district_id, OLD.effective_due, -1
    WHERE OLD.stage IN ('reviewed', 'issued') AND OLD.status IN ('open', 'in_progress') AND OLD.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT NEW.district_id, NEW.effective_due, 1
    WHERE NEW.stage IN ('reviewed', 'issued') AND NEW.status IN ('open', 'in_progress') AND NEW.effective_due IS NOT NULL
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

DROP TRIGGER rectification_summaries_rd;
CREATE TRIGGER rectification_summaries_rd AFTER DELETE ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT OLD.district_id, OLD.effective_due, -1
    WHERE OLD.stage IN ('reviewed', 'issued') AND OLD.status IN ('open', 'in_progress') AND OLD.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT OLD.district_id, OLD.status, COALESCE(OLD.priority, ''), COALESCE(OLD.section_id, ''), OLD.effective_due IS NOT NULL, -1
    WHERE OLD.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
END;

DELETE FROM owed_due;
INSERT INTO owed_due (district_id, due_on, n)
  SELECT district_id, effective_due, COUNT(*) FROM rectifications
  WHERE stage IN ('reviewed', 'issued') AND status IN ('open', 'in_progress') AND effective_due IS NOT NULL GROUP BY 1, 2;
