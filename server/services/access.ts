/**
 * Which enterprises a user may see: the one rule every route that touches enterprise data goes through.
 * admin and bureau: all; district officer: own district; diagnostician: assigned enterprises;
 * enterprise user: own enterprise only.
 */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { statement } from '../db/statements.js';

/** An SQL condition on an enterprises alias (default `e`) with its parameters, for list queries. */
export function enterpriseScope(user: SessionUser, alias = 'e'): { sql: string; params: (number | string)[] } {
  switch (user.role) {
    case 'admin':
    case 'bureau':
      return { sql: '1 = 1', params: [] };
    case 'district':
      return { sql: `${alias}.district_id = ?`, params: [user.districtId ?? -1] };
    case 'diagnostician':
      return {
        sql: `${alias}.id IN (SELECT enterprise_id FROM assignments WHERE user_id = ?)`,
        params: [user.id],
      };
    case 'enterprise':
      return { sql: `${alias}.id = ?`, params: [user.enterpriseId ?? -1] };
  }
}

/**
 * The same rule as a condition on one row (`WHERE x.id = ? AND …`): a diagnostician's assignment is probed by its
 * key instead of listing all of them, which SQLite does for every IN-list evaluation — thousands of rows per check
 * for a diagnostician of a large city.
 */
export function oneEnterpriseScope(user: SessionUser, alias = 'e'): { sql: string; params: (number | string)[] } {
  if (user.role !== 'diagnostician') return enterpriseScope(user, alias);
  return {
    sql: `EXISTS (SELECT 1 FROM assignments asg WHERE asg.user_id = ? AND asg.enterprise_id = ${alias}.id)`,
    params: [user.id],
  };
}

export function canAccessEnterprise(db: Db, user: SessionUser, enterpriseId: number): boolean {
  const scope = oneEnterpriseScope(user);
  return statement(db, `SELECT 1 FROM enterprises e WHERE e.id = ? AND ${scope.sql}`).get(enterpriseId, ...scope.params) !== undefined;
}
