/**
 * Opens the SQLite database file with the pragmas the product relies on and applies pending migrations.
 * Migrations are numbered SQL files in db/migrations, applied in order, each in its own transaction.
 * The server and the operator commands open the data directory's database the same way: openDataDatabase.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceData } from '../domain/reference-data.js';
import { referenceData } from './reference-data.js';
import { seedReferenceData } from './seed.js';
import { compressLargeAnswerValues } from './answer-value.js';
import { convertStoredScores, registerScoreFunctions } from './score-record.js';

export type Db = Database.Database;

/** The database file inside the data directory. */
export const DATABASE_FILE = 'dsd.sqlite';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL with synchronous=NORMAL keeps every committed transaction across a process crash.
  db.pragma('synchronous = NORMAL');
  // 64 MB of page cache instead of 2 MB: at city size the indexes of answers, findings and the summaries are far
  // larger than the default, and every write touches several of them.
  db.pragma('cache_size = -65536');
  // A migration converts stored score results with the same code that writes them.
  registerScoreFunctions(db);
  migrate(db);
  return db;
}

/** The data directory's database, migrated and seeded with the reference data. */
export function openDataDatabase(dataDir: string, ref: ReferenceData = referenceData()): Db {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  seedReferenceData(db, ref);
  return db;
}

/** Data steps of migrations written in TypeScript: run once every pending migration has. */
const AFTER_ALL: Record<string, (db: Db) => void> = {
  // Details written by migration 140 on this same run are converted too.
  '150-score-texts.sql': (db) => db.transaction(() => convertStoredScores(db))(),
  '181-answer-values-compressed.sql': (db) => db.transaction(() => compressLargeAnswerValues(db))(),
};

export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`);
  const applied = new Set(
    db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[],
  );
  const pending = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f) && !applied.has(f))
    .sort();
  for (const name of pending) {
    const sql = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name) VALUES (?)').run(name);
    })();
  }
  for (const name of pending) AFTER_ALL[name]?.(db);
  return pending;
}
