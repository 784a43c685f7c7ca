/**
 * Runs the real `npm run scoring:samples` on a sample directory holding one good answer file of the tiny
 * questionnaires (test/fixtures/questionnaires/tiny), started the way npm starts it (test/helpers/cli.ts).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/questionnaires/tiny';
const samples = mkdtempSync(join(tmpdir(), 'dsd-samples-'));
copyFileSync('test/fixtures/answers/mini-good.json', join(samples, 'mini-good.json'));
afterAll(() => rmSync(samples, { recursive: true, force: true }));

describe('npm run scoring:samples', { timeout: 60_000 }, () => {
  it('prints one row per sample with the full and the quick result', async () => {
    const { code, stdout } = await runCli('scoring-samples', ['--dir', DIR, '--answers', samples]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toContain('评分模型 2.1.0');
    expect(lines[1]).toMatch(/^行业\s+样本\s+风险条目\s+重大\s+成熟度\(深度\)\s+均值\s+问题数\s+红线\s+成熟度\(快速\)\s+快速均值$/);
    // Same figures as `npm run score` gives mini-good (test/cli/score.test.ts): 1 entry 高, level 0, mean 0.67,
    // 3 findings, the data.backup red line.
    expect(lines.slice(2).map((l) => l.split(/\s+/).slice(1, 8))).toEqual([['好', '1', '0', '0', '0.67', '3', '1']]);
  });

  it('fails when a sample does not fit its questionnaire', async () => {
    writeFileSync(join(samples, 'mini-low.json'), JSON.stringify({ questionnaire: 'mini', version: '9.9.9', answers: {} }));
    const { code, stderr } = await runCli('scoring-samples', ['--dir', DIR, '--answers', samples]);
    expect(code).toBe(1);
    expect(stderr).toContain('mini-low.json');
  });
});
