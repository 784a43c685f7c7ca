/**
 * Writes the reference data into the database on every start (idempotent): the districts and industries, in the
 * reference file's order. Rows are matched by code, so renaming a district keeps its enterprises.
 */
import type { ReferenceData } from '../domain/reference-data.js';
import type { Db } from './open.js';

export function seedReferenceData(db: Db, ref: ReferenceData): void {
  const district = db.prepare(
    `INSERT INTO districts (code, name, sort_order) VALUES (?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order`,
  );
  const industry = db.prepare(
    `INSERT INTO industries (code, name, questionnaire_id, sort_order) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, questionnaire_id = excluded.questionnaire_id,
       sort_order = excluded.sort_order`,
  );
  db.transaction(() => {
    ref.districts.forEach((d, i) => district.run(d.code, d.name, i + 1));
    ref.industries.forEach((x, i) => industry.run(x.code, x.name, x.questionnaire, i + 1));
  })();
}
