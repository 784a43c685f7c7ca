/**
 * The petrochemical module: the shared checks (industry-module.ts) with the mid-maturity fixture (a special
 * engineering plastics maker in 长春新区 with a polymerisation unit under SIS), then petrochem's own rules.
 */
import { describe, expect, it } from 'vitest';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { validateAnswers } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'petrochem',
  industryName: '石化化工',
  // Not among the 500 strongest petroleum and chemical enterprises and not on the list.
  keyEnterprise: false,
  keyTypes: [
    'petrochem.production_data',
    'petrochem.process_params',
    'petrochem.energy_data',
    'petrochem.rnd_data',
    'petrochem.supply_chain_data',
    'petrochem.key_material_process',
  ],
  findings: ['petrochem.supply.vendor_security'],
});

describe('petrochem questionnaire module', () => {
  it('registers a supply-chain risk and grades the polymerisation unit’s SIS logic important (重点监管危险化工工艺)', () => {
    expect(m.result.risk.entries.some((e) => e.theme === 'supply_chain')).toBe(true);
    expect(m.result.classification.catalogue.find((c) => c.dataType === 'petrochem.sis_config')?.level).toBe('important');
  });

  it('shows the key-material questions and hides the park and IoT questions for this enterprise', () => {
    const visible = visibleItems(m.q, m.answers);
    expect(visible.has('petrochem.materials.desensitize')).toBe(true);
    expect(visible.has('petrochem.control.sis_independence')).toBe(true);
    expect(visible.has('petrochem.park.sharing')).toBe(false);
    expect(visible.has('petrochem.iot.device_auth')).toBe(false);
  });

  it('asks about monitoring of the four system classes and encryption of key data for every plant, and about sub-sector data by sub-sector', () => {
    const visible = visibleItems(m.q, m.answers);
    expect(visible.has('petrochem.protect.monitoring')).toBe(true);
    expect(visible.has('petrochem.protect.encryption')).toBe(true);
    // a fine-chemical plant: no refinery planning models, no fertilizer hazard data
    expect(visible.has('petrochem.subsector.fine_batch')).toBe(true);
    expect(visible.has('petrochem.subsector.refining_models')).toBe(false);
    const refinery = visibleItems(m.q, { ...m.answers, 'petrochem.profile.sectors': ['refining'] });
    expect(refinery.has('petrochem.subsector.refining_models')).toBe(true);
    const fertilizer = visibleItems(m.q, { ...m.answers, 'petrochem.profile.sectors': ['fertilizer'] });
    expect(fertilizer.has('petrochem.subsector.basic_hazard_data')).toBe(true);
  });

  it('flags the 500 strongest petroleum and chemical enterprises as key enterprises', () => {
    expect(score(m.q, { ...m.answers, 'petrochem.profile.top500': true }).profile.keyEnterprise).toMatchObject({ met: true });
  });

  it('warns when a major-hazard plant declares no safety instrumented system', () => {
    const { problems } = validateAnswers(m.q, { ...m.answers, 'petrochem.profile.control_systems': ['dcs', 'gds'] });
    expect(problems.some((p) => p.itemId === 'petrochem.profile.control_systems' && p.level === 'warning')).toBe(true);
  });

  it('grades key-material process data serving a non-secret national project as an important candidate, core only with reach and precision', () => {
    const rows = m.catalogueFor([
      { type: 'petrochem.key_material_process', national_project: true },
      { type: 'petrochem.key_material_process', national_project: true, scale: 'industry', precision: 'high' },
    ]);
    expect(rows[0]).toMatchObject({ level: 'important', object: 'national_security', levelLabel: '重要数据（候选，须经主管部门认定）' });
    expect(rows[1]).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
