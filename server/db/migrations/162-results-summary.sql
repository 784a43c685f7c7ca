-- The results dashboard counted every diagnosed enterprise's levels and readiness facts per request
-- (enterprise_summary, and score_facts for each one's latest report: 11 ms at 15,000 enterprises, three times that at
-- 50,000). Two summaries kept by triggers in the same transaction as every write make it a read of a few hundred rows:
-- level_counts: diagnosed enterprises per district, industry, risk level and maturity level of their latest report
--   ('' and -1 when that report has no stored score: 未评分);
-- readiness_counts: per district, the diagnosed enterprises and the sums of their latest report's score_facts.
-- enterprise_summary rows are only ever inserted and deleted (migration 090 rewrites a row as both), and score_facts
-- rows too (migrations 092, 130): each trigger moves the one enterprise or report it concerns.
CREATE TABLE level_counts (
  district_id INTEGER NOT NULL,
  industry_code TEXT NOT NULL,
  risk_level TEXT NOT NULL,
  maturity_level INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (district_id, industry_code, risk_level, maturity_level)
) WITHOUT ROWID;
CREATE TABLE readiness_counts (
  district_id INTEGER PRIMARY KEY,
  diagnosed INTEGER NOT NULL,
  with_redlines INTEGER NOT NULL,
  redlines INTEGER NOT NULL,
  classification_done INTEGER NOT NULL,
  catalogue_filed INTEGER NOT NULL,
  candidates_held INTEGER NOT NULL,
  key_candidates INTEGER NOT NULL
);

CREATE TRIGGER level_counts_si AFTER INSERT ON enterprise_summary WHEN NEW.diagnosis_status = 'diagnosed'
BEGIN
  INSERT INTO level_counts (district_id, industry_code, risk_level, maturity_level, n)
    VALUES (NEW.district_id, NEW.industry_code, COALESCE(NEW.risk_level, ''), COALESCE(NEW.maturity_level, -1), 1)
    ON CONFLICT (district_id, industry_code, risk_level, maturity_level) DO UPDATE SET n = n + 1;
  INSERT INTO readiness_counts (district_id, diagnosed, with_redlines, redlines, classification_done, catalogue_filed, candidates_held, key_candidates)
    SELECT NEW.district_id, 1, COALESCE(f.redlines, 0) > 0, COALESCE(f.redlines, 0), COALESCE(f.classification_done, 0),
      COALESCE(f.catalogue_filed, 0), COALESCE(f.candidates_held, 0), COALESCE(f.key_candidate, 0)
    FROM (SELECT 1) LEFT JOIN score_facts f ON f.assessment_id = NEW.assessment_id WHERE 1
    ON CONFLICT (district_id) DO UPDATE SET diagnosed = diagnosed + excluded.diagnosed, with_redlines = with_redlines + excluded.with_redlines,
      redlines = redlines + excluded.redlines, classification_done = classification_done + excluded.classification_done,
      catalogue_filed = catalogue_filed + excluded.catalogue_filed, candidates_held = candidates_held + excluded.candidates_held,
      key_candidates = key_candidates + excluded.key_candidates;
END;
CREATE TRIGGER level_counts_sd AFTER DELETE ON enterprise_summary WHEN OLD.diagnosis_status = 'diagnosed'
BEGIN
  UPDATE level_counts SET n = n - 1
    WHERE district_id = OLD.district_id AND industry_code = OLD.industry_code
      AND risk_level = COALESCE(OLD.risk_level, '') AND maturity_level = COALESCE(OLD.maturity_level, -1);
  -- Each figure of the report's facts read by its own subquery: in one correlated SELECT over score_facts, the
  -- unqualified names (redlines, …) would be score_facts' columns, not this table's.
  UPDATE readiness_counts SET diagnosed = diagnosed - 1,
      with_redlines = with_redlines - COALESCE((SELECT f.redlines > 0 FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
      redlines = redlines - COALESCE((SELECT f.redlines FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
      classification_done = classification_done - COALESCE((SELECT f.classification_done FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
      catalogue_filed = catalogue_filed - COALESCE((SELECT f.catalogue_filed FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
      candidates_held = candidates_held - COALESCE((SELECT f.candidates_held FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0),
      key_candidates = key_candidates - COALESCE((SELECT f.key_candidate FROM score_facts f WHERE f.assessment_id = OLD.assessment_id), 0)
    WHERE district_id = OLD.district_id;
END;
-- A report's facts changed (re-scored) while it is an enterprise's latest: its district's sums follow.
CREATE TRIGGER readiness_counts_fi AFTER INSERT ON score_facts
BEGIN
  UPDATE readiness_counts SET with_redlines = with_redlines + (COALESCE(NEW.redlines, 0) > 0), redlines = redlines + COALESCE(NEW.redlines, 0),
      classification_done = classification_done + COALESCE(NEW.classification_done, 0),
      catalogue_filed = catalogue_filed + COALESCE(NEW.catalogue_filed, 0), candidates_held = candidates_held + COALESCE(NEW.candidates_held, 0),
      key_candidates = key_candidates + COALESCE(NEW.key_candidate, 0)
    WHERE district_id IN (SELECT s.district_id FROM enterprise_summary s WHERE s.assessment_id = NEW.assessment_id AND s.diagnosis_status = 'diagnosed');
END;
CREATE TRIGGER readiness_counts_fd AFTER DELETE ON score_facts
BEGIN
  UPDATE readiness_counts SET with_redlines = with_redlines - (COALESCE(OLD.redlines, 0) > 0), redlines = redlines - COALESCE(OLD.redlines, 0),
      classification_done = classification_done - COALESCE(OLD.classification_done, 0),
      catalogue_filed = catalogue_filed - COALESCE(OLD.catalogue_filed, 0), candidates_held = candidates_held - COALESCE(OLD.candidates_held, 0),
      key_candidates = key_candidates - COALESCE(OLD.key_candidate, 0)
    WHERE district_id IN (SELECT s.district_id FROM enterprise_summary s WHERE s.assessment_id = OLD.assessment_id AND s.diagnosis_status = 'diagnosed');
END;
CREATE INDEX enterprise_summary_assessment ON enterprise_summary(assessment_id);

INSERT INTO level_counts (district_id, industry_code, risk_level, maturity_level, n)
  SELECT district_id, industry_code, COALESCE(risk_level, ''), COALESCE(maturity_level, -1), COUNT(*) FROM enterprise_summary
  WHERE diagnosis_status = 'diagnosed' GROUP BY 1, 2, 3, 4;
INSERT INTO readiness_counts (district_id, diagnosed, with_redlines, redlines, classification_done, catalogue_filed, candidates_held, key_candidates)
  SELECT s.district_id, COUNT(*), SUM(COALESCE(f.redlines, 0) > 0), SUM(COALESCE(f.redlines, 0)), SUM(COALESCE(f.classification_done, 0)),
    SUM(COALESCE(f.catalogue_filed, 0)), SUM(COALESCE(f.candidates_held, 0)), SUM(COALESCE(f.key_candidate, 0))
  FROM enterprise_summary s LEFT JOIN score_facts f ON f.assessment_id = s.assessment_id
  WHERE s.diagnosis_status = 'diagnosed' GROUP BY s.district_id;
