/**
 * What a diagnostician and a bureau panel check in the core questionnaire itself: the quick path carries a rubric and a
 * partial-answer text for every control item, references name a clause, and 重要数据 is used in its legal sense only.
 */
import { describe, expect, it } from 'vitest';
import { isScored } from '../../server/domain/questionnaire/schema.js';
import { questionnaireDir } from './industry-module.js';

const all = () => questionnaireDir().questionnaires;
const core = () => all().find((q) => q.id === 'core')!;

describe('the core questionnaire', () => {
  it('gives every quick-path control item a rubric (符合 / 部分符合 / 不符合) and a 部分符合 text', () => {
    const quick = core().items.filter((i) => i.def.kind === 'control' && isScored(i.def) && i.def.tier === 'quick');
    expect(quick.length).toBeGreaterThanOrEqual(45);
    for (const { def } of quick) {
      expect('rubric' in def && def.rubric, def.id).toBeTruthy();
      expect(isScored(def) && def.finding.partial, def.id).toBeTruthy();
    }
  });

  it('names a clause for every reference', () => {
    for (const q of all()) for (const { def } of q.items) for (const r of def.refs ?? []) expect(r.clause, `${def.id}: ${r.standard}`).toBeTruthy();
  });

  it('cites the 网络数据安全管理条例 for the responsible-person rule and lists the legal obligations', () => {
    const lead = core().itemById.get('org.security_lead')!.def;
    expect(lead.refs?.some((r) => r.standard.includes('网络数据安全管理条例') && r.clause?.startsWith('第三十条'))).toBe(true);
    expect(core().obligations.map((o) => o.id)).toEqual([
      'first_responsible', 'security_lead', 'classification', 'catalogue_filing', 'risk_assessment',
      'incident_response', 'log_retention', 'cross_border', 'personal_info', 'entrusted_processing',
    ]);
  });

  it('says 关键业务数据, not 重要数据, in the backup red line', () => {
    const backup = core().itemById.get('backup.exists')!.def;
    expect(backup.label).toContain('关键业务数据');
    expect(backup.label).not.toContain('重要数据');
  });
});
