/**
 * Prepared statements cached per connection and SQL text: preparing costs more than running the small queries of
 * a hot path such as saving an answer batch. Pluck/raw modes are stored on a statement, so a given SQL text must
 * always be used in the same mode.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
