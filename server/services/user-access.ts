/**
 * Who may see and administer which accounts — the one rule every users route goes through:
 *   admin: every account;
 *   bureau: district officers, diagnosticians and enterprise users (not admins, not other bureau accounts);
 *   district officer: enterprise users of enterprises in the own district; may also see (not manage)
 *     diagnosticians, to assign them to the district's enterprises.
 * Diagnosticians and enterprise users administer no accounts.
 * The rule is SQL over a users alias so it serves lists, single accounts and proposed (not yet stored) states.
 */
import type { Db } from '../db/open.js';
import { ROLE_LABELS, type Role, type SessionUser } from '../domain/roles.js';
import { forbidden, notFound } from '../http/errors.js';

interface Condition {
  sql: string;
  params: (number | string)[];
}

/** Roles of the accounts a user may create and manage. */
export function manageableRoles(actor: SessionUser): readonly Role[] {
  switch (actor.role) {
    case 'admin':
      return ['admin', 'bureau', 'district', 'diagnostician', 'enterprise'];
    case 'bureau':
      return ['district', 'diagnostician', 'enterprise'];
    case 'district':
      return ['enterprise'];
    default:
      return [];
  }
}

/** Accounts (alias `u`: role, district_id, enterprise_id) the actor may create, change, disable, reset. */
export function manageScope(actor: SessionUser, u = 'u'): Condition {
  switch (actor.role) {
    case 'admin':
      return { sql: '1 = 1', params: [] };
    case 'bureau':
      return { sql: `${u}.role IN ('district', 'diagnostician', 'enterprise')`, params: [] };
    case 'district':
      return {
        sql: `(${u}.role = 'enterprise' AND ${u}.enterprise_id IN (SELECT id FROM enterprises WHERE district_id = ?))`,
        params: [actor.districtId ?? -1],
      };
    default:
      return { sql: '0 = 1', params: [] };
  }
}

/** Accounts the actor may see: the manageable ones, plus diagnosticians for district officers. */
export function viewScope(actor: SessionUser, u = 'u'): Condition {
  const manage = manageScope(actor, u);
  if (actor.role !== 'district') return manage;
  return { sql: `(${manage.sql} OR ${u}.role = 'diagnostician')`, params: manage.params };
}

export interface AccountState {
  role: Role;
  districtId: number | null;
  enterpriseId: number | null;
}

/**
 * Throws unless the actor may hold an account in this state: 403 for a role the actor never manages,
 * 404 for a district or enterprise outside the actor's scope (so its existence does not leak).
 */
export function assertCanManageState(db: Db, actor: SessionUser, state: AccountState): void {
  if (!manageableRoles(actor).includes(state.role))
    throw forbidden(`当前账号不能创建或管理「${ROLE_LABELS[state.role]}」账号`);
  // Without an enterprise there is nothing to scope; the consistency check then asks for one (400).
  if (state.role === 'enterprise' && state.enterpriseId === null) return;
  const scope = manageScope(actor);
  const ok = db
    .prepare(`SELECT 1 FROM (SELECT ? AS role, ? AS district_id, ? AS enterprise_id) u WHERE ${scope.sql}`)
    .get(state.role, state.districtId, state.enterpriseId, ...scope.params);
  if (!ok) throw notFound('企业');
}
