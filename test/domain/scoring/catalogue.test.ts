import { describe, expect, it } from 'vitest';
import { levelFor, score } from '../../../server/domain/scoring/index.js';
import { buildQ, filedItem, inventoryItem, row } from './helpers.js';

describe('GB/T 43697-2024 grading table', () => {
  it.each([
    ['national_security', 'especially_serious', 'core'],
    ['national_security', 'serious', 'core'],
    ['national_security', 'general', 'important'],
    ['economy', 'especially_serious', 'core'],
    ['economy', 'serious', 'important'],
    ['economy', 'general', 'general'],
    ['social_order', 'especially_serious', 'core'],
    ['social_order', 'serious', 'important'],
    ['social_order', 'general', 'general'],
    ['public_interest', 'especially_serious', 'core'],
    ['public_interest', 'serious', 'important'],
    ['public_interest', 'general', 'general'],
    ['organization', 'especially_serious', 'general'],
    ['organization', 'serious', 'general'],
    ['organization', 'general', 'general'],
    ['personal', 'especially_serious', 'general'],
    ['personal', 'serious', 'general'],
    ['personal', 'general', 'general'],
  ] as const)('%s × %s → %s', (object, degree, level) => {
    expect(levelFor(object, degree)).toBe(level);
  });
});

const q = buildQ({
  items: [
    { id: 'p.defence', kind: 'yesno', label: '承担国防配套任务' },
    filedItem(),
    inventoryItem,
  ],
  data_types: [
    {
      id: 'dt.process',
      name: '工艺参数',
      domain: 'production',
      subcategory: '工艺参数',
      key: true,
      grading: [
        { object: 'economy', degree: 'general', when: { attr: 'volume', in: ['medium', 'large', 'massive'] }, reason: '经济运行·一般' },
        { object: 'economy', degree: 'serious', when: { attr: 'scale', in: ['industry', 'national'] }, reason: '经济运行·严重' },
        { object: 'personal', degree: 'especially_serious', when: { attr: 'personal_count', eq: 'ge_10m' }, reason: '个人权益·特别严重' },
        { object: 'national_security', degree: 'serious', when: { item: 'p.defence', eq: true }, reason: '国家安全·严重' },
        { object: 'public_interest', degree: 'serious', when: { attr: 'shared_external', eq: true }, reason: '公共利益·严重' },
      ],
    },
    { id: 'dt.hr', name: '人事档案', domain: 'management', subcategory: '业务统计' },
  ],
});

const catalogue = (answers: Record<string, unknown>) => score(q, answers as never).classification.catalogue;

describe('draft catalogue', () => {
  it('grades a row with no firing rule as 一般数据 level 1, with a reason written from the row', () => {
    const [e] = catalogue({ 'data.inventory': [row({ type: 'dt.hr' })] });
    expect(e).toEqual({
      row: 0, dataType: 'dt.hr', name: '人事档案', domain: 'management', subcategory: '业务统计', key: false,
      level: 'general', levelLabel: '一般数据（1级，参照 GB/T 43697 附录H）', generalSubLevel: 1,
      object: 'organization', degree: 'general',
      reason: '「人事档案」影响范围仅本企业，精度中，数据量小；一旦泄露、篡改或丢失，对组织权益的影响程度为一般，按 GB/T 43697-2024 6.5 定为一般数据',
      matched: [],
    });
  });

  it('names the row’s own attributes in the reason, so a reason never describes another kind of data', () => {
    const [e] = catalogue({ 'data.inventory': [row({ type: 'dt.hr', name: '客户联系人', personal_count: 'lt_100k', scale: 'regional' })] });
    expect(e.reason).toContain('「客户联系人」影响范围省市区域');
    expect(e.reason).toContain('含不足 10 万人的个人信息');
    // reach beyond the enterprise lifts the 一般数据 sub-level
    expect(e.generalSubLevel).toBe(2);
  });

  it('labels 重要/核心 as candidates for the authority to confirm', () => {
    const [imp] = catalogue({ 'data.inventory': [row({ type: 'dt.process', scale: 'industry' })] });
    expect(imp).toMatchObject({ level: 'important', generalSubLevel: null, levelLabel: '重要数据（候选，须经主管部门认定）' });
    expect(imp.reason).toContain('定为重要数据候选');
    const [core] = catalogue({ 'p.defence': true, 'data.inventory': [row({ type: 'dt.process' })] });
    expect(core.levelLabel).toBe('核心数据（候选，须经主管部门认定）');
  });

  it('leaves 涉密 rows out of grading and lists them for referral to 保密 management', () => {
    const r = score(q, { 'data.inventory': [row({ type: 'dt.process', classified: true, scale: 'national' }), row({ type: 'dt.hr' })] } as never);
    expect(r.classification.catalogue.map((e) => e.dataType)).toEqual(['dt.hr']);
    expect(r.classification.excluded).toEqual([{ row: 0, name: '工艺参数' }]);
    expect(r.dataAssets).toMatchObject({ types: 1, candidates: 0, excluded: 1 });
  });

  it('takes the highest level over all firing rules (就高从严)', () => {
    // economy·general → general, economy·serious → important, personal·especially_serious → general:
    // important wins, decided by the economy·serious rule; every fired reason is listed.
    const [e] = catalogue({ 'data.inventory': [row({ type: 'dt.process', volume: 'large', scale: 'industry', personal_count: 'ge_10m' })] });
    expect(e.level).toBe('important');
    expect([e.object, e.degree]).toEqual(['economy', 'serious']);
    expect(e.matched).toEqual(['经济运行·一般', '经济运行·严重', '个人权益·特别严重']);
    expect(e.key).toBe(true);
  });

  it('lets the first rule reaching the top level decide on a tie', () => {
    // economy·serious and public_interest·serious are both important: the earlier rule decides.
    const [e] = catalogue({ 'data.inventory': [row({ type: 'dt.process', scale: 'national', shared_external: true })] });
    expect([e.level, e.object]).toEqual(['important', 'economy']);
  });

  it('evaluates rules on answers as well as on the row', () => {
    // national_security·serious → core
    const [e] = catalogue({ 'p.defence': true, 'data.inventory': [row({ type: 'dt.process' })] });
    expect([e.level, e.object, e.degree]).toEqual(['core', 'national_security', 'serious']);
  });

  it('skips rows not held and keeps row indexes', () => {
    const entries = catalogue({ 'data.inventory': [row({ type: 'dt.hr', held: false }), row({ type: 'dt.process' })] });
    expect(entries.map((e) => [e.row, e.dataType])).toEqual([[1, 'dt.process']]);
  });

  it('grades custom rows general unless they serve a national project', () => {
    const entries = catalogue({
      'data.inventory': [
        row({ name: '试验数据', domain: 'rnd' }),
        row({ name: '型号配套图纸', domain: 'rnd', national_project: true }),
      ],
    });
    expect(entries.map((e) => [e.name, e.dataType, e.level, e.object, e.degree])).toEqual([
      ['试验数据', null, 'general', 'organization', 'general'],
      ['型号配套图纸', null, 'important', 'national_security', 'general'],
    ]);
  });

  it('leaves out rows with an unknown data type rather than guessing', () => {
    expect(catalogue({ 'data.inventory': [row({ type: 'dt.nope' })] })).toEqual([]);
  });
});
