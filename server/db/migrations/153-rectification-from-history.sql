-- A rectification row repeated what its history says: its note is the latest note of a status change, and who
-- accepted it and when is its step to accepted (about 80 bytes of a finding's 145, 46 findings an assessment). Those
-- columns now hold a value only where the history does not say it (services/rectifications.ts reads the history
-- with every row); the rows written so far are cleared where their history says the same, so nothing is lost.
-- rectifications_item (item_id, assessment_id) goes: the most frequent findings are read from item_counts, and no
-- query looks rectifications up by item alone (the unique (assessment_id, item_id) key serves the rest).
UPDATE rectifications SET note = NULL
WHERE note IS NOT NULL AND note IS (
  SELECT h.note FROM rectification_history h
  WHERE h.rectification_id = rectifications.id AND h.due_date IS NULL AND h.note IS NOT NULL ORDER BY h.id DESC LIMIT 1);

UPDATE rectifications SET confirmed_by = NULL, confirmed_at = NULL
WHERE confirmed_by IS NOT NULL AND EXISTS (
  SELECT 1 FROM (SELECT h.user_id, h.changed_at FROM rectification_history h
                 WHERE h.rectification_id = rectifications.id AND h.due_date IS NULL AND h.new_status = 'accepted'
                 ORDER BY h.id DESC LIMIT 1) last
  WHERE last.user_id IS rectifications.confirmed_by AND last.changed_at IS rectifications.confirmed_at);

DROP INDEX IF EXISTS rectifications_item;
