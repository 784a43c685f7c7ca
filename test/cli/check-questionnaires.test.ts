import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { MINIMAL_CORE, MINIMAL_MODULE, questionnaireDir } from '../helpers/questionnaire-files.js';

function check(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'server/cli/check-questionnaires.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run check:questionnaires', () => {
  it('prints id, version, hash and item counts per composed questionnaire with --json', () => {
    const r = check('--json', questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE }));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const steel = json.questionnaires.find((q: { id: string }) => q.id === 'steel');
    expect(steel).toMatchObject({ version: '1.0.0+core.1.0.0', items: { total: 6, core: 5, industry: 1 } });
    expect(steel.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits non-zero and names the problem on an invalid file', () => {
    const dir = questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE.replace('gt: 1000', 'gt: 1000, eq: 3') });
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('steel.yaml');
    expect(r.out).toContain('条件必须且只能包含一个比较');
  });

  it('validates the shipped questionnaires', () => {
    const r = check('--json');
    const json = JSON.parse(r.out);
    expect(json.problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });
});
