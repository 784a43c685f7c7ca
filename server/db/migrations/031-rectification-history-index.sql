-- Listing a rectification's history (and its latest step) looks rows up by rectification.
CREATE INDEX rectification_history_rectification ON rectification_history(rectification_id);
