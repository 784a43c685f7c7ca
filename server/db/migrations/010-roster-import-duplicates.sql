-- Roster imports also count rows that repeat an earlier row of the same file (reported, not applied).
ALTER TABLE roster_imports ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
