-- score_facts: the few figures of a stored score result (scoring model 2.x, its `summary`) the bureau's dashboard
-- counts — red lines failed and classification readiness — kept in a narrow row so the dashboard never reads the
-- score JSON (100–150 KB a row) and never walks its overflow pages. Triggers fill it from the result in the same
-- transaction as every score write (submit, re-score), so it cannot disagree with the stored result. NULL = the
-- result does not say (a result of scoring model 1.x, before `summary` existed).
CREATE TABLE score_facts (
  assessment_id INTEGER PRIMARY KEY,
  redlines INTEGER,
  classification_done INTEGER,
  catalogue_filed INTEGER,
  candidates_held INTEGER
);

CREATE TRIGGER score_facts_si AFTER INSERT ON scores
BEGIN
  DELETE FROM score_facts WHERE assessment_id = NEW.assessment_id;
  INSERT INTO score_facts (assessment_id, redlines, classification_done, catalogue_filed, candidates_held)
  SELECT NEW.assessment_id, json_extract(j, '$.redlines'), json_extract(j, '$.classificationDone'),
         json_extract(j, '$.catalogueFiled'), json_extract(j, '$.candidatesHeld')
  FROM (SELECT CASE WHEN json_valid(NEW.result) THEN json_extract(NEW.result, '$.summary') END AS j);
END;
CREATE TRIGGER score_facts_su AFTER UPDATE OF result ON scores
BEGIN
  DELETE FROM score_facts WHERE assessment_id = OLD.assessment_id;
  INSERT INTO score_facts (assessment_id, redlines, classification_done, catalogue_filed, candidates_held)
  SELECT NEW.assessment_id, json_extract(j, '$.redlines'), json_extract(j, '$.classificationDone'),
         json_extract(j, '$.catalogueFiled'), json_extract(j, '$.candidatesHeld')
  FROM (SELECT CASE WHEN json_valid(NEW.result) THEN json_extract(NEW.result, '$.summary') END AS j);
END;
CREATE TRIGGER score_facts_sd AFTER DELETE ON scores
BEGIN
  DELETE FROM score_facts WHERE assessment_id = OLD.assessment_id;
END;

-- Fill from the scores already there.
INSERT INTO score_facts (assessment_id, redlines, classification_done, catalogue_filed, candidates_held)
SELECT assessment_id, json_extract(j, '$.redlines'), json_extract(j, '$.classificationDone'),
       json_extract(j, '$.catalogueFiled'), json_extract(j, '$.candidatesHeld')
FROM (SELECT assessment_id, CASE WHEN json_valid(result) THEN json_extract(result, '$.summary') END AS j FROM scores);
