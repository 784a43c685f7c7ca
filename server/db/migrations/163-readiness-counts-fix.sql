-- The first version of migration 162's trigger that takes an enterprise's latest report out of readiness_counts read
-- the sums' names inside a sub-select over score_facts, whose columns have the same names: it subtracted the report's
-- own figures from themselves, so a district's red lines, classification and candidates sums fell to that report's
-- values. Migration 162 has the corrected trigger now; a database that ran the first version gets its sums counted
-- afresh (and the corrected trigger, the same as 162's).
DROP TRIGGER level_counts_sd;
CREATE TRIGGER level_counts_sd AFTER DELETE ON enterprise_summary WHEN OLD.diagnosis_status = 'diagnosed'
BEGIN
  UPDATE level_counts SET n = n - 1
    WHERE district_id = OLD.district_id AND industry_code = OLD.industry_code
      AND risk_level = COALESCE(OLD.risk_level, '') AND maturity_level = COALESCE(OLD.maturity_level, -1);
  UPDATE readiness_counts SET diagnosed = diagnosed - 1,
    with_redlines = with_redlines - COALESCE((SELECT f.redlines > 0 FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
    redlines = redlines - COALESCE((SELECT f.redlines FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
    classification_done = classification_done - COALESCE((SELECT f.classification_done FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
    catalogue_filed = catalogue_filed - COALESCE((SELECT f.catalogue_filed FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
    candidates_held = candidates_held - COALESCE((SELECT f.candidates_held FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
    key_candidates = key_candidates - COALESCE((SELECT f.key_candidate FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0)
  WHERE district_id = OLD.district_id;
END;

DELETE FROM readiness_counts;
INSERT INTO readiness_counts (district_id, diagnosed, with_redlines, redlines, classification_done, catalogue_filed, candidates_held, key_candidates)
  SELECT s.district_id, COUNT(*), SUM(COALESCE(f.redlines, 0) > 0), SUM(COALESCE(f.redlines, 0)), SUM(COALESCE(f.classification_done, 0)),
    SUM(COALESCE(f.catalogue_filed, 0)), SUM(COALESCE(f.candidates_held, 0)), SUM(COALESCE(f.key_candidate, 0))
  FROM enterprise_summary s LEFT JOIN score_facts f ON f.assessment_id = s.assessment_id
  WHERE s.diagnosis_status = 'diagnosed' GROUP BY s.district_id;
