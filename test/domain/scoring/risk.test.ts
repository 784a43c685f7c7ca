import { describe, expect, it } from 'vitest';
import { LIKELIHOOD, riskLevelOf, score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem, row } from './helpers.js';

const q = buildQ({
  exposure: [
    { factor: 'internet', label: '系统暴露在互联网', when: { item: 'p.internet', eq: true } },
    { factor: 'remote_om', label: '存在远程运维', when: { item: 'p.remote', eq: true } },
    { factor: 'incidents', label: '近三年发生过事件', when: { item: 'p.incidents', eq: true } },
  ],
  operational_technology: { item: 'p.ot', eq: true },
  items: [
    { id: 'p.internet', kind: 'yesno', label: '互联网暴露' },
    { id: 'p.remote', kind: 'yesno', label: '远程运维' },
    { id: 'p.incidents', kind: 'yesno', label: '近三年事件' },
    { id: 'p.ot', kind: 'yesno', label: '有工控系统' },
    // theme 漏洞后门: weights 3 + 1 + 8 = 12, any data
    control('v.patch', { weight: 3, risk: { scenario: 'vuln_backdoor', area: 'technology', exposure: ['internet', 'remote_om', 'incidents'] } }),
    control('v.av', { weight: 1, risk: { scenario: 'vuln_backdoor', area: 'technology' } }),
    control('v.fw', { weight: 8, risk: { scenario: 'vuln_backdoor', area: 'technology' } }),
    // theme 勒索与数据丢失: production data, and management data
    control('b.backup', { weight: 2, risk: { scenario: 'data_loss', area: 'technology', data: ['production'] } }),
    control('b.office', { weight: 2, risk: { scenario: 'ransomware', area: 'technology', data: ['management'] } }),
    // theme 数据泄露与非法访问 (no OT floor)
    control('l.dlp', { risk: { scenario: 'leakage', area: 'technology', data: ['production'] } }),
    // compliance: the obligations checklist, never the register
    control('c.duty', { weight: 4, risk: { scenario: 'compliance', area: 'management' } }),
    control('x.redline', { classification: true, redline: true }),
    filedItem(),
    inventoryItem,
  ],
  data_types: [
    {
      id: 'dt.recipe', name: '工艺配方', domain: 'production', subcategory: '工艺参数',
      grading: [
        { object: 'economy', degree: 'serious', when: { attr: 'scale', eq: 'industry' }, reason: '重要' },
        { object: 'national_security', degree: 'serious', when: { attr: 'scale', eq: 'national' }, reason: '核心' },
      ],
    },
  ],
});

const compliant = { 'v.patch': 'full', 'v.av': 'full', 'v.fw': 'full', 'b.backup': 'full', 'b.office': 'full', 'l.dlp': 'full', 'c.duty': 'full' };
const entry = (answers: Record<string, unknown>, id: string) => score(q, answers as never).risk.entries.find((e) => e.id === id);

describe('risk level bands and the likelihood table', () => {
  it.each([[16, 'major'], [12, 'major'], [9, 'high'], [8, 'high'], [6, 'medium'], [4, 'medium'], [3, 'low'], [1, 'low']] as const)(
    'R = %i → %s', (value, level) => expect(riskLevelOf(value)).toBe(level),
  );

  it('publishes L = table(V, T) as in the review', () => {
    expect(LIKELIHOOD).toEqual([[1, 1, 2], [2, 2, 3], [2, 3, 4]]);
  });
});

