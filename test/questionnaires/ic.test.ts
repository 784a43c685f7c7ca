/**
 * The integrated-circuit module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun
 * image-sensor design and packaging/test company), then the IC rules: the annex's items, sections by segment, the
 * key-enterprise criterion and the grading of recipes and EDA data.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'ic',
  industryName: '集成电路',
  keyEnterprise: false,
  keyTypes: ['ic.dt.material_formula', 'ic.dt.melting_process', 'ic.dt.component_indicators', 'ic.dt.equipment_params', 'ic.dt.eda_algorithm'],
  scenarios: ['supply_chain', 'illegal_transfer'],
});

describe('集成电路行业模块', () => {
  it('has items for the IC scenarios of the annex', () => {
    // IP 使用审核、光罩运输追踪、报废晶圆保护、供应商遴选、境外司法调取、境外系统填报
    for (const id of ['ic.design.ip_review', 'ic.fab.mask_tracking', 'ic.backend.scrap_wafer', 'ic.external.supplier_vetting', 'ic.external.foreign_judicial', 'ic.external.overseas_systems'])
      expect(m.q.itemById.has(id), id).toBe(true);
  });

  it('shows only the sections of the segments the enterprise works in', () => {
    const sectionsShown = (segments: string[]) => {
      const v = visibleItems(m.q, { ...m.answers, 'ic.profile.segments': segments });
      return new Set(m.q.items.filter((i) => v.has(i.def.id)).map((i) => i.sectionId));
    };
    const fab = sectionsShown(['foundry']);
    expect(fab.has('ic.fab')).toBe(true);
    expect(fab.has('ic.backend')).toBe(true);
    expect(fab.has('ic.design')).toBe(false);
    const design = sectionsShown(['design']);
    expect(design.has('ic.design')).toBe(true);
    expect(design.has('ic.fab')).toBe(false);
    expect(design.has('ic.backend')).toBe(false);
    expect(design.has('ic.external')).toBe(true);
    const supplier = sectionsShown(['materials', 'equipment']);
    expect(supplier.has('ic.materials')).toBe(true);
    expect(supplier.has('ic.equipment')).toBe(true);
  });

  it('flags CSIA top-ten enterprises and domestic top-three market leaders as key enterprises', () => {
    const ke = (extra: Answers) => score(m.q, { ...m.answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'ic.profile.csia_top10': true })).toBe(true);
    expect(ke({ 'ic.profile.market_share': 'top3' })).toBe(true);
    expect(ke({ 'ic.profile.csia_top10': false, 'ic.profile.market_share': 'top10' })).toBe(false);
  });

  it('grades complete recipes of advanced nodes as important and data of national projects as core', () => {
    const recipes = (node: string) =>
      m.catalogueFor([{ type: 'ic.dt.equipment_params', scale: 'enterprise', precision: 'high' }], {
        'ic.profile.segments': ['foundry'],
        'ic.profile.process_node': node,
      })[0].level;
    expect(recipes('advanced')).toBe('important');
    expect(recipes('specialty')).toBe('general');
    // one checkbox never makes 核心: a non-secret national project alone is an important candidate
    const [eda, wide] = m.catalogueFor([
      { type: 'ic.dt.eda_algorithm', scale: 'enterprise', national_project: true },
      { type: 'ic.dt.eda_algorithm', scale: 'national', precision: 'high', national_project: true },
    ]);
    expect(eda.level).toBe('important');
    expect(wide.level).toBe('core');
  });
});
