/**
 * Districts and industries as the UI lists them, with enterprise counts counted through the caller's scope
 * (a district officer counts only their own district's enterprises), and the admin-entered district contacts.
 */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { districtMatcher } from '../domain/district-names.js';
import { referenceData } from '../db/reference-data.js';
import { enterpriseScope } from './access.js';
import { badRequest } from '../http/errors.js';
import type { Counts } from '../schemas/common.js';
import type { District, DistrictContact } from '../schemas/districts.js';

export type { District, DistrictContact };

export function allDistricts(db: Db): District[] {
  return db.prepare('SELECT id, code, name FROM districts ORDER BY sort_order').all() as District[];
}

/** A district by id, code or name as people write it (see domain/district-names). */
export function resolveDistrict(db: Db, ref: number | string): District | undefined {
  const districts = allDistricts(db);
  if (typeof ref === 'number') return districts.find((d) => d.id === ref);
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) return districts.find((d) => d.id === Number(trimmed));
  const { districts: named, city } = referenceData();
  const code = districts.some((d) => d.code === trimmed) ? trimmed : districtMatcher(named, city).match(trimmed);
  return districts.find((d) => d.code === code);
}

/** A list filter's district (id, code or name) as an id; undefined when not given, 400 when not recognised. */
export function resolveDistrictFilter(db: Db, ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  const d = resolveDistrict(db, ref);
  if (!d) throw badRequest(`区域 ‘${ref}’ 无法识别`);
  return d.id;
}

/**
 * Enterprises per district or industry by diagnosis status, read from enterprise_summary (kept by triggers with every
 * write, migration 090) rather than deciding each enterprise's status per request: done = diagnosed (a report issued),
 * the same source as an enterprise's diagnosisStatus (services/enterprises.ts).
 */
function countsBy(db: Db, user: SessionUser, column: 'district_id' | 'industry_code'): Map<string | number, Counts> {
  const scope = enterpriseScope(user);
  const rows = db
    .prepare(
      `SELECT e.${column} AS key, COUNT(*) AS enterprises,
              SUM(s.diagnosis_status = 'diagnosed') AS done,
              SUM(s.diagnosis_status IN ('in_progress', 'not_started')) AS pending,
              SUM(s.diagnosis_status = 'refused') AS refused
       FROM enterprises e JOIN enterprise_summary s ON s.enterprise_id = e.id
       WHERE ${scope.sql}
       GROUP BY e.${column}`,
    )
    .all(...scope.params) as (Counts & { key: string | number })[];
  return new Map(rows.map(({ key, ...c }) => [key, c]));
}

const ZERO: Counts = { enterprises: 0, done: 0, pending: 0, refused: 0 };

export function listDistricts(db: Db, user: SessionUser): (District & { counts: Counts })[] {
  const counts = countsBy(db, user, 'district_id');
  return allDistricts(db).map((d) => ({ ...d, counts: counts.get(d.id) ?? ZERO }));
}

export function listIndustries(db: Db, user: SessionUser) {
  const counts = countsBy(db, user, 'industry_code');
  const rows = db
    .prepare('SELECT code, name, questionnaire_id AS questionnaireId FROM industries ORDER BY sort_order')
    .all() as { code: string; name: string; questionnaireId: string }[];
  return rows.map((i) => ({ ...i, counts: counts.get(i.code) ?? ZERO }));
}

export function listContacts(db: Db, districtId: number): DistrictContact[] {
  return db
    .prepare(
      `SELECT id, district_id AS districtId, side, name, phone FROM district_contacts
       WHERE district_id = ? ORDER BY side, id`,
    )
    .all(districtId) as DistrictContact[];
}

export function addContact(db: Db, districtId: number, c: Omit<DistrictContact, 'id' | 'districtId'>): DistrictContact {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO district_contacts (district_id, side, name, phone) VALUES (?, ?, ?, ?)')
    .run(districtId, c.side, c.name, c.phone);
  return { id: Number(lastInsertRowid), districtId, ...c };
}

/** True when the contact existed in that district and was removed. */
export function deleteContact(db: Db, districtId: number, contactId: number): boolean {
  return db.prepare('DELETE FROM district_contacts WHERE id = ? AND district_id = ?').run(contactId, districtId).changes > 0;
}
