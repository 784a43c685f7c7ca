/**
 * Accounts: creation with role/scope consistency, changes, passwords, login, diagnostician assignments and
 * the demo accounts. Authorisation (who may do this to whom) is the caller's job, via user-access.ts.
 */
import type { Db } from '../db/open.js';
import type { Role, SessionUser } from '../domain/roles.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import type { AssignedEnterprise, BulkAssignCriteria, UserChange, UserView } from '../schemas/users.js';
import { enterpriseScope } from './access.js';
import { clearLoginFailures, lockedUntil, recordLoginFailure } from './login-throttle.js';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { deleteUserSessions } from './sessions.js';

export type { UserView, UserChange, AssignedEnterprise };

const VIEW_SQL = `
  SELECT u.id, u.username, u.display_name AS displayName, u.role,
         u.district_id AS districtId, d.name AS districtName, u.enterprise_id AS enterpriseId, e.name AS enterpriseName,
         u.disabled, u.created_at AS createdAt, u.last_login_at AS lastLoginAt
  FROM users u
  LEFT JOIN districts d ON d.id = u.district_id
  LEFT JOIN enterprises e ON e.id = u.enterprise_id`;

type ViewRow = Omit<UserView, 'disabled'> & { disabled: number };
const toView = (r: ViewRow): UserView => ({ ...r, disabled: r.disabled === 1 });

/** Accounts matching an SQL condition on alias `u` (e.g. a user-access scope), ordered by role then name. */
export function listUsers(db: Db, where: { sql: string; params: (number | string)[] }, role?: Role): UserView[] {
  const rows = db
    .prepare(`${VIEW_SQL} WHERE (${where.sql}) AND (? IS NULL OR u.role = ?) ORDER BY u.role, u.username`)
    .all(...where.params, role ?? null, role ?? null) as ViewRow[];
  return rows.map(toView);
}

/** One account, if it matches the condition (default: any). */
export function findUser(db: Db, id: number, where = { sql: '1 = 1', params: [] as (number | string)[] }): UserView | undefined {
  const row = db.prepare(`${VIEW_SQL} WHERE u.id = ? AND (${where.sql})`).get(id, ...where.params) as ViewRow | undefined;
  return row && toView(row);
}

export interface AccountInput {
  role: Role;
  districtId: number | null;
  enterpriseId: number | null;
}

/** A district officer has a district and no enterprise; an enterprise user an enterprise; others neither. */
export function assertConsistentScope(db: Db, a: AccountInput): void {
  if (a.role === 'district') {
    if (a.districtId === null) throw badRequest('区县工信部门账号必须指定所属区县（districtId）');
    if (!db.prepare('SELECT 1 FROM districts WHERE id = ?').get(a.districtId)) throw badRequest('所选区县不存在');
  } else if (a.districtId !== null) {
    throw badRequest('只有区县工信部门账号可以指定区县（districtId 应为空）');
  }
  if (a.role === 'enterprise') {
    if (a.enterpriseId === null) throw badRequest('企业用户账号必须指定所属企业（enterpriseId）');
    if (!db.prepare('SELECT 1 FROM enterprises WHERE id = ?').get(a.enterpriseId)) throw badRequest('所选企业不存在');
  } else if (a.enterpriseId !== null) {
    throw badRequest('只有企业用户账号可以指定企业（enterpriseId 应为空）');
  }
}

export function assertPasswordAcceptable(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw badRequest(`密码不符合要求：${problems.join('；')}`, problems);
}

export interface NewUser extends AccountInput {
  username: string;
  displayName: string;
  password: string;
}

export async function createUser(db: Db, input: NewUser): Promise<UserView> {
  assertConsistentScope(db, input);
  assertPasswordAcceptable(input.password, input.username);
  const hash = await hashPassword(input.password);
  if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username))
    throw conflict(`用户名「${input.username}」已被使用，请换一个`);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO users (username, display_name, password_hash, role, district_id, enterprise_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(input.username, input.displayName, hash, input.role, input.districtId, input.enterpriseId);
  return findUser(db, Number(lastInsertRowid))!;
}

/** The account's role and scope after applying a change (for consistency and authorisation checks). */
export function stateAfter(user: UserView, change: UserChange): AccountInput {
  const role = change.role ?? user.role;
  // A new role does not inherit the old role's district or enterprise unless given again.
  const keep = role === user.role;
  return {
    role,
    districtId: change.districtId !== undefined ? change.districtId : keep ? user.districtId : null,
    enterpriseId: change.enterpriseId !== undefined ? change.enterpriseId : keep ? user.enterpriseId : null,
  };
}

