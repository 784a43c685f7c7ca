import { describe, expect, it } from 'vitest';
import { missingRequired, validateAnswers, validateAnswersFile } from '../../../server/domain/questionnaire/validate-answers.js';
import { buildQ, control, filedItem, inventoryItem } from '../scoring/helpers.js';

const q = buildQ({
  items: [
    { id: 'org.has_ot', kind: 'yesno', label: '有工控系统', required: true },
    control('org.lead', { classification: true }, { required: true }),
    control('org.strict', { classification: true }, { na_allowed: false }),
    control('ot.zone', { classification: true }, { required: true, visible_if: { item: 'org.has_ot', eq: true } }),
    { id: 'org.size', kind: 'single', label: '规模', options: [{ value: 'large', label: '大型' }, { value: 'small', label: '小型' }] },
    {
      id: 'org.staff', kind: 'number', label: '人数', integer: true, min: 0, max: 1000,
      checks: [{ if: { item: 'org.staff', gt: 500 }, level: 'warning', message: '人数较多，请核实。' }],
    },
    { id: 'org.systems', kind: 'multi', label: '系统', options: [{ value: 'erp', label: 'ERP' }, { value: 'mes', label: 'MES' }, { value: 'none', label: '无', exclusive: true }] },
    { id: 'org.audit_date', kind: 'date', label: '审计日期' },
    filedItem(),
    inventoryItem,
  ],
  data_types: [{ id: 'dt.recipe', name: '配方', domain: 'production', subcategory: '工艺参数' }],
});

const errors = (raw: unknown) => validateAnswers(q, raw).problems.filter((p) => p.level === 'error');

