-- The figures the bureau owes upward.
-- plan_figures: the 年度计划表's values the product cannot compute, entered by the bureau per year and indicator
-- (the indicators are listed in services/upward.ts); computed indicators are never stored.
CREATE TABLE plan_figures (
  year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  target TEXT,
  actual INTEGER,
  note TEXT,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, indicator)
);

-- 宣贯培训: one row per session, with the enterprises that attended.
CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  held_on TEXT NOT NULL,               -- YYYY-MM-DD
  course TEXT NOT NULL,
  organiser TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id),
  person_times INTEGER NOT NULL CHECK (person_times >= 0),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX trainings_held_on ON trainings(held_on);
CREATE TABLE training_enterprises (
  training_id INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (training_id, enterprise_id)
) WITHOUT ROWID;
CREATE INDEX training_enterprises_enterprise ON training_enterprises(enterprise_id);

-- Typical-case candidates the bureau marks, exported as the 推荐汇总表.
CREATE TABLE case_candidates (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  case_name TEXT NOT NULL,
  category TEXT NOT NULL,              -- 企业类别 as the form writes it (行业 / 领域)
  direction TEXT NOT NULL,             -- 申报方向 (the notice's directions and types)
  summary TEXT NOT NULL CHECK (length(summary) <= 100),
  contact_name TEXT,
  contact_phone TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX case_candidates_year ON case_candidates(year, id);
