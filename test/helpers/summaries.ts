/**
 * The summary tables the triggers keep (migrations 090, 092, 095, 160, 162, 164, 185) against the tables they
 * summarise, recomputed from scratch: used after the product's writes and after a generated city.
 */
import { expect } from 'vitest';
import type { Db } from '../../server/db/open.js';

const FROM = 'FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id';

/** The dashboard's summaries: finding counts, item counts, the enterprise summary, score facts, level and readiness counts. */
export function expectDashboardSummariesMatch(db: Db): void {
  const q = (sql: string) => db.prepare(sql).all();
  expect(q('SELECT * FROM finding_counts ORDER BY assessment_id, status')).toEqual(
    q(`SELECT assessment_id, status, COUNT(*) AS n FROM rectifications GROUP BY assessment_id, status ORDER BY assessment_id, status`),
  );
  expect(q('SELECT district_id, item_id, enterprises, findings FROM item_counts ORDER BY district_id, item_id')).toEqual(
    q(`SELECT e.district_id, r.item_id, COUNT(DISTINCT a.enterprise_id) AS enterprises, COUNT(*) AS findings
       FROM rectifications r JOIN assessments a ON a.id = r.assessment_id JOIN enterprises e ON e.id = a.enterprise_id
       GROUP BY e.district_id, r.item_id ORDER BY e.district_id, r.item_id`),
  );
  expect(q('SELECT enterprise_id, district_id, industry_code, diagnosis_status, first_issued_at, assessment_id, risk_level, maturity_level FROM enterprise_summary ORDER BY enterprise_id')).toEqual(
    q(`SELECT e.id AS enterprise_id, e.district_id, e.industry_code,
         CASE WHEN li.id IS NOT NULL THEN 'diagnosed' WHEN e.refused = 1 THEN 'refused'
              WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id) THEN 'in_progress' ELSE 'not_started' END AS diagnosis_status,
         (SELECT MIN(issued_at) FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued') AS first_issued_at,
         li.id AS assessment_id, s.risk_level, s.maturity_level
       FROM enterprises e
       LEFT JOIN assessments li ON li.id = (SELECT id FROM assessments a WHERE a.enterprise_id = e.id AND a.status = 'issued' ORDER BY issued_at DESC, id DESC LIMIT 1)
       LEFT JOIN scores s ON s.assessment_id = li.id ORDER BY e.id`),
  );
  const facts = (db.prepare('SELECT assessment_id, result FROM scores ORDER BY assessment_id').all() as { assessment_id: number; result: string }[])
    .map(({ assessment_id, result }) => {
      const s = JSON.parse(result).summary ?? {};
      const flag = (v: boolean | undefined) => (v === undefined ? null : Number(v));
      return { assessment_id, redlines: s.redlines ?? null, classification_done: flag(s.classificationDone), catalogue_filed: flag(s.catalogueFiled), candidates_held: flag(s.candidatesHeld), key_candidate: flag(s.keyEnterpriseCandidate) };
    });
  expect(q('SELECT * FROM score_facts ORDER BY assessment_id')).toEqual(facts);
  expect(q('SELECT district_id, industry_code, risk_level, maturity_level, n FROM level_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
    q(`SELECT district_id, industry_code, COALESCE(risk_level, '') AS risk_level, COALESCE(maturity_level, -1) AS maturity_level, COUNT(*) AS n
       FROM enterprise_summary WHERE diagnosis_status = 'diagnosed' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
  );
  expect(q('SELECT * FROM readiness_counts WHERE diagnosed <> 0 ORDER BY district_id')).toEqual(
    q(`SELECT s.district_id, COUNT(*) AS diagnosed, SUM(COALESCE(f.redlines, 0) > 0) AS with_redlines, SUM(COALESCE(f.redlines, 0)) AS redlines,
         SUM(COALESCE(f.classification_done, 0)) AS classification_done, SUM(COALESCE(f.catalogue_filed, 0)) AS catalogue_filed,
         SUM(COALESCE(f.candidates_held, 0)) AS candidates_held, SUM(COALESCE(f.key_candidate, 0)) AS key_candidates
       FROM enterprise_summary s LEFT JOIN score_facts f ON f.assessment_id = s.assessment_id
       WHERE s.diagnosis_status = 'diagnosed' GROUP BY s.district_id ORDER BY s.district_id`),
  );
}

/** The closing-the-loop summaries; returns the owed-by-due-date rows. */
export function expectLoopSummariesMatch(db: Db): unknown[] {
  const q = (sql: string) => db.prepare(sql).all();
  const owed = q('SELECT district_id, due_on, n FROM owed_due WHERE n <> 0 ORDER BY 1, 2');
  expect(owed).toEqual(
    q(`SELECT e.district_id, r.effective_due AS due_on, COUNT(*) AS n ${FROM}
       WHERE a.status IN ('reviewed', 'issued') AND r.status IN ('open', 'in_progress') AND r.effective_due IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  expect(q('SELECT district_id, status, priority, section_id, dated, n FROM rectification_tally WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5')).toEqual(
    q(`SELECT e.district_id, r.status, COALESCE(r.priority, '') AS priority, COALESCE(r.section_id, '') AS section_id,
         r.effective_due IS NOT NULL AS dated, COUNT(*) AS n ${FROM}
       WHERE a.status IN ('reviewed', 'issued') GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(q('SELECT enterprise_id, status, dated, n FROM enterprise_tally WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
    q(`SELECT a.enterprise_id, r.status, r.effective_due IS NOT NULL AS dated, COUNT(*) AS n ${FROM}
       WHERE a.status IN ('reviewed', 'issued') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  );
  // Migration 185: per district and section, the rows of the tally that count findings.
  expect(q('SELECT district_id, section_id, tallies FROM rectification_areas WHERE tallies <> 0 ORDER BY 1, 2')).toEqual(
    q(`SELECT district_id, section_id, COUNT(*) AS tallies FROM (
         SELECT DISTINCT e.district_id, COALESCE(r.section_id, '') AS section_id, r.status, COALESCE(r.priority, ''), r.effective_due IS NOT NULL
         ${FROM} WHERE a.status IN ('reviewed', 'issued')) GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  return owed;
}
