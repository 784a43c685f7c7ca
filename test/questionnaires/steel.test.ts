/**
 * The steel module: the shared checks (industry-module.ts) with the mid-maturity fixture (a short-process special-steel
 * bar mill in 九台区), then steel's own rules.
 */
import { describe, expect, it } from 'vitest';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { validateAnswers } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'steel',
  industryName: '钢铁',
  // 65 万吨, not part of a >1000 万吨 group, not on the list: not a key enterprise.
  keyEnterprise: false,
  keyTypes: ['steel.smelting_params', 'steel.special_steel_process', 'steel.bulk_materials'],
  findings: ['steel.autonomy.vendor_remote'],
});

describe('steel questionnaire module', () => {
  it('hides the ironmaking section for an electric-arc-furnace mill', () => {
    const visible = visibleItems(m.q, m.answers);
    expect(visible.has('steel.iron.bf_param_change')).toBe(false);
    expect(visible.has('steel.steelmaking.model_backup')).toBe(true);
  });

  it('flags a key enterprise above 1000 万吨 of crude steel', () => {
    const answers = { ...m.answers, 'steel.profile.crude_steel_output': 1250 };
    expect(score(m.q, answers).profile.keyEnterprise).toMatchObject({ met: true });
  });

  it('warns about implausible answers', () => {
    const { problems } = validateAnswers(m.q, { ...m.answers, 'steel.profile.route': 'rolling_only' });
    expect(problems.some((p) => p.itemId === 'steel.profile.crude_steel_output' && p.level === 'warning')).toBe(true);
  });

  it('grades special-steel process data serving a non-secret national project as an important candidate, core only with reach and precision', () => {
    const rows = m.catalogueFor([
      { type: 'steel.special_steel_process', national_project: true },
      { type: 'steel.special_steel_process', national_project: true, scale: 'industry', precision: 'high' },
    ]);
    expect(rows[0]).toMatchObject({ level: 'important', object: 'national_security', levelLabel: '重要数据（候选，须经主管部门认定）' });
    expect(rows[1]).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
