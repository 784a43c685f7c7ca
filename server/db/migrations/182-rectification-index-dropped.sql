-- rectifications(assessment_id, status) served the per-assessment counts that finding_counts (migration 095) and the
-- rectification work list's own indexes (160) now answer; every remaining read by assessment names its id, which the
-- (assessment_id, item_id) key already orders. One index entry less per finding: about 1 KB of an assessment.
DROP INDEX IF EXISTS rectifications_assessment_status;
