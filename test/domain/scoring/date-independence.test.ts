/**
 * Scores must be the same whatever day they are computed: 'today' may appear in checks (validation) only,
 * and analyze() rejects it anywhere that feeds scoring.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/domain/questionnaire/analyze.js';
import { validateAnswers } from '../../../server/domain/questionnaire/validate-answers.js';
import { buildQ, control, filedItem, inventoryItem } from './helpers.js';

const dateItem = (extra: Record<string, unknown> = {}) => ({ id: 'p.drill', kind: 'date', label: '最近一次演练日期', ...extra });

describe("'today' in conditions", () => {
  it('is allowed in checks, and validation can pin the date', () => {
    const q = buildQ({
      items: [
        dateItem({ checks: [{ if: { item: 'p.drill', after: 'today' }, level: 'warning', message: '演练日期晚于今天。' }] }),
        filedItem(),
        inventoryItem,
      ],
    });
    expect(analyze(q).filter((p) => p.level === 'error')).toEqual([]);
    const warnings = (today: string) => validateAnswers(q, { 'p.drill': '2024-06-01' }, { today }).problems.map((p) => p.message);
    expect(warnings('2024-05-01')).toContain('题目 p.drill：演练日期晚于今天。');
    expect(warnings('2024-07-01')).not.toContain('题目 p.drill：演练日期晚于今天。');
  });

  it('is an error where it would make a score depend on the date', () => {
    const q = buildQ({
      items: [
        dateItem(),
        control('c.recent', { classification: true }, { visible_if: { item: 'p.drill', before: 'today' } }),
        filedItem(),
        inventoryItem,
      ],
    });
    expect(analyze(q).filter((p) => p.level === 'error').map((p) => p.where)).toEqual(['c.recent']);
  });
});
