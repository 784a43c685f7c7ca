-- Answer values of 512 bytes of JSON or more (a questionnaire's data inventory) are stored brotli-compressed in a
-- BLOB (server/db/answer-value.ts): about 280 bytes instead of 2 KB plus a mostly empty overflow page. The rows
-- written before are converted by the TypeScript step of this migration (db/open.ts, AFTER_ALL); this file only
-- records it. Readers take either form, so a value not yet converted reads the same.
SELECT 1;
