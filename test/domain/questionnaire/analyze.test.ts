import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze } from '../../../server/domain/questionnaire/analyze.js';
import { compose } from '../../../server/domain/questionnaire/compose.js';
import { CoreFile, IndustryFile } from '../../../server/domain/questionnaire/schema.js';
import { MINIMAL_CORE, MINIMAL_MODULE } from '../../helpers/questionnaire-files.js';

function composed(coreYaml: string, moduleYaml?: string) {
  const core = { def: CoreFile.parse(parse(coreYaml)), hash: 'c' };
  const module = moduleYaml ? { def: IndustryFile.parse(parse(moduleYaml)), hash: 'm' } : undefined;
  return module ? compose(core, module, 'cm') : compose(core);
}
const errors = (coreYaml: string, moduleYaml?: string) =>
  analyze(composed(coreYaml, moduleYaml)).filter((p) => p.level === 'error');

describe('analyze', () => {
  it('accepts a well-formed core and module', () => {
    expect(errors(MINIMAL_CORE, MINIMAL_MODULE)).toEqual([]);
  });

  it('finds duplicate ids across core and module', () => {
    const module = MINIMAL_MODULE.replace('- id: steel.output', '- id: steel.profile');
    expect(errors(MINIMAL_CORE, module).map((p) => p.message).join()).toContain('编号重复');
  });

  it('requires module ids to start with the industry id', () => {
    const module = MINIMAL_MODULE.replace('- id: steel.output', '- id: output').replace('item: steel.output', 'item: output');
    expect(errors(MINIMAL_CORE, module).some((p) => p.where === 'output')).toBe(true);
  });

  it('finds conditions that reference missing items or option values', () => {
    const missing = MINIMAL_CORE.replace('{ not: { item: profile.ot, includes: none } }', '{ item: profile.nothing, eq: 1 }');
    expect(errors(missing).some((p) => p.message.includes('不存在的题目 “profile.nothing”'))).toBe(true);
    const badValue = MINIMAL_CORE.replace('includes: none', 'includes: nothing');
    expect(errors(badValue).some((p) => p.message.includes('“nothing” 不是题目 profile.ot 的可选答案'))).toBe(true);
  });

  it('finds visibility cycles', () => {
    const cyclic = MINIMAL_CORE.replace(
      '        kind: yesno\n        label: 是否暴露在互联网',
      '        kind: yesno\n        label: 是否暴露在互联网\n        visible_if: { item: profile.ot, answered: true }',
    ).replace(
      '        kind: multi\n        label: 工控系统',
      '        kind: multi\n        label: 工控系统\n        visible_if: { item: profile.internet, eq: true }',
    );
    const found = errors(cyclic).filter((p) => p.message.includes('循环依赖'));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].message).toMatch(/profile\.(internet|ot) → profile\.(internet|ot) → profile\.(internet|ot)/);
  });

  it('requires scored items to carry a finding and control items to be scored', () => {
    const noFinding = MINIMAL_CORE.replace(
      '        finding: { problem: 未覆盖工控数据, recommendation: 补充梳理 DCS 数据, priority: medium }\n',
      '',
    );
    expect(errors(noFinding).some((p) => p.where === 'classification.ot_assets' && p.message.includes('finding'))).toBe(true);
  });

  it('requires exactly one data inventory and one catalogue-filed item', () => {
    const none = MINIMAL_CORE.replace('        role: data_inventory\n', '');
    expect(errors(none).some((p) => p.where === 'data_inventory')).toBe(true);
  });

  it('rejects row attributes outside grading rules and unknown row attributes', () => {
    const attrInVisibility = MINIMAL_CORE.replace('{ not: { item: profile.ot, includes: none } }', '{ attr: scale, eq: national }');
    expect(errors(attrInVisibility).some((p) => p.message.includes('只能用于数据类型的定级规则'))).toBe(true);
    const unknownAttr = MINIMAL_MODULE.replace('attr: scale', 'attr: size');
    expect(errors(MINIMAL_CORE, unknownAttr).some((p) => p.message.includes('不存在的属性 “size”'))).toBe(true);
  });

  it('rejects grading rules conditioned on sharing or export (circular under GB/T 43697)', () => {
    const exported = MINIMAL_MODULE.replace('when: { attr: scale, eq: national }', 'when: { attr: cross_border, eq: true }');
    expect(errors(MINIMAL_CORE, exported).some((p) => p.message.includes('定级规则不能以处理活动（cross_border）为条件'))).toBe(true);
  });

  it('warns when an assessed process area has no items at a level', () => {
    const warnings = analyze(composed(MINIMAL_CORE)).filter((p) => p.level === 'warning');
    expect(warnings.some((w) => w.where === 'PA09' && w.message.includes('第 1 级'))).toBe(true);
  });
});
