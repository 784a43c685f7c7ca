-- Summary data the bureau's dashboard reads instead of aggregating the raw tables per request. Triggers keep it in
-- the same transaction as every write, so it can never disagree with the tables it summarises.
--
-- enterprise_summary: one row per enterprise — its diagnosis status (diagnosed = an assessment with status issued;
-- else refused when marked so; else in_progress when any assessment exists; else not_started), when its first report
-- was issued (the weekly trend), and the levels of its latest issued report (read from the scores columns, never
-- from the score JSON).
CREATE TABLE enterprise_summary (
  enterprise_id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  industry_code TEXT NOT NULL,
  diagnosis_status TEXT NOT NULL CHECK (diagnosis_status IN ('diagnosed', 'in_progress', 'not_started', 'refused')),
  first_issued_at TEXT,
  assessment_id INTEGER,
  risk_level TEXT,
  maturity_level INTEGER
);
CREATE INDEX enterprise_summary_district ON enterprise_summary(district_id, industry_code, diagnosis_status);
CREATE INDEX enterprise_summary_industry ON enterprise_summary(industry_code, diagnosis_status);
CREATE INDEX enterprise_summary_status ON enterprise_summary(diagnosis_status, district_id);

-- finding_counts: rectification rows (findings) per assessment and status.
CREATE TABLE finding_counts (
  assessment_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, status)
) WITHOUT ROWID;

