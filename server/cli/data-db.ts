/** For operator commands: the same database file the server uses (DSD_DATA_DIR), and a uniform failure exit. */
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/open.js';
import { DATABASE_FILE } from '../plugins/db.js';
import { seedReferenceData } from '../services/reference-data.js';

export function openDataDatabase(): Db {
  const db = openDatabase(join(loadConfig().dataDir, DATABASE_FILE));
  seedReferenceData(db);
  return db;
}

/** Runs the command; a thrown error's message (Chinese for HttpErrors) is printed and the exit code is 1. */
export async function runCommand(usage: string, command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (err) {
    console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
    console.error(usage);
    process.exit(1);
  }
}

/** npm passes a literal `--` through in some versions; parseArgs would treat the rest as positionals. */
export const cliArgs = () => process.argv.slice(2).filter((a) => a !== '--');
