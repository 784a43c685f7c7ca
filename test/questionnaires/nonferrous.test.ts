/**
 * The nonferrous module: the shared checks (industry-module.ts) with the mid-maturity fixture (a recycled-aluminium
 * smelter and automotive extrusion plant in 经开区 that files data into overseas systems), then nonferrous's own rules.
 */
import { describe, expect, it } from 'vitest';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { validateAnswers } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'nonferrous',
  industryName: '有色金属',
  // Not in the top 50, not a rare-earth or rare-metal enterprise, not on the list.
  keyEnterprise: false,
  keyTypes: [
    'nonferrous.mineral_resources',
    'nonferrous.stock_volumes',
    'nonferrous.purchase_sales',
    'nonferrous.production_plan',
    'nonferrous.supply_channels',
    'nonferrous.key_process',
    'nonferrous.economic_indicators',
  ],
  findings: ['nonferrous.crossborder.systems_register'],
});

describe('nonferrous questionnaire module', () => {
  it('registers the illegal-transfer risk of data filed abroad', () => {
    expect(m.result.risk.entries.some((e) => e.theme === 'illegal_transfer' && e.exposure.includes('cross_border'))).toBe(true);
  });

  it('shows the overseas-system questions and hides mining and rare-earth questions for this enterprise', () => {
    const visible = visibleItems(m.q, m.answers);
    expect(visible.has('nonferrous.crossborder.systems_register')).toBe(true);
    expect(visible.has('nonferrous.crossborder.foreign_requests')).toBe(true);
    expect(visible.has('nonferrous.mining.resource_data')).toBe(false);
    expect(visible.has('nonferrous.crossborder.rare_trace')).toBe(false);
  });

  it('asks a recycling enterprise about scrap intake records and sellers’ personal information, and a processor about batch traceability', () => {
    const visible = visibleItems(m.q, m.answers);
    for (const id of ['nonferrous.recycling.intake_register', 'nonferrous.recycling.seller_pi', 'nonferrous.recycling.sorting_models', 'nonferrous.processing.quality_trace', 'nonferrous.logistics.transport_tracking'])
      expect(visible.has(id), id).toBe(true);
    const miner = visibleItems(m.q, { ...m.answers, 'nonferrous.profile.chain': ['mining'] });
    expect(miner.has('nonferrous.recycling.intake_register')).toBe(false);
    expect(miner.has('nonferrous.processing.quality_trace')).toBe(false);
  });

  it('flags rare-earth and rare-metal enterprises and the top 50 as key enterprises', () => {
    const ke = (extra: object) => score(m.q, { ...m.answers, ...extra }).profile.keyEnterprise;
    expect(ke({ 'nonferrous.profile.rare_main': true, 'nonferrous.profile.metals': ['aluminium', 'rare_earth'] })).toMatchObject({ met: true });
    expect(ke({ 'nonferrous.profile.top50': true })).toMatchObject({ met: true });
  });

  it('warns when data is filed into overseas systems but no data export is declared', () => {
    const { problems } = validateAnswers(m.q, { ...m.answers, 'profile.cross_border': 'none' });
    expect(problems.some((p) => p.itemId === 'nonferrous.profile.overseas' && p.level === 'warning')).toBe(true);
  });

  it('grades industry-wide rare-earth resource data as core', () => {
    const [row] = m.catalogueFor([{ type: 'nonferrous.mineral_resources', scale: 'industry' }], { 'nonferrous.profile.metals': ['rare_earth'] });
    expect(row).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