export function updateUser(db: Db, user: UserView, change: UserChange): UserView {
  const next = stateAfter(user, change);
  assertConsistentScope(db, next);
  const scopeChanged =
    next.role !== user.role || next.districtId !== user.districtId || next.enterpriseId !== user.enterpriseId;
  db.transaction(() => {
    db.prepare(
      `UPDATE users SET display_name = ?, role = ?, district_id = ?, enterprise_id = ?, disabled = ? WHERE id = ?`,
    ).run(
      change.displayName ?? user.displayName, next.role, next.districtId, next.enterpriseId,
      (change.disabled ?? user.disabled) ? 1 : 0, user.id,
    );
    if (next.role !== 'diagnostician') db.prepare('DELETE FROM assignments WHERE user_id = ?').run(user.id);
    // Open sessions carry the old role and scope's trust; a disabled account must be out at once.
    if (scopeChanged || change.disabled === true) deleteUserSessions(db, user.id);
  })();
  return findUser(db, user.id)!;
}

/** Sets a new password (policy-checked) and ends the user's sessions, except `keepTokenHash` if given. */
export async function setPassword(db: Db, userId: number, password: string, keepTokenHash: string | null = null): Promise<void> {
  const username = db.prepare('SELECT username FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
  if (username === undefined) throw notFound('用户');
  assertPasswordAcceptable(password, username);
  const hash = await hashPassword(password);
  db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, userId);
    deleteUserSessions(db, userId, keepTokenHash);
    clearLoginFailures(db, username);
  })();
}

export async function passwordMatches(db: Db, userId: number, password: string): Promise<boolean> {
  const hash = db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
  return hash !== undefined && (await verifyPassword(password, hash));
}

export type LoginOutcome = { ok: true; user: SessionUser } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks a login attempt. Unknown name, wrong password and disabled account are one outcome and take the
 * same time (a real scrypt verification every time); a locked name is refused before any password check and
 * again after it.
 */
export async function authenticate(db: Db, username: string, password: string): Promise<LoginOutcome> {
  if (lockedUntil(db, username)) return { ok: false, reason: 'locked' };
  const row = db
    .prepare(
      `SELECT id, username, display_name AS displayName, role, district_id AS districtId,
              enterprise_id AS enterpriseId, password_hash AS hash, disabled
       FROM users WHERE username = ?`,
    )
    .get(username) as (SessionUser & { hash: string; disabled: number }) | undefined;
  const matches = await verifyPassword(password, row?.hash ?? (await dummyPasswordHash()));
  // Guesses sent at once all pass the check above before any failure is counted: whatever was still being
  // verified when the name got locked is answered as locked, right or wrong, so the lock caps real answers.
  if (lockedUntil(db, username)) return { ok: false, reason: 'locked' };
  if (!row || !matches || row.disabled === 1) {
    recordLoginFailure(db, username);
    return { ok: false, reason: 'invalid' };
  }
  clearLoginFailures(db, username);
  db.prepare(`UPDATE users SET last_login_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(row.id);
  const { hash: _hash, disabled: _disabled, ...user } = row;
  return { ok: true, user };
}

/** A diagnostician's assigned enterprises that the actor may see. */
export function listAssignments(db: Db, actor: SessionUser, userId: number): AssignedEnterprise[] {
  const scope = enterpriseScope(actor);
  return db
    .prepare(
      `SELECT e.id, e.credit_code AS creditCode, e.name, e.district_id AS districtId
       FROM assignments a JOIN enterprises e ON e.id = a.enterprise_id
       WHERE a.user_id = ? AND ${scope.sql} ORDER BY e.name`,
    )
    .all(userId, ...scope.params) as AssignedEnterprise[];
}

/**
 * Replaces the diagnostician's assignments within the actor's enterprise scope; assignments outside it
 * (another district's) stay as they are. An enterprise the actor cannot see answers 404.
 */
export function replaceAssignments(db: Db, actor: SessionUser, userId: number, enterpriseIds: number[]): AssignedEnterprise[] {
  const scope = enterpriseScope(actor);
  const visible = db.prepare(`SELECT 1 FROM enterprises e WHERE e.id = ? AND ${scope.sql}`);
  const wanted = [...new Set(enterpriseIds)];
  const missing = wanted.filter((id) => !visible.get(id, ...scope.params));
  if (missing.length > 0) throw notFound(`企业（编号 ${missing.join('、')}）`);
  db.transaction(() => {
    db.prepare(
      `DELETE FROM assignments WHERE user_id = ?
         AND enterprise_id IN (SELECT e.id FROM enterprises e WHERE ${scope.sql})`,
    ).run(userId, ...scope.params);
    const insert = db.prepare('INSERT INTO assignments (user_id, enterprise_id) VALUES (?, ?)');
    for (const id of wanted) insert.run(userId, id);
  })();
  return listAssignments(db, actor, userId);
}

/**
 * Adds the enterprises matching the criteria within the actor's scope to the diagnostician's assignments, in one
 * transaction. A selected enterprise the actor cannot see answers 404; a district officer naming another district 403.
 */
export function bulkAssign(db: Db, actor: SessionUser, userId: number, c: BulkAssignCriteria) {
  const scope = enterpriseScope(actor);
  if (actor.role === 'district' && c.districtId !== undefined && c.districtId !== actor.districtId)
    throw forbidden('区县账号只能分配本区县的企业');
  const where = [scope.sql];
  const params: (number | string)[] = [...scope.params];
  if (c.enterpriseIds) {
    const wanted = [...new Set(c.enterpriseIds)];
    const visible = db.prepare(`SELECT 1 FROM enterprises e WHERE e.id = ? AND ${scope.sql}`);
    const missing = wanted.filter((id) => !visible.get(id, ...scope.params));
    if (missing.length > 0) throw notFound(`企业（编号 ${missing.join('、')}）`);
    where.push(`e.id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(wanted));
  }
  if (c.districtId !== undefined) {
    where.push('e.district_id = ?');
    params.push(c.districtId);
  }
  if (c.industry !== undefined) {
    where.push('e.industry_code = ?');
    params.push(c.industry);
  }
  const condition = where.join(' AND ');
  return db.transaction(() => {
    const matched = db.prepare(`SELECT COUNT(*) FROM enterprises e WHERE ${condition}`).pluck().get(...params) as number;
    const { changes } = db
      .prepare(`INSERT OR IGNORE INTO assignments (user_id, enterprise_id) SELECT ?, e.id FROM enterprises e WHERE ${condition}`)
      .run(userId, ...params);
    const assigned = db
      .prepare(`SELECT COUNT(*) FROM assignments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.user_id = ? AND ${scope.sql}`)
      .pluck()
      .get(userId, ...scope.params) as number;
    return { matched, added: changes, assigned };
  }).immediate();
}