CREATE TRIGGER enterprise_summary_ei AFTER INSERT ON enterprises
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = NEW.id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = NEW.id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = NEW.id;
END;
CREATE TRIGGER enterprise_summary_eu AFTER UPDATE OF refused, district_id, industry_code ON enterprises
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = NEW.id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = NEW.id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = NEW.id;
END;
CREATE TRIGGER enterprise_summary_ed AFTER DELETE ON enterprises
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = OLD.id;
END;
CREATE TRIGGER enterprise_summary_ai AFTER INSERT ON assessments
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = NEW.enterprise_id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = NEW.enterprise_id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = NEW.enterprise_id;
END;
CREATE TRIGGER enterprise_summary_au AFTER UPDATE OF status, issued_at, enterprise_id ON assessments
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = NEW.enterprise_id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = NEW.enterprise_id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = NEW.enterprise_id;
END;
CREATE TRIGGER enterprise_summary_au_old AFTER UPDATE OF enterprise_id ON assessments WHEN OLD.enterprise_id <> NEW.enterprise_id
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = OLD.enterprise_id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = OLD.enterprise_id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = OLD.enterprise_id;
END;
CREATE TRIGGER enterprise_summary_ad AFTER DELETE ON assessments
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = OLD.enterprise_id;
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = OLD.enterprise_id AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = OLD.enterprise_id;
END;
CREATE TRIGGER enterprise_summary_si AFTER INSERT ON scores
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id);
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id) AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id);
END;
CREATE TRIGGER enterprise_summary_su AFTER UPDATE OF risk_level, maturity_level ON scores
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id);
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id) AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id);
END;
CREATE TRIGGER enterprise_summary_sd AFTER DELETE ON scores
BEGIN
  DELETE FROM enterprise_summary WHERE enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = OLD.assessment_id);
  INSERT INTO enterprise_summary
    (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
  SELECT e.id, e.district_id, e.industry_code,
    CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
         WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
         ELSE 'not_started' END,
    (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
    li.id, s.risk_level, s.maturity_level
  FROM enterprises e
  LEFT JOIN (SELECT a.id FROM assessments a WHERE a.enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = OLD.assessment_id) AND a.status = 'issued'
             ORDER BY a.issued_at DESC, a.id DESC LIMIT 1) li ON 1 = 1
  LEFT JOIN scores s ON s.assessment_id = li.id
  WHERE e.id = (SELECT enterprise_id FROM assessments WHERE id = OLD.assessment_id);
END;
CREATE TRIGGER finding_counts_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO finding_counts (assessment_id, status, n) SELECT NEW.assessment_id, NEW.status, 0
    WHERE NOT EXISTS (SELECT 1 FROM finding_counts WHERE assessment_id = NEW.assessment_id AND status = NEW.status);
  UPDATE finding_counts SET n = n + 1 WHERE assessment_id = NEW.assessment_id AND status = NEW.status;
END;
CREATE TRIGGER finding_counts_ru AFTER UPDATE OF status ON rectifications
BEGIN
  UPDATE finding_counts SET n = n - 1 WHERE assessment_id = OLD.assessment_id AND status = OLD.status;
  DELETE FROM finding_counts WHERE assessment_id = OLD.assessment_id AND status = OLD.status AND n <= 0;
  INSERT INTO finding_counts (assessment_id, status, n) SELECT NEW.assessment_id, NEW.status, 0
    WHERE NOT EXISTS (SELECT 1 FROM finding_counts WHERE assessment_id = NEW.assessment_id AND status = NEW.status);
  UPDATE finding_counts SET n = n + 1 WHERE assessment_id = NEW.assessment_id AND status = NEW.status;
END;
CREATE TRIGGER finding_counts_rd AFTER DELETE ON rectifications
BEGIN
  UPDATE finding_counts SET n = n - 1 WHERE assessment_id = OLD.assessment_id AND status = OLD.status;
  DELETE FROM finding_counts WHERE assessment_id = OLD.assessment_id AND status = OLD.status AND n <= 0;
END;

-- enterprise_items: findings per enterprise and checklist item; item_counts: per district and item, how many
-- enterprises have the finding and how many findings there are (the dashboard's most frequent findings).
CREATE TABLE enterprise_items (
  enterprise_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (enterprise_id, item_id)
) WITHOUT ROWID;
CREATE TABLE item_counts (
  district_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  enterprises INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  PRIMARY KEY (district_id, item_id)
) WITHOUT ROWID;
-- A finding never changes its item or assessment (the workflow only moves its status); refusing it keeps the counts
-- above true.
CREATE TRIGGER rectifications_item_fixed BEFORE UPDATE OF item_id, assessment_id ON rectifications
WHEN NEW.item_id IS NOT OLD.item_id OR NEW.assessment_id IS NOT OLD.assessment_id
BEGIN SELECT RAISE(ABORT, 'a rectification keeps its item and assessment'); END;
CREATE TRIGGER item_counts_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO enterprise_items (enterprise_id, item_id, n)
    SELECT a.enterprise_id, NEW.item_id, 0 FROM assessments a WHERE a.id = NEW.assessment_id
      AND NOT EXISTS (SELECT 1 FROM enterprise_items WHERE enterprise_id = a.enterprise_id AND item_id = NEW.item_id);
  UPDATE enterprise_items SET n = n + 1
    WHERE enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = NEW.assessment_id) AND item_id = NEW.item_id;
  INSERT INTO item_counts (district_id, item_id, enterprises, findings)
    SELECT e.district_id, NEW.item_id, 0, 0 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.id = NEW.assessment_id
      AND NOT EXISTS (SELECT 1 FROM item_counts WHERE district_id = e.district_id AND item_id = NEW.item_id);
  UPDATE item_counts SET findings = findings + 1,
      enterprises = enterprises + (SELECT ei.n = 1 FROM enterprise_items ei JOIN assessments a ON a.enterprise_id = ei.enterprise_id
                                   WHERE a.id = NEW.assessment_id AND ei.item_id = NEW.item_id)
    WHERE item_id = NEW.item_id
      AND district_id = (SELECT e.district_id FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = NEW.assessment_id);
END;
CREATE TRIGGER item_counts_rd AFTER DELETE ON rectifications
BEGIN
  UPDATE enterprise_items SET n = n - 1
    WHERE enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = OLD.assessment_id) AND item_id = OLD.item_id;
  UPDATE item_counts SET findings = findings - 1,
      enterprises = enterprises - (SELECT ei.n = 0 FROM enterprise_items ei JOIN assessments a ON a.enterprise_id = ei.enterprise_id
                                   WHERE a.id = OLD.assessment_id AND ei.item_id = OLD.item_id)
    WHERE item_id = OLD.item_id
      AND district_id = (SELECT e.district_id FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = OLD.assessment_id);
  DELETE FROM enterprise_items WHERE n <= 0 AND item_id = OLD.item_id
    AND enterprise_id = (SELECT enterprise_id FROM assessments WHERE id = OLD.assessment_id);
  DELETE FROM item_counts WHERE findings <= 0 AND item_id = OLD.item_id;
