-- A score written or removed updated readiness_counts through a lookup of the report's enterprise by assessment id.
-- Since enterprise_summary_levels (diagnosis_status, …) exists, SQLite answered that lookup by walking every diagnosed
-- enterprise in that index instead of using enterprise_summary_assessment: 1.7 ms a score at 50,000 enterprises, the
-- largest cost of storing a score and of re-scoring the city. The unary + keeps the status test off the index, so
-- the assessment id's index is used (one row).
DROP TRIGGER readiness_counts_fi;
CREATE TRIGGER readiness_counts_fi AFTER INSERT ON score_facts
BEGIN
  UPDATE readiness_counts SET with_redlines = with_redlines + (COALESCE(NEW.redlines, 0) > 0), redlines = redlines + COALESCE(NEW.redlines, 0),
      classification_done = classification_done + COALESCE(NEW.classification_done, 0),
      catalogue_filed = catalogue_filed + COALESCE(NEW.catalogue_filed, 0), candidates_held = candidates_held + COALESCE(NEW.candidates_held, 0),
      key_candidates = key_candidates + COALESCE(NEW.key_candidate, 0)
    WHERE district_id IN (SELECT s.district_id FROM enterprise_summary s WHERE s.assessment_id = NEW.assessment_id AND +s.diagnosis_status = 'diagnosed');
END;
DROP TRIGGER readiness_counts_fd;
CREATE TRIGGER readiness_counts_fd AFTER DELETE ON score_facts
BEGIN
  UPDATE readiness_counts SET with_redlines = with_redlines - (COALESCE(OLD.redlines, 0) > 0), redlines = redlines - COALESCE(OLD.redlines, 0),
      classification_done = classification_done - COALESCE(OLD.classification_done, 0),
      catalogue_filed = catalogue_filed - COALESCE(OLD.catalogue_filed, 0), candidates_held = candidates_held - COALESCE(OLD.candidates_held, 0),
      key_candidates = key_candidates - COALESCE(OLD.key_candidate, 0)
    WHERE district_id IN (SELECT s.district_id FROM enterprise_summary s WHERE s.assessment_id = OLD.assessment_id AND +s.diagnosis_status = 'diagnosed');
END;
