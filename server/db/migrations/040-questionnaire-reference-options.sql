-- The district and industry options a questionnaire version was composed with, when they came from the city's
-- reference data (data/seed/reference.yaml) rather than from the questionnaire file: JSON
-- {"district": [{value, label}], "industry": [...]}. Kept so an assessment pinned to that version is shown the
-- options it was answered against even after the reference file changes.
ALTER TABLE questionnaire_versions ADD COLUMN reference_options TEXT;
