/**
 * Builds the WHERE clause of a filtered list: conditions are ANDed in order, each with its parameters, and an
 * optional filter value adds its condition only when given. One helper for every list (enterprises,
 * assessments, the dashboard's aggregates), so paging and filtering read the same everywhere.
 */
export type SqlParam = string | number;

export interface Where {
  /** Adds a condition with its parameters. */
  and(sql: string, ...params: SqlParam[]): Where;
  /** Adds `sql` with `value` as its one parameter, unless value is undefined. */
  optional(sql: string, value: SqlParam | undefined): Where;
  /** The conditions joined with AND ('1 = 1' when none). */
  readonly sql: string;
  readonly params: SqlParam[];
}

export function where(initial?: { sql: string; params: readonly SqlParam[] }): Where {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  const w: Where = {
    and(sql, ...values) {
      parts.push(sql);
      params.push(...values);
      return w;
    },
    optional(sql, value) {
      return value === undefined ? w : w.and(sql, value);
    },
    get sql() {
      return parts.length ? parts.join(' AND ') : '1 = 1';
    },
    params,
  };
  if (initial) w.and(initial.sql, ...initial.params);
  return w;
}

/** LIMIT/OFFSET for a 1-based page. */
export function pageParams(page: number, pageSize: number): [number, number] {
  return [pageSize, (page - 1) * pageSize];
}
