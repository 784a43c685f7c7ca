-- The stored score result was 100–150 KB of JSON a row (64 % of a 50,000-enterprise city's 22.7 GB), and
-- scored_at sat after it, so reading scored_at walked each row's overflow chain. The result is now split
-- (server/db/score-record.ts): `result` keeps the small top-level keys as JSON (scoring model, questionnaire,
-- variant, profile, summary — what the score_facts triggers read), the new last column `detail` the rest as
-- brotli-compressed JSON. Rows are converted here by the same code (score_head / score_detail, registered when the
-- database is opened). A NULL detail means `result` holds the whole result. The freed pages are reused by later
-- writes; `VACUUM` returns them to the file system. Numbered after 100, whose backfill reads findings from `result`.
ALTER TABLE scores ADD COLUMN detail BLOB;
UPDATE scores SET detail = score_detail(result), result = score_head(result) WHERE detail IS NULL;

ALTER TABLE score_archive ADD COLUMN detail BLOB;
UPDATE score_archive SET detail = score_detail(result), result = score_head(result) WHERE detail IS NULL;
