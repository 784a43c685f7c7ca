import { describe, expect, it } from 'vitest';
import { computeCheckChar, generateUscc, normalizeUscc, validateUscc } from '../../server/domain/uscc.js';

/** Published codes of real enterprises and the standard's own example. */
const REAL = ['91350100M000100Y43', '914403001922038216', '91330100716105852F', '91110108558521630L', '9144030071526726XG'];

describe('validateUscc', () => {
  it.each(REAL)('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, code });
  });

  it('normalises lower case, spaces and full-width characters', () => {
    expect(validateUscc('  91330100 7161 05852f ')).toEqual({ ok: true, code: '91330100716105852F' });
    expect(validateUscc('９１３３０１００７１６１０５８５２Ｆ')).toEqual({ ok: true, code: '91330100716105852F' });
    expect(validateUscc('9144030071526726xg\n')).toEqual({ ok: true, code: '9144030071526726XG' });
    expect(normalizeUscc('９１\u3000ａb')).toBe('91AB');
  });

  it('names a wrong check character and what it should be', () => {
    const r = validateUscc('91330100716105852G');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('校验位应为 ‘F’，实际为 ‘G’') });
  });

  it('validates the embedded organisation code (GB 11714) at position 17', () => {
    // Position 17 changed and position 18 recomputed, so only the organisation-code check can catch it.
    const first17 = '9133010071610585' + '3';
    const r = validateUscc(first17 + computeCheckChar(first17));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('组织机构代码校验不通过：第 17 位校验位应为 ‘2’，实际为 ‘3’');
  });

  it('names the position of a character outside the alphabet', () => {
    expect(validateUscc('9133I100716105852F')).toEqual({
      ok: false,
      message: expect.stringContaining('第 5 位字符 ‘I’ 不是统一社会信用代码允许的字符'),
    });
    expect(validateUscc('91330100716105852-')).toEqual({
      ok: false,
      message: '第 18 位字符 ‘-’ 不是统一社会信用代码允许的字符',
    });
  });

  it('reports the length', () => {
    expect(validateUscc('9133010071610585')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，实际为 16 位' });
    expect(validateUscc('91330100716105852F1').ok).toBe(false);
    expect(validateUscc('   ')).toEqual({ ok: false, message: '统一社会信用代码不能为空' });
  });

  it('checks the registration department and category', () => {
    expect(validateUscc('B1330100716105852F')).toMatchObject({ ok: false, message: expect.stringContaining('第 1 位') });
    expect(validateUscc('97330100716105852F')).toMatchObject({ ok: false, message: expect.stringContaining('第 2 位') });
    expect(validateUscc('9133A100716105852F')).toMatchObject({ ok: false, message: expect.stringContaining('行政区划码') });
  });
});

describe('computeCheckChar', () => {
  it('matches the check characters of real codes', () => {
    for (const code of REAL) expect(computeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });
});

describe('generateUscc', () => {
  it('produces valid Changchun enterprise codes, reproducibly from a seeded source', () => {
    const seeded = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const a = Array.from({ length: 200 }, ((r) => () => generateUscc(r))(seeded(7)));
    const b = Array.from({ length: 200 }, ((r) => () => generateUscc(r))(seeded(7)));
    expect(a).toEqual(b);
    for (const code of a) {
      expect(validateUscc(code)).toEqual({ ok: true, code });
      expect(code).toMatch(/^912201\d\d/);
    }
  });
});
