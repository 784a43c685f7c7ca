-- The closing-the-loop dashboard (services/dashboard.ts `loop`) counted the raw tables per request: findings by status
-- through every assessment's finding_counts, and overdue work through every owed rectification with its due date
-- computed (0.4–1 s for a 50,000-enterprise city). Two summaries kept by triggers in the same transaction as every
-- write make both a read of a few hundred rows:
-- district_findings: rectifications (findings) per district of the enterprise and status;
-- owed_due: owed rectifications (open, in progress) of issued assessments per district and effective due date — the
-- date a confirmer set, else the priority's default (high 30, medium 90, low 180 days: RECTIFICATION_DUE_DAYS in
-- domain/workflow.ts, test/db/loop-summary.test.ts checks they agree) from the start of the work (a self-assessment's
-- review, a field one's issue). Overdue on a day = the rows due before it. Counts change by signed deltas (upserts);
-- rows that fall to 0 stay (a bounded table: districts × days).
CREATE TABLE district_findings (
  district_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (district_id, status)
) WITHOUT ROWID;
CREATE TABLE owed_due (
  district_id INTEGER NOT NULL,
  due_on TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (district_id, due_on)
) WITHOUT ROWID;

CREATE TRIGGER district_findings_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO district_findings (district_id, status, n)
    SELECT e.district_id, NEW.status, 1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = NEW.assessment_id
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER district_findings_ru AFTER UPDATE OF status ON rectifications WHEN NEW.status <> OLD.status
BEGIN
  INSERT INTO district_findings (district_id, status, n)
    SELECT e.district_id, OLD.status, -1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = OLD.assessment_id
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO district_findings (district_id, status, n)
    SELECT e.district_id, NEW.status, 1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = NEW.assessment_id
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER district_findings_rd AFTER DELETE ON rectifications
BEGIN
  INSERT INTO district_findings (district_id, status, n)
    SELECT e.district_id, OLD.status, -1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = OLD.assessment_id
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER district_findings_eu AFTER UPDATE OF district_id ON enterprises WHEN NEW.district_id <> OLD.district_id
BEGIN
  INSERT INTO district_findings (district_id, status, n)
    SELECT OLD.district_id, f.status, -SUM(f.n) FROM assessments a JOIN finding_counts f ON f.assessment_id = a.id
    WHERE a.enterprise_id = NEW.id GROUP BY f.status
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO district_findings (district_id, status, n)
    SELECT NEW.district_id, f.status, SUM(f.n) FROM assessments a JOIN finding_counts f ON f.assessment_id = a.id
    WHERE a.enterprise_id = NEW.id GROUP BY f.status
    ON CONFLICT (district_id, status) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER owed_due_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(NEW.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE NEW.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), 1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.id = NEW.assessment_id AND a.status = 'issued' AND NEW.status IN ('open', 'in_progress') AND COALESCE(NEW.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE NEW.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER owed_due_ru AFTER UPDATE OF status, due_date, priority ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(OLD.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE OLD.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), -1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.id = OLD.assessment_id AND a.status = 'issued' AND OLD.status IN ('open', 'in_progress') AND COALESCE(OLD.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE OLD.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(NEW.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE NEW.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), 1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.id = NEW.assessment_id AND a.status = 'issued' AND NEW.status IN ('open', 'in_progress') AND COALESCE(NEW.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE NEW.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER owed_due_rd AFTER DELETE ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(OLD.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE OLD.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), -1 FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
    WHERE a.id = OLD.assessment_id AND a.status = 'issued' AND OLD.status IN ('open', 'in_progress') AND COALESCE(OLD.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE OLD.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
END;
-- An assessment issued (or its start dates, kind or enterprise changed) moves all its owed rectifications.
CREATE TRIGGER owed_due_au AFTER UPDATE OF status, kind, reviewed_at, issued_at, enterprise_id ON assessments
WHEN OLD.status = 'issued' OR NEW.status = 'issued'
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(r.due_date, date(CASE WHEN OLD.kind = 'self' THEN OLD.reviewed_at ELSE OLD.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), -COUNT(*) FROM rectifications r JOIN enterprises e ON e.id = OLD.enterprise_id
    WHERE r.assessment_id = OLD.id AND OLD.status = 'issued' AND r.status IN ('open', 'in_progress') AND COALESCE(r.due_date, date(CASE WHEN OLD.kind = 'self' THEN OLD.reviewed_at ELSE OLD.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT e.district_id, COALESCE(r.due_date, date(CASE WHEN NEW.kind = 'self' THEN NEW.reviewed_at ELSE NEW.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), COUNT(*) FROM rectifications r JOIN enterprises e ON e.id = NEW.enterprise_id
    WHERE r.assessment_id = NEW.id AND NEW.status = 'issued' AND r.status IN ('open', 'in_progress') AND COALESCE(r.due_date, date(CASE WHEN NEW.kind = 'self' THEN NEW.reviewed_at ELSE NEW.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER owed_due_eu AFTER UPDATE OF district_id ON enterprises WHEN NEW.district_id <> OLD.district_id
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT OLD.district_id, COALESCE(r.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), -COUNT(*) FROM assessments a JOIN rectifications r ON r.assessment_id = a.id
    WHERE a.enterprise_id = NEW.id AND a.status = 'issued' AND r.status IN ('open', 'in_progress') AND COALESCE(r.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT NEW.district_id, COALESCE(r.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')), COUNT(*) FROM assessments a JOIN rectifications r ON r.assessment_id = a.id
    WHERE a.enterprise_id = NEW.id AND a.status = 'issued' AND r.status IN ('open', 'in_progress') AND COALESCE(r.due_date, date(CASE WHEN a.kind = 'self' THEN a.reviewed_at ELSE a.issued_at END, '+' || (CASE r.priority WHEN 'high' THEN 30 WHEN 'low' THEN 180 ELSE 90 END) || ' days')) IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
END;

-- Fill from the data already there.
INSERT INTO district_findings (district_id, status, n)
  SELECT e.district_id, r.status, COUNT(*) FROM rectifications r JOIN assessments a ON a.id = r.assessment_id
  JOIN enterprises e ON e.id = a.enterprise_id GROUP BY 1, 2;
-- owed_due is filled by server/db/loop-summary.ts once every pending migration has run: on a new database this file runs
-- before migration 100 adds the due date and priority columns it reads (the triggers read them only when they fire).
