-- Verifying an uploaded PDF looks its SHA-256 up among the issued reports: an index instead of a scan of them all.
CREATE INDEX reports_sha256 ON reports(sha256);
