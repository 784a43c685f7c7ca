-- The compressed score detail (migration 140) still carried every text of the questionnaire it quotes — item labels,
-- problems, recommendations, references, the same in every assessment of a questionnaire: about 17 KB a score, a
-- quarter of a large city's database. Each such text is now stored once here and the detail refers to it by id
-- (server/db/score-record.ts, detail_format 2): about 4.5 KB a score. Rows are never changed or deleted (archived
-- results refer to them too). Existing details are rewritten once every pending migration has run
-- (convertStoredScores, from server/db/open.ts), by the same code that writes new ones.
CREATE TABLE score_texts (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);
ALTER TABLE scores ADD COLUMN detail_format INTEGER;
ALTER TABLE score_archive ADD COLUMN detail_format INTEGER;
