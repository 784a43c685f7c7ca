-- An answer row named its item by its text id ('transmission.ot_boundary', 21 bytes on average, about 130 rows an
-- assessment): a third of the row. Item ids are now numbered once for the whole database in item_keys, and answers
-- are kept by (assessment_id, item) with that number. Readers join item_keys for the text id (services/answers.ts,
-- services/assessments.ts storedAnswers); the other tables keep the text id. The evidence basis, recorded for two
-- thirds of the answers, is kept as its number too (1 onsite, 2 document, 3 verbal; db/answer-value.ts).
CREATE TABLE item_keys (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL UNIQUE
);
INSERT INTO item_keys (item_id) SELECT DISTINCT item_id FROM answers ORDER BY item_id;

CREATE TABLE answers_by_item_key (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item INTEGER NOT NULL REFERENCES item_keys(id),
  value TEXT NOT NULL,                 -- JSON, or a large value's compressed JSON (db/answer-value.ts)
  basis INTEGER CHECK (basis IN (1, 2, 3)),  -- 现场核验 onsite, 文档佐证 document, 口头陈述 verbal
  version INTEGER,                     -- answer_batches.result_version of the batch that last wrote the row
  updated_by INTEGER REFERENCES users(id),  -- these two: only where no batch row says them
  updated_at TEXT,
  PRIMARY KEY (assessment_id, item)
) WITHOUT ROWID;
INSERT INTO answers_by_item_key (assessment_id, item, value, basis, version, updated_by, updated_at)
SELECT v.assessment_id, k.id, v.value, CASE v.basis WHEN 'onsite' THEN 1 WHEN 'document' THEN 2 WHEN 'verbal' THEN 3 END,
  v.version, v.updated_by, v.updated_at
FROM answers v JOIN item_keys k ON k.item_id = v.item_id
ORDER BY v.assessment_id, k.id;
DROP TABLE answers;
ALTER TABLE answers_by_item_key RENAME TO answers;
