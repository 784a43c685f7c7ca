-- A batch id reused with different content must be refused, not answered with the old result (the new content would
-- be silently dropped). The hash of what the client sent is kept with the batch; batches stored before have none
-- and replay as before.
ALTER TABLE answer_batches ADD COLUMN content_sha256 TEXT;