describe('validateAnswers', () => {
  it('accepts good answers, applies defaults and warns about nothing when complete', () => {
    const { answers, problems } = validateAnswers(q, {
      'org.has_ot': false,
      'org.lead': 'partial',
      'org.size': 'large',
      'org.staff': 120,
      'org.systems': ['erp', 'mes'],
      'org.audit_date': '2024-05-01',
      'data.inventory': [{ type: 'dt.recipe' }, { name: '试验数据', domain: 'rnd' }],
    });
    expect(problems).toEqual([]);
    expect((answers['data.inventory'] as { held: boolean; scale: string }[])[0]).toMatchObject({ held: true, scale: 'enterprise' });
  });

  it('rejects unknown item ids', () => {
    expect(errors({ 'org.nope': 'full' })).toEqual([
      { itemId: 'org.nope', level: 'error', message: '题目 org.nope 不在问卷 t（版本 1.0.0）中，请检查题目编号或问卷版本' },
    ]);
  });

  it('names the control scale on a wrong control answer', () => {
    expect(errors({ 'org.lead': 'yes' })[0].message).toBe('题目 org.lead 的答案应为 符合/部分符合/不符合/不适用 之一（full/partial/none/na）');
    expect(errors({ 'org.strict': 'na' })[0].message).toContain('本题不允许选择不适用');
  });

  it('explains wrong types for each kind', () => {
    const messages = errors({
      'org.has_ot': 'yes',
      'org.size': 'huge',
      'org.staff': 2.5,
      'org.systems': ['erp', 'none'],
      'org.audit_date': '2024/05/01',
    }).map((p) => [p.itemId, p.message]);
    expect(messages).toEqual([
      ['org.has_ot', '题目 org.has_ot 的答案应为 是 或 否（true 或 false）'],
      ['org.size', '题目 org.size 的答案应为以下选项之一：large（大型）、small（小型）'],
      ['org.staff', '题目 org.staff 的答案：应为整数'],
      ['org.systems', '题目 org.systems 的答案：“无”类选项不能与其他选项同时选择'],
      ['org.audit_date', '题目 org.audit_date 的答案：日期格式应为 YYYY-MM-DD'],
    ]);
    expect(errors({ 'org.staff': 'many' })[0].message).toBe('题目 org.staff 的答案：应为数字');
    expect(errors({ 'org.systems': ['crm'] })[0].message).toContain('包含不存在的选项');
  });

  it('reports inventory rows by row number', () => {
    const e = errors({ 'data.inventory': [{ type: 'dt.recipe' }, { type: 'dt.recipe', scale: 'galaxy' }] });
    expect(e).toHaveLength(1);
    expect(e[0].message).toMatch(/^题目 data.inventory 的答案（数据清单第 2 行 的 scale）：取值应为以下之一：enterprise/);
  });

  it('rejects inventory rows with an unknown data type', () => {
    const r = validateAnswers(q, { 'data.inventory': [{ type: 'dt.recipe' }, { type: 'dt.gone' }] });
    expect(r.problems.filter((p) => p.level === 'error').map((p) => p.message)).toEqual([
      '题目 data.inventory 数据清单第 2 行的数据类型 “dt.gone” 不在问卷 t 中，请重新选择或改为自定义数据类型',
    ]);
    expect(r.answers['data.inventory']).toBeUndefined();
  });

  it('leaves failing values out and keeps the rest', () => {
    const r = validateAnswers(q, { 'org.lead': 'full', 'org.strict': 'maybe', 'org.has_ot': null });
    expect(r.answers).toEqual({ 'org.lead': 'full' });
  });

  it('evaluates item checks at their level', () => {
    const r = validateAnswers(q, { 'org.staff': 800 });
    expect(r.problems).toContainEqual({ itemId: 'org.staff', level: 'warning', message: '题目 org.staff：人数较多，请核实。' });
  });

  it('warns about unanswered required visible items only', () => {
    const warn = (raw: Record<string, unknown>) => validateAnswers(q, raw).problems.filter((p) => p.level === 'warning').map((p) => p.itemId);
    expect(warn({})).toEqual(['org.has_ot', 'org.lead']);
    // ot.zone becomes visible and required
    expect(warn({ 'org.has_ot': true, 'org.lead': 'full' })).toEqual(['ot.zone']);
    expect(missingRequired(q, { 'org.has_ot': true })).toEqual(['org.lead', 'ot.zone']);
  });

  it('rejects something that is not an object', () => {
    expect(errors(['full'])[0]).toMatchObject({ itemId: '', level: 'error' });
  });
});

describe('validateAnswersFile', () => {
  const other = buildQ({ items: [control('x.a', { classification: true }), filedItem(), inventoryItem] });
  const qs = [q, { ...other, id: 'other', version: '2.0.0+t.1.0.0' }];

  it('finds the questionnaire by id and exact version', () => {
    const r = validateAnswersFile(qs, { questionnaire: 't', version: '1.0.0', answers: { 'org.lead': 'full' } });
    expect(r.problems).toEqual([]);
    expect(r.questionnaire).toBe(q);
    expect(r.file?.answers).toEqual({ 'org.lead': 'full' });
  });

  it('names both versions on a mismatch', () => {
    const r = validateAnswersFile(qs, { questionnaire: 'other', version: '1.9.0+t.1.0.0', answers: {} });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toContain('1.9.0+t.1.0.0');
    expect(r.problems[0].message).toContain('2.0.0+t.1.0.0');
  });

  it('lists the known questionnaires for an unknown id', () => {
    const r = validateAnswersFile(qs, { questionnaire: 'steel', version: '1.0.0', answers: {} });
    expect(r.problems[0].message).toBe('答案文件指定的问卷 “steel” 不存在；已加载的问卷：t、other');
    expect(r.questionnaire).toBeUndefined();
  });

  it('explains a malformed envelope', () => {
    const r = validateAnswersFile(qs, { questionnaire: 't', answers: [], extra: 1 });
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/version/);
    expect(r.problems.every((p) => p.level === 'error' && p.message.startsWith('答案文件格式错误'))).toBe(true);
  });
});
