/**
 * The enterprise registry: scoped lists and look-ups, registration and changes (credit code, district and
 * industry checked, a code registered once), and the field-level insert/update the roster import shares, so
 * both paths store enterprises the same way.
 */
import type { Db } from '../db/open.js';
import { pageParams, where } from '../db/where.js';
import type { SessionUser } from '../domain/roles.js';
import { normalizeUscc, validateUscc } from '../domain/uscc.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import type { Paging } from '../schemas/common.js';
import type { EnterpriseInput } from '../schemas/enterprises.js';
import { canAccessEnterprise, enterpriseScope, oneEnterpriseScope } from './access.js';
import { statement } from '../db/statements.js';
import { resolveDistrict, resolveDistrictFilter } from './districts.js';

import type { DiagnosisStage, DiagnosisStatus, Size } from '../domain/vocabularies.js';
import type { Enterprise } from '../schemas/enterprises.js';

export type { Enterprise };

/**
 * done: a report was issued (that outranks an earlier refusal); refused: the enterprise declined; pending: everything
 * else. Read from the dashboard's enterprise_summary (kept by triggers with every write, migration 090), so the work
 * list and the bureau count the same enterprises and no request decides a status from the assessments. An SQL
 * expression on the enterprises alias `e`.
 */
const DIAGNOSIS_STATUS_SQL = `(SELECT CASE s.diagnosis_status WHEN 'diagnosed' THEN 'done' WHEN 'refused' THEN 'refused' ELSE 'pending' END
  FROM enterprise_summary s WHERE s.enterprise_id = e.id)`;

/** The dashboard's stages behind each status (an index of enterprise_summary answers the filter). */
const STAGES_OF: Record<DiagnosisStatus, DiagnosisStage[]> = {
  done: ['diagnosed'],
  refused: ['refused'],
  pending: ['in_progress', 'not_started'],
};

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

const SELECT = `SELECT e.id, e.credit_code AS creditCode, e.name, e.district_id AS districtId, d.name AS districtName,
    e.industry_code AS industryCode, i.name AS industryName, e.size, e.address, e.contact_name AS contactName,
    e.contact_phone AS contactPhone, e.contact_email AS contactEmail, e.refused, e.refused_reason AS refusedReason,
    ${DIAGNOSIS_STATUS_SQL} AS diagnosisStatus, e.created_at AS createdAt, e.updated_at AS updatedAt
  FROM enterprises e JOIN districts d ON d.id = e.district_id JOIN industries i ON i.code = e.industry_code`;

type Row = Omit<Enterprise, 'refused'> & { refused: number };
const fromRow = (r: Row): Enterprise => ({ ...r, refused: r.refused === 1 });

export interface ListFilters extends Paging {
  /** A district id, code or name as people write it (400 when unknown). */
  district?: string;
  industry?: string;
  q?: string;
  status?: DiagnosisStatus;
}

