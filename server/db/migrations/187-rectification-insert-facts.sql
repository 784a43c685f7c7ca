-- A finding inserted with its facts (work start, stage, district, enterprise: migrations 160, 164) already right is no
-- longer rewritten by rectification_facts_ri. That rewrite, an UPDATE of the new row and of its work-list indexes
-- with the tally triggers it fires, was 70 % of inserting a finding; the scale generator inserts millions of
-- copied findings (server/demo/clone.ts) with their facts. A finding inserted without them (the services, at submit)
-- is completed as before.
--
-- The tallies that followed the rewrite (rectification_tally, owed_due, enterprise_tally) now also count a finding
-- when it is inserted, with the facts it was inserted with; the rewrite, when it happens, moves it from those to the
-- right ones (its update triggers take the old values off and add the new), so the sum is the same in either order.
DROP TRIGGER rectification_facts_ri;
CREATE TRIGGER rectification_facts_ri AFTER INSERT ON rectifications
WHEN NOT EXISTS (SELECT 1 FROM rectification_facts f WHERE f.assessment_id = NEW.assessment_id AND f.work_start IS NEW.work_start
                   AND f.stage IS NEW.stage AND f.district_id IS NEW.district_id AND f.enterprise_id IS NEW.enterprise_id)
BEGIN
  UPDATE rectifications SET (work_start, stage, district_id, enterprise_id) =
    (SELECT f.work_start, f.stage, f.district_id, f.enterprise_id FROM rectification_facts f WHERE f.assessment_id = NEW.assessment_id)
  WHERE id = NEW.id;
END;

CREATE TRIGGER rectification_summaries_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO owed_due (district_id, due_on, n)
    SELECT NEW.district_id, NEW.effective_due, 1
    WHERE NEW.stage = 'issued' AND NEW.status IN ('open', 'in_progress') AND NEW.effective_due IS NOT NULL
    ON CONFLICT (district_id, due_on) DO UPDATE SET n = n + excluded.n;
  INSERT INTO rectification_tally (district_id, status, priority, section_id, dated, n)
    SELECT NEW.district_id, NEW.status, COALESCE(NEW.priority, ''), COALESCE(NEW.section_id, ''), NEW.effective_due IS NOT NULL, 1
    WHERE NEW.stage IN ('reviewed', 'issued')
    ON CONFLICT (district_id, status, priority, section_id, dated) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER enterprise_tally_ri AFTER INSERT ON rectifications
BEGIN
  INSERT INTO enterprise_tally (enterprise_id, status, dated, n)
    SELECT NEW.enterprise_id, NEW.status, NEW.effective_due IS NOT NULL, 1 WHERE NEW.stage IN ('reviewed', 'issued')
    ON CONFLICT (enterprise_id, status, dated) DO UPDATE SET n = n + excluded.n;
END;
