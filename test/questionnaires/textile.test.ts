/**
 * The textile module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun
 * automotive-textile maker), then the textile rules: the annex's risks, key enterprises and key-data grading.
 */
import { describe, expect, it } from 'vitest';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { score } from '../../server/domain/scoring/index.js';
import { fixtureAnswers, industryModule } from './industry-module.js';

const m = industryModule({
  id: 'textile',
  industryName: '纺织',
  keyEnterprise: false,
  keyTypes: ['textile.dt.hitech_fiber', 'textile.dt.process', 'textile.dt.production', 'textile.dt.customer', 'textile.dt.supply_chain'],
  scenarios: ['supply_chain', 'illegal_transfer'],
});

describe('纺织行业模块', () => {
  it('has items for the textile risks of the annex', () => {
    // 技术服务外包、重要数据暴露、平台细粒度访问控制与脱敏共享、供应链数据出境
    for (const id of ['textile.risks.outsourcing', 'textile.risks.data_exposure', 'textile.platform.fine_access', 'textile.platform.desensitized_sharing', 'textile.customer.traceability_export'])
      expect(m.q.itemById.has(id), id).toBe(true);
  });

  it('flags textile enterprises in the Fortune Global 500 or China Manufacturing 500 as key enterprises', () => {
    const ke = (top500: string[]) => score(m.q, { ...m.answers, 'textile.profile.top500': top500 }).profile.keyEnterprise?.met;
    expect(ke(['china_mfg_500'])).toBe(true);
    expect(ke(['fortune_global_500', 'china_mfg_500'])).toBe(true);
    expect(ke(['none'])).toBe(false);
  });

  it('does not grade data up because it is exported, and grades fibre data for defence programmes as an important candidate', () => {
    const [traceAbroad, traceHome, fibreDefence] = m.catalogueFor([
      { type: 'textile.dt.supply_chain', scale: 'enterprise', precision: 'high', cross_border: true },
      { type: 'textile.dt.supply_chain', scale: 'enterprise', precision: 'high' },
      { type: 'textile.dt.hitech_fiber', scale: 'enterprise', national_project: true },
    ]);
    // export triggers the duty to assess before export; it does not make the data important (GB/T 43697 6.3–6.6)
    expect(traceAbroad.level).toBe('general');
    expect(traceHome.level).toBe('general');
    expect(fibreDefence.level).toBe('important');
  });

  it('asks technical-textile makers about customer specifications and airbag-fabric lot traceability, spinners about their recipes', () => {
    const technical = visibleItems(m.q, { ...m.answers, 'textile.profile.subsectors': ['technical'] });
    expect(technical.has('textile.subsector.lot_traceability')).toBe(true);
    expect(technical.has('textile.subsector.spinning_recipe')).toBe(false);
    const spinning = visibleItems(m.q, { ...m.answers, 'textile.profile.subsectors': ['spinning'] });
    expect(spinning.has('textile.subsector.spinning_recipe')).toBe(true);
    const low = score(m.q, fixtureAnswers('textile', 'low'));
    expect(low.findings.find((f) => f.itemId === 'textile.subsector.lot_traceability')).toMatchObject({ fulfilment: 0, priority: 'high' });
  });

  it('asks dyers about the integrity of their online pollution-monitoring data, and prints the partial text for a partial answer', () => {
    expect(visibleItems(m.q, { ...m.answers, 'textile.profile.subsectors': ['weaving'] }).has('textile.production.env_monitoring')).toBe(false);
    const low = score(m.q, fixtureAnswers('textile', 'low'));
    const f = low.findings.find((x) => x.itemId === 'textile.production.env_monitoring');
    expect(f).toMatchObject({ fulfilment: 0.5 });
    expect(f!.problem).toContain('尚不完整');
  });
});
