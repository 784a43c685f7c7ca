/**
 * Runs an operator command from server/cli the way `npm run` starts it — node_modules/.bin/tsx, which is `npx tsx`
 * without npm's own start-up time — and collects its exit code and output instead of throwing on a non-zero exit.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs server/cli/<script>.ts with args; env is added to this process's environment. */
export async function runCli(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(TSX, [`server/cli/${script}.ts`, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
