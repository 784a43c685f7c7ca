import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compose } from '../../../server/domain/questionnaire/compose.js';
import { evaluate, visibleItems } from '../../../server/domain/questionnaire/conditions.js';
import { CoreFile } from '../../../server/domain/questionnaire/schema.js';
import { MINIMAL_CORE } from '../../helpers/questionnaire-files.js';

describe('conditions', () => {
  const answers = { a: 5, b: 'x', m: ['dcs', 'plc'], y: true };

  it('compares answers', () => {
    expect(evaluate({ item: 'a', gt: 4 }, { answers })).toBe(true);
    expect(evaluate({ item: 'a', lte: 4 }, { answers })).toBe(false);
    expect(evaluate({ item: 'b', in: ['x', 'z'] }, { answers })).toBe(true);
    expect(evaluate({ item: 'm', includes: 'plc' }, { answers })).toBe(true);
    expect(evaluate({ item: 'y', eq: true }, { answers })).toBe(true);
    expect(evaluate({ item: 'missing', answered: false }, { answers })).toBe(true);
  });

  it('treats unanswered items as failing every comparison but ne', () => {
    expect(evaluate({ item: 'missing', eq: 1 }, { answers })).toBe(false);
    expect(evaluate({ item: 'missing', gt: 0 }, { answers })).toBe(false);
    expect(evaluate({ item: 'missing', ne: 1 }, { answers })).toBe(true);
  });

  it('combines with all, any and not', () => {
    expect(evaluate({ all: [{ item: 'a', gt: 1 }, { item: 'b', eq: 'x' }] }, { answers })).toBe(true);
    expect(evaluate({ any: [{ item: 'a', gt: 10 }, { item: 'b', eq: 'x' }] }, { answers })).toBe(true);
    expect(evaluate({ not: { item: 'a', gt: 1 } }, { answers })).toBe(false);
  });

  it('reads inventory row attributes in grading rules', () => {
    const row = { scale: 'national' } as never;
    expect(evaluate({ attr: 'scale', eq: 'national' }, { answers, row })).toBe(true);
  });

  it('hides items whose condition fails, and items depending on hidden items see them as unanswered', () => {
    const q = compose({ def: CoreFile.parse(parse(MINIMAL_CORE)), hash: 'h' });
    expect(visibleItems(q, { 'profile.ot': ['none'] }).has('classification.ot_assets')).toBe(false);
    expect(visibleItems(q, { 'profile.ot': ['dcs'] }).has('classification.ot_assets')).toBe(true);
    expect(evaluate({ item: 'profile.ot', answered: true }, { answers: { 'profile.ot': ['dcs'] }, visible: new Set() })).toBe(false);
  });
});