END;
-- An enterprise moving district takes its findings along.
CREATE TRIGGER item_counts_eu AFTER UPDATE OF district_id ON enterprises WHEN NEW.district_id <> OLD.district_id
BEGIN
  UPDATE item_counts SET enterprises = enterprises - 1,
      findings = findings - (SELECT n FROM enterprise_items ei WHERE ei.enterprise_id = NEW.id AND ei.item_id = item_counts.item_id)
    WHERE district_id = OLD.district_id AND item_id IN (SELECT item_id FROM enterprise_items WHERE enterprise_id = NEW.id);
  DELETE FROM item_counts WHERE district_id = OLD.district_id AND findings <= 0;
  INSERT INTO item_counts (district_id, item_id, enterprises, findings)
    SELECT NEW.district_id, ei.item_id, 0, 0 FROM enterprise_items ei WHERE ei.enterprise_id = NEW.id
      AND NOT EXISTS (SELECT 1 FROM item_counts WHERE district_id = NEW.district_id AND item_id = ei.item_id);
  UPDATE item_counts SET enterprises = enterprises + 1,
      findings = findings + (SELECT n FROM enterprise_items ei WHERE ei.enterprise_id = NEW.id AND ei.item_id = item_counts.item_id)
    WHERE district_id = NEW.district_id AND item_id IN (SELECT item_id FROM enterprise_items WHERE enterprise_id = NEW.id);
END;

-- Fill the summaries from the data already there.
INSERT INTO enterprise_summary
  (enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level)
SELECT e.id, e.district_id, e.industry_code,
  CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
       WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress'
       ELSE 'not_started' END,
  (SELECT MIN(a.issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'),
  li.id, s.risk_level, s.maturity_level
FROM enterprises e
LEFT JOIN assessments li ON li.id = (SELECT a.id FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued'
                                     ORDER BY a.issued_at DESC, a.id DESC LIMIT 1)
LEFT JOIN scores s ON s.assessment_id = li.id;
INSERT INTO finding_counts (assessment_id, status, n)
SELECT assessment_id, status, COUNT(*) FROM rectifications GROUP BY assessment_id, status;
INSERT INTO enterprise_items (enterprise_id, item_id, n)
SELECT a.enterprise_id, r.item_id, COUNT(*) FROM rectifications r JOIN assessments a ON a.id = r.assessment_id
GROUP BY a.enterprise_id, r.item_id;
INSERT INTO item_counts (district_id, item_id, enterprises, findings)
SELECT e.district_id, ei.item_id, COUNT(*), SUM(ei.n) FROM enterprise_items ei JOIN enterprises e ON e.id = ei.enterprise_id
GROUP BY e.district_id, ei.item_id;

-- The indexes the list and dashboard query plans were missing.
CREATE INDEX IF NOT EXISTS assessments_updated ON assessments(updated_at, id);
CREATE INDEX IF NOT EXISTS assessments_status_updated ON assessments(status, updated_at, id);
CREATE INDEX IF NOT EXISTS assessments_enterprise_status ON assessments(enterprise_id, status, created_at);
CREATE INDEX IF NOT EXISTS enterprises_district_name ON enterprises(district_id, name, id);
CREATE INDEX IF NOT EXISTS rectifications_assessment_status ON rectifications(assessment_id, status);
CREATE INDEX IF NOT EXISTS scores_levels ON scores(assessment_id, risk_level, maturity_level);
CREATE INDEX IF NOT EXISTS rectifications_item ON rectifications(item_id, assessment_id);
