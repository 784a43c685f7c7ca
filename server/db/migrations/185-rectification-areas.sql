-- The rectification work list names the areas (questionnaire sections) with listed findings in the caller's district
-- or the city. They were a SELECT DISTINCT over rectification_tally (migration 160) on every page: 7,000 rows and a
-- temporary B-tree at 5,000 enterprises, the largest part of a page of the bureau's list.
--
-- rectification_areas holds, per district and section, how many rows of rectification_tally count findings (n > 0),
-- kept by triggers on the tally in the same transaction as every write: a row of the tally changes this table only
-- when it starts or stops counting findings. The areas of a district are its rows here with tallies > 0 (a key
-- range), those of the city the distinct sections of such rows (at most districts × sections: 650 rows at 5,000
-- enterprises, not more in a larger city). Rows falling to 0 stay.
CREATE TABLE rectification_areas (
  district_id INTEGER NOT NULL,
  section_id TEXT NOT NULL,   -- '' for findings without one, as in the tally
  tallies INTEGER NOT NULL,   -- rows of rectification_tally of this district and section with n > 0
  PRIMARY KEY (district_id, section_id)
) WITHOUT ROWID;

CREATE TRIGGER rectification_areas_ti AFTER INSERT ON rectification_tally WHEN NEW.n > 0
BEGIN
  INSERT INTO rectification_areas (district_id, section_id, tallies) VALUES (NEW.district_id, NEW.section_id, 1)
    ON CONFLICT (district_id, section_id) DO UPDATE SET tallies = tallies + 1;
END;
-- The tally's code only changes n (its upserts); a changed key is followed all the same.
CREATE TRIGGER rectification_areas_tu AFTER UPDATE ON rectification_tally
WHEN (OLD.n > 0) IS NOT (NEW.n > 0) OR OLD.district_id IS NOT NEW.district_id OR OLD.section_id IS NOT NEW.section_id
BEGIN
  UPDATE rectification_areas SET tallies = tallies - 1
  WHERE OLD.n > 0 AND district_id = OLD.district_id AND section_id = OLD.section_id;
  INSERT INTO rectification_areas (district_id, section_id, tallies)
    SELECT NEW.district_id, NEW.section_id, 1 WHERE NEW.n > 0
    ON CONFLICT (district_id, section_id) DO UPDATE SET tallies = tallies + 1;
END;
CREATE TRIGGER rectification_areas_td AFTER DELETE ON rectification_tally WHEN OLD.n > 0
BEGIN
  UPDATE rectification_areas SET tallies = tallies - 1 WHERE district_id = OLD.district_id AND section_id = OLD.section_id;
END;

INSERT INTO rectification_areas (district_id, section_id, tallies)
  SELECT district_id, section_id, COUNT(*) FROM rectification_tally WHERE n > 0 GROUP BY 1, 2;
