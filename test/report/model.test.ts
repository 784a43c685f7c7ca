/** The report model: what each chapter will print, decided from the stored score and the answers. */
import { describe, expect, it } from 'vitest';
import { answerText, BODY_LIMITS, chineseDate, PEER_GROUP_MIN } from '../../server/report/model.js';
import { reportInput, reportModel } from './fixture.js';

describe('report model', () => {
  const m = reportModel();
  const input = reportInput();

  it('puts the issued number, the verification code and the enterprise on the cover', () => {
    expect(m.draft).toBe(false);
    expect(m.cover).toMatchObject({ enterpriseName: '长春驰远汽车电子有限公司', number: '长春-2026-0042', verificationCode: 'ABCD-EFGH-JKMN', issuedDate: '2026年12月1日' });
    expect(m.cover.rows).toContainEqual({ label: '统一社会信用代码', value: '91220174MA17K3Q592' });
    expect(m.header).toContain('内部资料 注意保密');
  });

  it('states the three dimension results in the conclusion, with the figures of the stored result', () => {
    const r = input.result;
    expect(m.conclusion.dimensions.map((d) => d.name)).toEqual(['数据分类分级', '数据安全风险', '防护能力成熟度']);
    expect(m.conclusion.dimensions[0].value).toBe(`${r.classification.score} 分`);
    expect(m.conclusion.text).toContain(`共发现问题 ${r.findings.length} 项`);
    expect(m.conclusion.topProblems.length).toBe(Math.min(5, r.findings.length));
    expect(m.conclusion.firstSteps.length).toBeGreaterThan(0);
  });

  it('gives the report the top of each long list and leaves every item to the annex', () => {
    const rank = { 高: 0, 中: 1, 低: 2 } as Record<string, number>;
    const all = m.findings.groups.flatMap((g) => g.items);
    // The top findings are the first in reading order: no finding left out ranks above the last one printed.
    expect(m.findings.top).toHaveLength(Math.min(BODY_LIMITS.findings, all.length));
    const key = (f: (typeof all)[number]) => [f.redline ? 0 : 1, rank[f.priority] ?? 3];
    const last = key(m.findings.top.at(-1)!);
    for (const f of all.filter((x) => !m.findings.top.some((t) => t.id === x.id)))
      expect(key(f)[0] > last[0] || (key(f)[0] === last[0] && key(f)[1] >= last[1]), f.label).toBe(true);
    expect(new Set(m.findings.top.map((f) => f.area)).size).toBeGreaterThan(1);
    // The most severe risks, each with its leading answers only; the register keeps them all.
    expect(m.risk.top.map((e) => e.id)).toEqual(m.risk.entries.slice(0, BODY_LIMITS.risks).map((e) => e.id));
    for (const e of m.risk.top) expect(e.sources.length).toBeLessThanOrEqual(BODY_LIMITS.riskSources);
    expect(m.risk.entries.some((e) => e.sources.length > BODY_LIMITS.riskSources)).toBe(true);
    // The catalogue: candidates and key data row by row, every other row by name.
    expect(m.assets.keyCatalogue.length + m.assets.otherNames.length).toBe(m.assets.catalogue.length);
    for (const c of m.assets.keyCatalogue) expect(c.key || !c.level.startsWith('一般数据'), c.name).toBe(true);
    // The core process areas are those the enterprise level is taken from.
    expect(m.maturity.coreAreas.map((p) => p.pa)).toEqual(m.maturity.processAreas.filter((p) => input.result.maturity.basis.includes(p.pa)).map((p) => p.pa));
    expect(m.annex.parts).toHaveLength(7);
    expect(m.annex.intro).toContain('长春-2026-0042');
  });

  it('orders findings red lines first, then by priority, and groups them by area', () => {
    const all = m.findings.groups.flatMap((g) => g.items);
    expect(all.length).toBe(input.result.findings.length);
    expect(m.findings.roadmap.map((b) => b.band)).toEqual(['立即', '三个月内', '一年内']);
    expect(m.findings.roadmap.reduce((n, b) => n + b.items.length, 0)).toBe(all.length);
    const firstRedline = input.result.findings.find((f) => f.redline);
    if (firstRedline) expect(m.conclusion.topProblems[0].label).toBe(firstRedline.label);
  });

  it('fills the heat map with every register entry at its likelihood and impact', () => {
    const total = m.risk.heat.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(input.result.risk.entries.length);
    for (const e of input.result.risk.entries) expect(m.risk.heat[e.likelihood - 1][e.impact - 1]).toBeGreaterThan(0);
  });

  it(`shows peer percentiles only for groups of at least ${PEER_GROUP_MIN}, and says so otherwise`, () => {
    const [industry, district] = m.peers.groups;
    expect(industry).toMatchObject({ shown: true, size: 6 });
    expect(industry.rows.map((r) => r.label)).toEqual(['数据分类分级得分', '防护能力成熟度平均等级', '发现问题数']);
    expect(district).toMatchObject({ shown: false, size: 3, rows: [] });
    expect(district.note).toContain('少于 5 家');
  });

  it('is a draft without number or code when not issued, and a self-assessment report says so', () => {
    const draft = reportModel({ issue: null, kind: 'self' });
    expect(draft).toMatchObject({ draft: true, title: '数字安全诊断报告（企业自评估）' });
    expect(draft.cover.verificationCode).toBeNull();
    expect(draft.overview.method).toContain('未经现场核验');
  });

  it('writes answers as a person reads them', () => {
    const q = input.questionnaire;
    const control = q.items.find((i) => i.def.kind === 'control')!;
    expect(answerText(control, 'partial')).toBe('部分符合');
    expect(answerText(undefined, true)).toBe('是');
    expect(answerText(undefined, [{ sha256: 'a'.repeat(64), name: '制度.pdf', mime: 'application/pdf', size: 1 }])).toBe('制度.pdf');
    expect(answerText(undefined, undefined)).toBe('未作答');
    expect(chineseDate('2026-12-31T17:00:00Z')).toBe('2027年1月1日');
  });

  it('lists every answered item in the appendix and the standards the questionnaire cites', () => {
    const answered = Object.keys(input.answers.answers).filter((id) => input.questionnaire.itemById.has(id));
    expect(m.appendix.answers.flatMap((s) => s.rows).length).toBe(answered.length);
    expect(m.appendix.standards).toContain('GB/T 37988-2019');
  });
});
