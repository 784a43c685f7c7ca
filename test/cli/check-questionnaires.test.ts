import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MINIMAL_CORE, MINIMAL_MODULE, questionnaireDir } from '../helpers/questionnaire-files.js';

const check = (...args: string[]) => runCli('check-questionnaires', args);

describe('npm run check:questionnaires', () => {
  it('prints id, version, hash and item counts per composed questionnaire with --json', async () => {
    const r = await check('--json', questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE }));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const steel = json.questionnaires.find((q: { id: string }) => q.id === 'steel');
    expect(steel).toMatchObject({ version: '1.0.0+core.1.0.0', items: { total: 6, core: 5, industry: 1 } });
    expect(steel.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits non-zero and names the problem on an invalid file', async () => {
    const dir = questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE.replace('gt: 1000', 'gt: 1000, eq: 3') });
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('steel.yaml');
    expect(r.stdout).toContain('条件必须且只能包含一个比较');
  });

  it('validates the shipped questionnaires', async () => {
    const r = await check('--json');
    const json = JSON.parse(r.stdout);
    expect(json.problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('says with --json how many items gate each maturity level of each process area', async () => {
    const json = JSON.parse((await check('--json')).stdout);
    const core = json.questionnaires.find((q: { id: string }) => q.id === 'core');
    for (const pa of ['PA01', 'PA09', 'PA21', 'PA27', 'PA28', 'PA30']) {
      const gates: number[] = core.maturityGates[pa];
      expect(gates, pa).toHaveLength(3);
      // the core set asks every level, and together with the level below no level rests on fewer than three items
      expect(gates.every((n) => n >= 1), pa).toBe(true);
      expect(gates[0] + gates[1], pa).toBeGreaterThanOrEqual(3);
    }
    // a module adds no gates to a process area the core asks (its items there are supplementary)
    const steel = json.questionnaires.find((q: { id: string }) => q.id === 'steel');
    expect(steel.maturityGates.PA27).toEqual(core.maturityGates.PA27);
  });
});
