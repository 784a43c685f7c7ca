-- The dashboard lists key-enterprise candidates (an enterprise whose answers meet its industry's 重点企业遴选 criterion
-- in the annex; the scoring result's summary says so as keyEnterpriseCandidate). Kept in score_facts beside the red
-- lines, filled by the same triggers, so the dashboard never reads the score JSON. NULL = the result does not say.
ALTER TABLE score_facts ADD COLUMN key_candidate INTEGER;

DROP TRIGGER score_facts_si;
DROP TRIGGER score_facts_su;

CREATE TRIGGER score_facts_si AFTER INSERT ON scores
BEGIN
  DELETE FROM score_facts WHERE assessment_id = NEW.assessment_id;
  INSERT INTO score_facts (assessment_id, redlines, classification_done, catalogue_filed, candidates_held, key_candidate)
  SELECT NEW.assessment_id, json_extract(j, '$.redlines'), json_extract(j, '$.classificationDone'),
         json_extract(j, '$.catalogueFiled'), json_extract(j, '$.candidatesHeld'), json_extract(j, '$.keyEnterpriseCandidate')
  FROM (SELECT CASE WHEN json_valid(NEW.result) THEN json_extract(NEW.result, '$.summary') END AS j);
END;
CREATE TRIGGER score_facts_su AFTER UPDATE OF result ON scores
BEGIN
  DELETE FROM score_facts WHERE assessment_id = OLD.assessment_id;
  INSERT INTO score_facts (assessment_id, redlines, classification_done, catalogue_filed, candidates_held, key_candidate)
  SELECT NEW.assessment_id, json_extract(j, '$.redlines'), json_extract(j, '$.classificationDone'),
         json_extract(j, '$.catalogueFiled'), json_extract(j, '$.candidatesHeld'), json_extract(j, '$.keyEnterpriseCandidate')
  FROM (SELECT CASE WHEN json_valid(NEW.result) THEN json_extract(NEW.result, '$.summary') END AS j);
END;

-- Fill from the scores already there.
UPDATE score_facts SET key_candidate = (
  SELECT CASE WHEN json_valid(s.result) THEN json_extract(s.result, '$.summary.keyEnterpriseCandidate') END
  FROM scores s WHERE s.assessment_id = score_facts.assessment_id
);
