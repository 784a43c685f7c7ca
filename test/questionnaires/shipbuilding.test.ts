/**
 * The civil-ship module: the shared checks (industry-module.ts) with the mid-maturity fixture (a Changchun
 * marine-electronics supplier), then the shipbuilding rules: key enterprises and the ship-specific items.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { industryModule } from './industry-module.js';

const m = industryModule({
  id: 'shipbuilding',
  industryName: '民船',
  keyEnterprise: false,
  keyTypes: [
    'shipbuilding.dt.design',
    'shipbuilding.dt.production_status',
    'shipbuilding.dt.navigation',
    'shipbuilding.dt.communication',
    'shipbuilding.dt.voyage_plan',
    'shipbuilding.dt.maintenance',
    'shipbuilding.dt.cargo',
    'shipbuilding.dt.safety_risk',
  ],
});

describe('民船行业模块', () => {
  it('selects the top-10 shipbuilders by order book and completions as key enterprises', () => {
    const ke = (extra: Answers) => score(m.q, { ...m.answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'shipbuilding.profile.role': ['yard'], 'shipbuilding.profile.top10': true })).toBe(true);
    expect(ke({ 'shipbuilding.profile.role': ['yard'], 'shipbuilding.profile.top10': false })).toBe(false);
    // The ranking question is only asked of shipyards; a hidden answer does not count.
    expect(ke({ 'shipbuilding.profile.role': ['electrical'], 'shipbuilding.profile.top10': true })).toBe(false);
  });

  it('has items on the ship-shore boundary, equipment backdoors and cloud migration', () => {
    for (const id of ['shipbuilding.ship.zoning', 'shipbuilding.ship.equipment_backdoor', 'shipbuilding.res.cloud'])
      expect(m.q.itemById.has(id), id).toBe(true);
  });
});
