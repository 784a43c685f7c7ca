/**
 * The automotive module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun parts
 * supplier), then the automotive rules: key enterprises by vehicle output and the grading of exterior video.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { score } from '../../server/domain/scoring/index.js';
import { fixtureAnswers, industryModule } from './industry-module.js';

const m = industryModule({
  id: 'auto',
  industryName: '汽车',
  // A parts supplier is not selected by vehicle output.
  keyEnterprise: false,
  keyTypes: [
    'auto.dt.design',
    'auto.dt.test_calib',
    'auto.dt.process_quality',
    'auto.dt.vehicle_status',
    'auto.dt.location',
    'auto.dt.exterior_video',
    'auto.dt.cabin',
    'auto.dt.owner_pi',
  ],
});

describe('汽车行业模块', () => {
  it('asks about the cloud-platform attack', () => {
    expect(m.q.itemById.has('auto.ivn.cloud_security')).toBe(true);
  });

  it('flags vehicle makers above the annex output thresholds as key enterprises', () => {
    const ke = (extra: Answers) => score(m.q, { ...m.answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'auto.profile.chain_position': ['oem_pv'], 'auto.profile.pv_output': 60000 })).toBe(true);
    expect(ke({ 'auto.profile.chain_position': ['oem_pv'], 'auto.profile.pv_output': 50000 })).toBe(false);
    expect(ke({ 'auto.profile.chain_position': ['oem_cv'], 'auto.profile.cv_output': 12000 })).toBe(true);
    expect(ke({ 'auto.profile.chain_position': ['oem_cv'], 'auto.profile.cv_output': 8000 })).toBe(false);
  });

  it('treats exterior video with identifiable faces and plates as important data', () => {
    const [raw, anonymised] = m.catalogueFor([
      { type: 'auto.dt.exterior_video', scale: 'enterprise', personal_count: 'lt_100k' },
      { type: 'auto.dt.exterior_video', scale: 'enterprise' },
    ]);
    expect(raw.level).toBe('important');
    expect(anonymised.level).toBe('general');
  });

  it('asks a tier-2 supplier about the OEM data it holds and its SRM/EDI accounts, not about ECU calibration it does not do', () => {
    const visible = visibleItems(m.q, { ...m.answers, 'auto.profile.chain_position': ['tier2'] });
    expect(visible.has('auto.supplier.oem_data')).toBe(true);
    expect(visible.has('auto.supplier.portal_accounts')).toBe(true);
    expect(visible.has('auto.rnd.calib_store')).toBe(false);
    const oem = visibleItems(m.q, { ...m.answers, 'auto.profile.chain_position': ['oem_pv'] });
    expect(oem.has('auto.supplier.oem_data')).toBe(false);
    expect(oem.has('auto.rnd.calib_store')).toBe(true);
  });

  it('reports the low sample’s shared SRM account with the diagnostician note', () => {
    const low = score(m.q, fixtureAnswers('auto', 'low'), { notes: { 'auto.supplier.portal_accounts': '一汽 SRM 账号由计划科三人共用' } });
    expect(low.findings.find((f) => f.itemId === 'auto.supplier.portal_accounts')).toMatchObject({ fulfilment: 0, note: '一汽 SRM 账号由计划科三人共用' });
  });
});
