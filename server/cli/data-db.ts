/** For operator commands: the same database file the server uses (DSD_DATA_DIR), and a uniform failure exit. */
import { loadConfig } from '../config.js';
import { openDataDatabase, type Db } from '../db/open.js';

/** The database the server uses (DSD_DATA_DIR), opened the same way. */
export function openConfiguredDatabase(): Db {
  return openDataDatabase(loadConfig().dataDir);
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
