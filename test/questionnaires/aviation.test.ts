/**
 * The civil-aircraft module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun
 * airframe-parts supplier), then the aviation rules: key enterprises and the grading of programme design data.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'aviation',
  industryName: '民机',
  keyEnterprise: false,
  keyTypes: [
    'aviation.dt.design',
    'aviation.dt.airworthiness',
    'aviation.dt.supplier',
    'aviation.dt.customer',
    'aviation.dt.flight_test',
    'aviation.dt.avionics',
    'aviation.dt.ops_support',
    'aviation.dt.manufacturing',
  ],
});

describe('民机行业模块', () => {
  it('selects backbone enterprises and prime manufacturers as key enterprises', () => {
    const ke = (extra: Answers) => score(m.q, { ...m.answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'aviation.profile.backbone': true })).toBe(true);
    expect(ke({ 'aviation.profile.role': ['prime'], 'aviation.profile.backbone': false })).toBe(true);
  });

  it('grades design data of a national major programme as an important candidate, and core only when complete, precise and industry-wide', () => {
    const [programme, enterpriseOnly, complete] = m.catalogueFor([
      { type: 'aviation.dt.design', scale: 'enterprise', national_project: true },
      { type: 'aviation.dt.design', scale: 'enterprise', national_project: true, precision: 'high', volume: 'large' },
      { type: 'aviation.dt.design', scale: 'industry', national_project: true, precision: 'high', volume: 'large' },
    ]);
    expect(programme.level).toBe('important');
    expect(enterpriseOnly.level).toBe('important');
    expect(complete).toMatchObject({ level: 'core', levelLabel: '核心数据（候选，须经主管部门认定）' });
  });
});
