/**
 * The enterprise registry: scoped lists and look-ups, creation and field updates. The roster import writes
 * through the same insert/update functions so both paths store enterprises the same way.
 */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { enterpriseScope } from './access.js';
import { normalizeUscc } from '../domain/uscc.js';

export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type Size = (typeof SIZES)[number];
export const DIAGNOSIS_STATUSES = ['done', 'pending', 'refused'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

/**
 * done: an assessment was reviewed or issued (that outranks an earlier refusal); refused: the enterprise declined;
 * pending: everything else. An SQL expression on the enterprises alias `e`.
 */
export const DIAGNOSIS_STATUS_SQL = `CASE
  WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = e.id AND a.status IN ('reviewed', 'issued')) THEN 'done'
  WHEN e.refused = 1 THEN 'refused' ELSE 'pending' END`;

/** The stored, editable fields of an enterprise (column names in camelCase). */
export interface EnterpriseFields {
  creditCode: string;
  name: string;
  districtId: number;
  industryCode: string;
  size: Size | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  refused: boolean;
  refusedReason: string | null;
}

/** What a new enterprise has where no value was given. */
export const OPTIONAL_FIELD_DEFAULTS = {
  size: null,
  address: null,
  contactName: null,
  contactPhone: null,
  contactEmail: null,
  refused: false,
  refusedReason: null,
} as const satisfies Partial<EnterpriseFields>;

const COLUMNS: Record<keyof EnterpriseFields, string> = {
  creditCode: 'credit_code',
  name: 'name',
  districtId: 'district_id',
  industryCode: 'industry_code',
  size: 'size',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  refused: 'refused',
  refusedReason: 'refused_reason',
};

export interface Enterprise extends EnterpriseFields {
  id: number;
  districtName: string;
  industryName: string;
  diagnosisStatus: DiagnosisStatus;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT e.id, e.credit_code AS creditCode, e.name, e.district_id AS districtId, d.name AS districtName,
    e.industry_code AS industryCode, i.name AS industryName, e.size, e.address, e.contact_name AS contactName,
    e.contact_phone AS contactPhone, e.contact_email AS contactEmail, e.refused, e.refused_reason AS refusedReason,
    ${DIAGNOSIS_STATUS_SQL} AS diagnosisStatus, e.created_at AS createdAt, e.updated_at AS updatedAt
  FROM enterprises e JOIN districts d ON d.id = e.district_id JOIN industries i ON i.code = e.industry_code`;

type Row = Omit<Enterprise, 'refused'> & { refused: number };
const fromRow = (r: Row): Enterprise => ({ ...r, refused: r.refused === 1 });

export interface ListFilters {
  districtId?: number;
  industryCode?: string;
  q?: string;
  status?: DiagnosisStatus;
  page: number;
  pageSize: number;
}

export function listEnterprises(db: Db, user: SessionUser, f: ListFilters): { items: Enterprise[]; total: number } {
  const scope = enterpriseScope(user);
  const where = [scope.sql];
  const params: (string | number)[] = [...scope.params];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.districtId !== undefined) add('e.district_id = ?', f.districtId);
  if (f.industryCode !== undefined) add('e.industry_code = ?', f.industryCode);
  if (f.status !== undefined) add(`(${DIAGNOSIS_STATUS_SQL}) = ?`, f.status);
  // instr, not LIKE: user text containing % or _ must match literally.
  // Codes are searched the way people type them: full-width, spaced or lower-case.
  if (f.q) add('(instr(e.name, ?) > 0 OR instr(e.credit_code, ?) > 0)', f.q, normalizeUscc(f.q));
  const from = `FROM enterprises e WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
  const ids = db
    .prepare(`SELECT e.id ${from} ORDER BY e.district_id, e.name, e.id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, f.pageSize, (f.page - 1) * f.pageSize) as number[];
  const byId = new Map(
    (db.prepare(`${SELECT} WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(
      (r) => [r.id, fromRow(r)],
    ),
  );
  return { items: ids.map((id) => byId.get(id)!), total };
}

/** The enterprise if the user may see it; undefined otherwise (the caller answers 404 either way). */
export function getEnterprise(db: Db, user: SessionUser, id: number): Enterprise | undefined {
  const scope = enterpriseScope(user);
  const row = db.prepare(`${SELECT} WHERE e.id = ? AND ${scope.sql}`).get(id, ...scope.params) as Row | undefined;
  return row && fromRow(row);
}

/** Unscoped look-up by credit code, for uniqueness checks and imports. */
export function findByCreditCode(db: Db, creditCode: string): Enterprise | undefined {
  const row = db.prepare(`${SELECT} WHERE e.credit_code = ?`).get(creditCode) as Row | undefined;
  return row && fromRow(row);
}

const toDb = (v: EnterpriseFields[keyof EnterpriseFields]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export function insertEnterprise(db: Db, fields: EnterpriseFields): number {
  const keys = Object.keys(COLUMNS) as (keyof EnterpriseFields)[];
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO enterprises (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`)
    .run(...keys.map((k) => toDb(fields[k])));
  return Number(lastInsertRowid);
}

export function updateEnterprise(db: Db, id: number, changes: Partial<EnterpriseFields>): void {
  const keys = (Object.keys(changes) as (keyof EnterpriseFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  db.prepare(
    `UPDATE enterprises SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
  ).run(...keys.map((k) => toDb(changes[k]!)), id);
}

/** The fields of `changes` whose value differs from `current`, with old and new values. */
export function diffFields(
  current: EnterpriseFields,
  changes: Partial<EnterpriseFields>,
): { field: keyof EnterpriseFields; old: unknown; new: unknown }[] {
  return (Object.keys(changes) as (keyof EnterpriseFields)[])
    .filter((k) => changes[k] !== undefined && changes[k] !== current[k])
    .map((k) => ({ field: k, old: current[k], new: changes[k] }));
}