describe('risk register by scenario', () => {
  it('has no entries and level none when everything is compliant, and rates the frequent scenarios 较好', () => {
    const r = score(q, compliant).risk;
    expect(r.entries).toEqual([]);
    expect(r.level).toBe('none');
    expect(r.verdicts.map((v) => [v.theme, v.verdict])).toEqual([
      ['ransomware', 'good'], ['vuln_backdoor', 'good'], ['insider_misuse', 'not_assessed'], ['remote_om', 'not_assessed'],
    ]);
  });

  it('groups the gaps of a theme into one entry: V from the weighted gap share, no exposure, 一般 data', () => {
    // 漏洞后门: v.patch partial (3 × 0.5) and v.av none (1 × 1) over 12 → g = 2.5/12 = 0.21 → V 1; T 1 → L 1; I 2 → 2 低
    const e = entry({ ...compliant, 'v.patch': 'partial', 'v.av': 'none' }, 'R-vuln_backdoor')!;
    expect(e).toMatchObject({ gapShare: 0.21, vulnerability: 1, threat: 1, likelihood: 1, impact: 2, value: 2, level: 'low', grade: null });
    expect(e.sources.map((s) => [s.itemId, s.fulfilment])).toEqual([['v.av', 0], ['v.patch', 0.5]]);
  });

  it('sets V ≥ 2 when a key control (weight ≥ 3) is 不符合, however small the gap share', () => {
    // v.patch none: g = 3/12 = 0.25 < 0.30, but weight 3 → V 2; T 1 → L 2; I 2 → 4 中
    expect(entry({ ...compliant, 'v.patch': 'none' }, 'R-vuln_backdoor')).toMatchObject({ gapShare: 0.25, vulnerability: 2, likelihood: 2, value: 4, level: 'medium' });
  });

  it('raises the threat with the exposure factors of the theme that hold, and to 3 after incidents', () => {
    // v.fw none: g = 8/12 = 0.67 → V 3. T 1/2/3 → L 2/3/4
    const gap = { ...compliant, 'v.fw': 'none' };
    expect(entry(gap, 'R-vuln_backdoor')).toMatchObject({ vulnerability: 3, threat: 1, likelihood: 2 });
    expect(entry({ ...gap, 'p.internet': true }, 'R-vuln_backdoor')).toMatchObject({ threat: 2, likelihood: 3, exposure: ['internet'] });
    expect(entry({ ...gap, 'p.internet': true, 'p.remote': true }, 'R-vuln_backdoor')).toMatchObject({ threat: 3, likelihood: 4, value: 8, level: 'high' });
    expect(entry({ ...gap, 'p.incidents': true }, 'R-vuln_backdoor')).toMatchObject({ threat: 3, likelihood: 4 });
  });

  it('takes the impact from the data grade, with a floor of 3 for production-stop themes at an enterprise with OT', () => {
    const gap = { ...compliant, 'b.backup': 'none', 'l.dlp': 'none' };
    // 一般 data only: I 2 for both
    expect(entry(gap, 'R-ransomware')).toMatchObject({ impact: 2, otFloor: false });
    // OT: 勒索 floors at 3, 泄露 does not
    expect(entry({ ...gap, 'p.ot': true }, 'R-ransomware')).toMatchObject({ impact: 3, otFloor: true });
    expect(entry({ ...gap, 'p.ot': true }, 'R-leakage')).toMatchObject({ impact: 2, otFloor: false });
    // a 重要 candidate in the production domain: I 3; 核心: I 4
    const important = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };
    const core = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'national' })] };
    expect(entry({ ...gap, ...important }, 'R-leakage')).toMatchObject({ impact: 3, dataLevel: 'important' });
    expect(entry({ ...gap, ...core }, 'R-leakage')).toMatchObject({ impact: 4, dataLevel: 'core' });
  });

  it('splits a theme by data grade when its items touch candidates in some domains and 一般 data in others', () => {
    const important = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };
    const both = score(q, { ...compliant, ...important, 'b.backup': 'none', 'b.office': 'partial' }).risk.entries;
    expect(both.filter((e) => e.theme === 'ransomware').map((e) => [e.id, e.dataLevel, e.impact])).toEqual([
      ['R-ransomware-candidates', 'important', 3],
      ['R-ransomware-general', null, 2],
    ]);
    // only the candidate side has a gap: its entry alone, measured on its own items
    const one = score(q, { ...compliant, ...important, 'b.backup': 'none' }).risk.entries;
    expect(one.filter((e) => e.theme === 'ransomware').map((e) => [e.id, e.gapShare])).toEqual([['R-ransomware-candidates', 1]]);
    // no candidate held: one entry per theme
    const plain = score(q, { ...compliant, 'b.backup': 'none', 'b.office': 'partial' }).risk.entries;
    expect(plain.filter((e) => e.theme === 'ransomware').map((e) => e.id)).toEqual(['R-ransomware']);
  });

  it('keeps compliance gaps out of the register', () => {
    const r = score(q, { ...compliant, 'c.duty': 'none' }).risk;
    expect(r.entries).toEqual([]);
  });

  it('floors the enterprise level at 高 when a red line is breached', () => {
    const r = score(q, { ...compliant, 'v.patch': 'partial', 'x.redline': 'none' }).risk;
    expect(r.entries.map((e) => e.level)).toEqual(['low']);
    expect(r.level).toBe('high');
  });

  it('judges the frequent scenarios 较好 / 一般 / 薄弱 from V', () => {
    const verdict = (answers: Record<string, unknown>) => score(q, { ...compliant, ...answers } as never).risk.verdicts.find((v) => v.theme === 'vuln_backdoor');
    expect(verdict({ 'v.av': 'none' })).toMatchObject({ verdict: 'good', verdictLabel: '较好', riskLevel: 'low' });
    expect(verdict({ 'v.patch': 'none' })).toMatchObject({ verdict: 'fair', verdictLabel: '一般' });
    expect(verdict({ 'v.fw': 'none' })).toMatchObject({ verdict: 'weak', verdictLabel: '薄弱', gapShare: 0.67 });
  });

  it('lists the exposure factors that hold in the profile and unanswered risk items', () => {
    expect(score(q, { 'p.internet': true }).profile.exposure).toEqual([{ factor: 'internet', label: '系统暴露在互联网' }]);
    expect(score(q, { 'v.patch': 'full' }).risk.unanswered.map((u) => u.itemId)).toEqual(['v.av', 'v.fw', 'b.backup', 'b.office', 'l.dlp']);
  });
});