export function listEnterprises(db: Db, user: SessionUser, f: ListFilters): { items: Enterprise[]; total: number } & Paging {
  const w = where(enterpriseScope(user))
    .optional('e.district_id = ?', resolveDistrictFilter(db, f.district))
    .optional('e.industry_code = ?', f.industry)
    .optional(
      'e.id IN (SELECT enterprise_id FROM enterprise_summary WHERE diagnosis_status IN (SELECT value FROM json_each(?)))',
      f.status && JSON.stringify(STAGES_OF[f.status]),
    );
  // instr, not LIKE: user text containing % or _ must match literally.
  // Codes are searched the way people type them: full-width, spaced or lower-case.
  // A complete, valid credit code goes through its unique index instead of scanning names.
  const exactCode = f.q ? validateUscc(f.q) : undefined;
  if (exactCode?.ok) w.and('e.credit_code = ?', exactCode.code);
  else if (f.q) w.and('(instr(e.name, ?) > 0 OR instr(e.credit_code, ?) > 0)', f.q, normalizeUscc(f.q));
  const from = `FROM enterprises e WHERE ${w.sql}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...w.params) as { n: number }).n;
  const ids = db
    .prepare(`SELECT e.id ${from} ORDER BY e.district_id, e.name, e.id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, ...pageParams(f.page, f.pageSize)) as number[];
  const byId = new Map(
    (db.prepare(`${SELECT} WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(
      (r) => [r.id, fromRow(r)],
    ),
  );
  return { items: ids.map((id) => byId.get(id)!), total, page: f.page, pageSize: f.pageSize };
}

/** The enterprise if the user may see it; undefined otherwise (the caller answers 404 either way). */
export function getEnterprise(db: Db, user: SessionUser, id: number): Enterprise | undefined {
  const scope = oneEnterpriseScope(user);
  const row = statement(db, `${SELECT} WHERE e.id = ? AND ${scope.sql}`).get(id, ...scope.params) as Row | undefined;
  return row && fromRow(row);
}

/** Unscoped look-up by credit code, for uniqueness checks and imports. */
export function findByCreditCode(db: Db, creditCode: string): Enterprise | undefined {
  const row = db.prepare(`${SELECT} WHERE e.credit_code = ?`).get(creditCode) as Row | undefined;
  return row && fromRow(row);
}

const toDb = (v: EnterpriseFields[keyof EnterpriseFields]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export function insertEnterprise(db: Db, fields: EnterpriseFields, now: string): number {
  const keys = Object.keys(COLUMNS) as (keyof EnterpriseFields)[];
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO enterprises (${keys.map((k) => COLUMNS[k]).join(', ')}, created_at, updated_at)
       VALUES (${keys.map(() => '?').join(', ')}, ?, ?)`,
    )
    .run(...keys.map((k) => toDb(fields[k])), now, now);
  return Number(lastInsertRowid);
}

export function updateEnterprise(db: Db, id: number, changes: Partial<EnterpriseFields>, now: string): void {
  const keys = (Object.keys(changes) as (keyof EnterpriseFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  db.prepare(
    `UPDATE enterprises SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')},
       updated_at = ? WHERE id = ?`,
  ).run(...keys.map((k) => toDb(changes[k]!)), now, id);
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

// ---------------------------------------------------------------- registration and changes

/** Fields an enterprise user may change on its own record. */
const CONTACT_FIELDS = new Set(['contactName', 'contactPhone', 'contactEmail']);

/** Input → stored fields, validating the credit code, district and industry; only the keys present. */
function toFields(db: Db, user: SessionUser, input: EnterpriseInput): Partial<EnterpriseFields> {
  const out: Partial<EnterpriseFields> = {};
  if (input.creditCode !== undefined) {
    const r = validateUscc(input.creditCode);
    if (!r.ok) throw badRequest(r.message);
    out.creditCode = r.code;
  }
  if (input.name !== undefined) out.name = input.name;
  if (input.district !== undefined) {
    const d = resolveDistrict(db, input.district);
    if (!d) throw badRequest(`所属区域 ‘${input.district}’ 无法识别，请从区域列表中选择`);
    if (user.role === 'district' && d.id !== user.districtId) throw forbidden('区县账号只能登记本区域的企业');
    out.districtId = d.id;
  }
  if (input.industry !== undefined) {
    if (!db.prepare('SELECT 1 FROM industries WHERE code = ?').get(input.industry)) {
      throw badRequest(`行业代码 ‘${input.industry}’ 无效，请从行业列表中选择`);
    }
    out.industryCode = input.industry;
  }
  if (input.size !== undefined) out.size = input.size;
  if (input.refused !== undefined) out.refused = input.refused;
  for (const key of ['address', 'contactName', 'contactPhone', 'contactEmail', 'refusedReason'] as const) {
    if (input[key] !== undefined) out[key] = input[key] || null;
  }
  return out;
}

/** 409 naming the holder of the code — by name only when the caller may see it. */
function assertCodeFree(db: Db, user: SessionUser, code: string, selfId?: number): void {
  const holder = findByCreditCode(db, code);
  if (!holder || holder.id === selfId) return;
  if (canAccessEnterprise(db, user, holder.id)) {
    throw conflict(`统一社会信用代码 ${code} 已登记为“${holder.name}”（${holder.districtName}），请勿重复登记`, {
      enterpriseId: holder.id,
    });
  }
  throw conflict(`统一社会信用代码 ${code} 已登记在其他区域的企业名下，请联系市工信局核实`);
}

/** Registers an enterprise (admin, bureau, district officers in their own district). */
export function registerEnterprise(db: Db, user: SessionUser, input: EnterpriseInput, now: string): Enterprise {
  const fields = { ...OPTIONAL_FIELD_DEFAULTS, ...toFields(db, user, input) } as EnterpriseFields;
  const id = db.transaction(() => {
    assertCodeFree(db, user, fields.creditCode);
    return insertEnterprise(db, fields, now);
  })();
  return getEnterprise(db, user, id)!;
}

/** Changes an enterprise in the user's scope; an enterprise user changes only its own contact details. */
export function changeEnterprise(db: Db, user: SessionUser, id: number, input: EnterpriseInput, now: string): Enterprise {
  const current = getEnterprise(db, user, id);
  if (!current) throw notFound('企业');
  if (user.role === 'enterprise') {
    const other = Object.keys(input).filter((k) => !CONTACT_FIELDS.has(k));
    if (other.length > 0) throw forbidden(`企业账号只能修改联系人信息，不能修改：${other.join('、')}`);
  }
  const fields = toFields(db, user, input);
  db.transaction(() => {
    if (fields.creditCode) assertCodeFree(db, user, fields.creditCode, current.id);
    updateEnterprise(db, current.id, fields, now);
  })();
  return getEnterprise(db, user, current.id)!;
}
