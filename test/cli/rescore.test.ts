/**
 * Runs the real `npm run rescore` command (node_modules/.bin/tsx, as npm does) against a database in a temporary
 * DSD_DATA_DIR. What re-scoring writes is tested on the service (test/services/rescore.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORING_MODEL_VERSION } from '../../server/domain/scoring/index.js';
import { runCli } from '../helpers/cli.js';

const SLOW = 60_000;

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dsd-cli-rescore-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const rescore = (args: string[]) => runCli('rescore', args, { DSD_DATA_DIR: dataDir });

describe.concurrent('npm run rescore', { timeout: SLOW }, () => {
  it('asks for --id or --outdated', async () => {
    const r = await rescore([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('请指定 --id 或 --outdated');
  });

  it('rejects an id that is not a number', async () => {
    const r = await rescore(['--id', '3,x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('诊断编号「x」不是正整数');
  });

  it('says so when nothing was scored by another model', async () => {
    const r = await rescore(['--outdated']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`没有需要重新评分的诊断（当前评分模型 ${SCORING_MODEL_VERSION}）`);
  });
});