/** Adds assignments of enterprises to a diagnostician, keeping the ones it has. */
export function addAssignments(db: Db, userId: number, enterpriseIds: readonly number[]): void {
  const assign = db.prepare('INSERT OR IGNORE INTO assignments (user_id, enterprise_id) VALUES (?, ?)');
  db.transaction(() => {
    for (const id of enterpriseIds) assign.run(userId, id);
  })();
}

/** A stored hash no password can match: accounts that only stand for the authors of generated (demo) work. */
const NO_LOGIN_HASH = '!no-login';

/**
 * A disabled account without a usable password, scope-checked like any other: the author of generated work
 * (demo and scale data), never someone who logs in.
 */
export function createAccountWithoutLogin(db: Db, input: AccountInput & { username: string; displayName: string }): UserView {
  assertConsistentScope(db, input);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO users (username, display_name, password_hash, role, district_id, enterprise_id, disabled)
       VALUES (?, ?, ?, ?, ?, ?, 1)`,
    )
    .run(input.username, input.displayName, NO_LOGIN_HASH, input.role, input.districtId, input.enterpriseId);
  return findUser(db, Number(lastInsertRowid))!;
}

/** The demo password: for the demo dataset only, never for a real deployment. */
export const DEMO_PASSWORD = 'Demo@2026!';

/**
 * One demo account per role, all with DEMO_PASSWORD. Idempotent: existing demo accounts are left as they
 * are (only the diagnostician's missing assignments are added). The district officer belongs to `districtId`
 * (汽开区 in the demo data), the enterprise user to `enterpriseId`.
 */
export async function createDemoAccounts(
  db: Db,
  opts: { districtId: number; enterpriseId: number; assignedEnterpriseIds: number[] },
): Promise<void> {
  const accounts: { username: string; displayName: string; role: Role; districtId: number | null; enterpriseId: number | null }[] = [
    { username: 'demo-admin', displayName: '演示管理员', role: 'admin', districtId: null, enterpriseId: null },
    { username: 'demo-bureau', displayName: '演示市工信局', role: 'bureau', districtId: null, enterpriseId: null },
    { username: 'demo-district', displayName: '演示区县工信部门', role: 'district', districtId: opts.districtId, enterpriseId: null },
    { username: 'demo-diagnostician', displayName: '演示诊断人员', role: 'diagnostician', districtId: null, enterpriseId: null },
    { username: 'demo-enterprise', displayName: '演示企业用户', role: 'enterprise', districtId: null, enterpriseId: opts.enterpriseId },
  ];
  const exists = db.prepare('SELECT 1 FROM users WHERE username = ?');
  const hash = await hashPassword(DEMO_PASSWORD);
  db.transaction(() => {
    const insert = db.prepare(
      `INSERT INTO users (username, display_name, password_hash, role, district_id, enterprise_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const a of accounts) {
      if (exists.get(a.username)) continue;
      assertConsistentScope(db, a);
      insert.run(a.username, a.displayName, hash, a.role, a.districtId, a.enterpriseId);
    }
    const diagnostician = db.prepare(`SELECT id FROM users WHERE username = 'demo-diagnostician'`).pluck().get() as number;
    addAssignments(db, diagnostician, opts.assignedEnterpriseIds);
  })();
}
