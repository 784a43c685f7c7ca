-- The diagnosis report is issued as two files: the report itself (about 15 pages: the summary chapters and the top
-- problems) and its annex (附件: every finding, the whole catalogue, the risk register, the obligations' basis, every
-- process area and every answer). Both are stored with their own SHA-256 and verified with the report's code.
-- Reports issued before this have no annex: their one file is the whole report (NULLs here).
ALTER TABLE reports ADD COLUMN annex_sha256 TEXT;
ALTER TABLE reports ADD COLUMN annex_size INTEGER;
ALTER TABLE reports ADD COLUMN annex_file_path TEXT;
CREATE INDEX reports_annex_sha256 ON reports(annex_sha256) WHERE annex_sha256 IS NOT NULL;
