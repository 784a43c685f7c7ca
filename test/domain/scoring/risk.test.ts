import { describe, expect, it } from 'vitest';
import { riskLevelOf, score } from '../../../server/domain/scoring/index.js';
import { buildQ, control, filedItem, inventoryItem, row } from './helpers.js';

const q = buildQ({
  exposure: [
    { factor: 'internet', label: '系统暴露在互联网', when: { item: 'p.internet', eq: true } },
    { factor: 'remote_om', label: '存在远程运维', when: { item: 'p.remote', eq: true } },
  ],
  items: [
    { id: 'p.internet', kind: 'yesno', label: '互联网暴露' },
    { id: 'p.remote', kind: 'yesno', label: '远程运维' },
    // impact 2, any data, raised by internet or remote O&M
    control('r.patch', { risk: { scenario: 'vuln_backdoor', area: 'technology', exposure: ['internet', 'remote_om'], impact: 2 } }),
    // impact 1, production data only, no exposure factors
    control('r.backup', { risk: { scenario: 'data_loss', area: 'technology', impact: 1, data: ['production'] } }),
    // impact 3, R&D data only
    control('r.dlp', { risk: { scenario: 'leakage', area: 'technology', impact: 3, data: ['rnd'], exposure: ['cloud'] } }),
    filedItem(),
    inventoryItem,
  ],
  data_types: [
    {
      id: 'dt.recipe', name: '工艺配方', domain: 'production', subcategory: '工艺参数',
      grading: [
        { object: 'economy', degree: 'serious', when: { attr: 'scale', eq: 'industry' }, reason: '重要' },
        { object: 'national_security', degree: 'serious', when: { attr: 'national_project', eq: true }, reason: '核心' },
      ],
    },
  ],
});

describe('risk level bands', () => {
  it.each([[16, 'major'], [12, 'major'], [9, 'high'], [8, 'high'], [6, 'medium'], [4, 'medium'], [3, 'low'], [1, 'low']] as const)(
    'R = %i → %s', (value, level) => expect(riskLevelOf(value)).toBe(level),
  );
});

describe('risk register', () => {
  it('has no entries and level none when everything is compliant', () => {
    const r = score(q, { 'r.patch': 'full', 'r.backup': 'full', 'r.dlp': 'na' }).risk;
    expect(r).toEqual({ level: 'none', counts: { major: 0, high: 0, medium: 0, low: 0 }, entries: [], unanswered: [] });
  });

  it('derives L from the gap and I from the item when no data is held', () => {
    // r.patch none → L 2, I 2 → 4 medium; r.backup partial → L 1, I 1 → 1 low
    const r = score(q, { 'r.patch': 'none', 'r.backup': 'partial', 'r.dlp': 'full' }).risk;
    expect(r.entries.map((e) => [e.id, e.likelihood, e.impact, e.value, e.level])).toEqual([
      ['R-r.patch', 2, 2, 4, 'medium'],
      ['R-r.backup', 1, 1, 1, 'low'],
    ]);
    expect(r.level).toBe('medium');
    expect(r.counts).toEqual({ major: 0, high: 0, medium: 1, low: 1 });
    expect(r.entries[0]).toMatchObject({
      scenario: 'vuln_backdoor', area: 'technology', title: 'r.patch 未落实',
      sources: [{ itemId: 'r.patch', answer: 'none' }], exposure: [], dataLevel: null,
    });
  });

  it('raises L by one per exposure factor that holds, at most two, capped at 4', () => {
    // r.patch none: L = 2 + 2 (internet and remote both hold) = 4; I 2 → 8 high
    const r = score(q, { 'p.internet': true, 'p.remote': true, 'r.patch': 'none' }).risk;
    expect(r.entries[0]).toMatchObject({ likelihood: 4, impact: 2, value: 8, level: 'high', exposure: ['internet', 'remote_om'] });
    // none with one factor: L = 2 + 1 = 3 → 6 medium
    expect(score(q, { 'p.internet': true, 'r.patch': 'none' }).risk.entries[0]).toMatchObject({ likelihood: 3, value: 6, level: 'medium' });
    // partial: L = 1 + 1 = 2 → 4
    expect(score(q, { 'p.remote': true, 'r.patch': 'partial' }).risk.entries[0]).toMatchObject({ likelihood: 2, value: 4, exposure: ['remote_om'] });
  });

  it('lists the exposure factors that hold in the profile', () => {
    expect(score(q, { 'p.internet': true }).profile.exposure).toEqual([{ factor: 'internet', label: '系统暴露在互联网' }]);
  });

  it('raises I to 3 for important and 4 for core data in the touched domains', () => {
    const important = { 'data.inventory': [row({ type: 'dt.recipe', scale: 'industry' })] };
    const core = { 'data.inventory': [row({ type: 'dt.recipe', national_project: true })] };
    const answers = { 'r.patch': 'none', 'r.backup': 'none', 'r.dlp': 'none' };

    // important production data, L 2 (none, no exposure): r.patch (any data) I = max(2, 3) = 3 → 2×3 = 6 medium;
    // r.backup (production) I = max(1, 3) = 3 → 6; r.dlp (R&D only) I = 3 from the item → 6, no data level
    let r = score(q, { ...answers, ...important }).risk;
    expect(r.entries.map((e) => [e.id, e.impact, e.value, e.dataLevel])).toEqual([
      ['R-r.patch', 3, 6, 'important'],
      ['R-r.backup', 3, 6, 'important'],
      ['R-r.dlp', 3, 6, null],
    ]);

    // core production data, internet and remote O&M exposed: r.patch L 4 × I 4 = 16 major;
    // r.backup (no exposure factors) L 2 × I 4 = 8 high; r.dlp L 2 × I 3 = 6 medium
    r = score(q, { ...answers, ...core, 'p.internet': true, 'p.remote': true }).risk;
    expect(r.entries.map((e) => [e.id, e.likelihood, e.impact, e.value, e.level])).toEqual([
      ['R-r.patch', 4, 4, 16, 'major'],
      ['R-r.backup', 2, 4, 8, 'high'],
      ['R-r.dlp', 2, 3, 6, 'medium'],
    ]);
    expect(r.level).toBe('major');
    expect(r.counts).toEqual({ major: 1, high: 1, medium: 1, low: 0 });
  });

  it('lists unanswered risk items', () => {
    expect(score(q, { 'r.patch': 'full' }).risk.unanswered.map((u) => u.itemId)).toEqual(['r.backup', 'r.dlp']);
  });
});
