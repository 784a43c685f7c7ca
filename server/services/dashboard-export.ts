/**
 * The dashboard's tables (and the figures owed upward) as XLSX sheets: the same figures the dashboard API returns (each export is built from
 * that very result), Chinese headers, and a title row with the scope and the date.
 */
import { DIAGNOSIS_STAGE_LABELS } from '../domain/vocabularies.js';
import { MATURITY_LEVEL_LABELS, RISK_LEVEL_LABELS, type RiskLevel } from '../domain/questionnaire/labels.js';
import type { Coverage, CoverageRow, DrillRow, LevelRow, Loop, LoopRow, ReadinessRow, Results, Scope, Trend } from '../schemas/dashboard.js';
import type { CaseCandidate, Plan, PlanRow } from '../schemas/upward.js';
import { titleOf, type AnySheet, type XlsxColumn } from './xlsx-table.js';

export { DIAGNOSIS_STAGE_LABELS };

const coverageColumns = (keyHeader: string): XlsxColumn<CoverageRow>[] => [
  { header: keyHeader, value: (r) => r.name, width: 18 },
  { header: '企业名录数', value: (r) => r.roster },
  { header: '已出具报告', value: (r) => r.diagnosed },
  { header: '诊断中', value: (r) => r.inProgress },
  { header: '未开始', value: (r) => r.notStarted },
  { header: '拒绝/联系不上', value: (r) => r.refused },
  { header: '覆盖率', value: (r) => r.coverage, percent: true },
];

export function coverageSheets(c: Coverage, districtNames: Map<number, string>, industryNames: Map<string, string>): AnySheet[] {
  return [
    { name: '按区县', title: titleOf('诊断覆盖（按区县）', c.scope), columns: coverageColumns('区县'), rows: [...c.byDistrict, c.total] },
    { name: '按行业', title: titleOf('诊断覆盖（按行业）', c.scope), columns: coverageColumns('行业'), rows: [...c.byIndustry, c.total] },
    {
      name: '区县×行业',
      title: titleOf('诊断覆盖（区县×行业）', c.scope),
      columns: [
        { header: '区县', value: (m) => districtNames.get(m.districtId) ?? String(m.districtId), width: 18 },
        { header: '行业', value: (m) => industryNames.get(m.industryCode) ?? m.industryCode, width: 14 },
        { header: '企业名录数', value: (m) => m.roster },
        { header: '已出具报告', value: (m) => m.diagnosed },
        { header: '覆盖率', value: (m) => (m.roster ? m.diagnosed / m.roster : 0), percent: true },
      ] as XlsxColumn<Coverage['matrix'][number]>[],
      rows: c.matrix,
    },
  ];
}

export function trendSheets(t: Trend): AnySheet[] {
  return [{
    name: '每周趋势',
    title: titleOf(`每周出具报告（企业名录 ${t.roster} 家）`, t.scope),
    columns: [
      { header: '周（周一）', value: (w) => w.week, width: 14 },
      { header: '本周出具报告企业数', value: (w) => w.issued },
      { header: '累计', value: (w) => w.cumulative },
      { header: '累计覆盖率', value: (w) => (t.roster ? w.cumulative / t.roster : 0), percent: true },
    ] as XlsxColumn<Trend['weeks'][number]>[],
    rows: t.weeks,
  }];
}

const RISK_ORDER: (RiskLevel | 'unscored')[] = ['major', 'high', 'medium', 'low', 'none', 'unscored'];
const MATURITY_ORDER = ['0', '1', '2', '3', '4', '5', 'unscored'];
const riskLabel = (k: string) => (k === 'unscored' ? '未评分' : `${RISK_LEVEL_LABELS[k as RiskLevel] ?? k}风险`);
const maturityLabel = (k: string) => (k === 'unscored' ? '未评分' : MATURITY_LEVEL_LABELS[Number(k) as 0] ?? k);

function levelColumns(keyHeader: string, rows: LevelRow[]): XlsxColumn<LevelRow>[] {
  const present = (order: string[], pick: (r: LevelRow) => Record<string, number>) =>
    order.filter((k) => rows.some((r) => pick(r)[k]));
  return [
    { header: keyHeader, value: (r) => r.name, width: 18 },
    { header: '已出具报告', value: (r) => r.diagnosed },
    ...present(RISK_ORDER, (r) => r.risk).map((k) => ({ header: riskLabel(k), value: (r: LevelRow) => r.risk[k] ?? 0 })),
    ...present(MATURITY_ORDER, (r) => r.maturity).map((k) => ({ header: `成熟度 ${maturityLabel(k)}`, value: (r: LevelRow) => r.maturity[k] ?? 0, width: 20 })),
  ];
}

export function resultsSheets(r: Results): AnySheet[] {
  return [
    { name: '按区县', title: titleOf('风险等级与成熟度分布（按区县）', r.scope), columns: levelColumns('区县', r.byDistrict), rows: r.byDistrict },
    { name: '按行业', title: titleOf('风险等级与成熟度分布（按行业）', r.scope), columns: levelColumns('行业', r.byIndustry), rows: r.byIndustry },
    {
      name: '常见问题',
      title: titleOf('最常见问题（前 10）', r.scope),
      columns: [
        { header: '排名', value: (f) => r.topFindings.indexOf(f) + 1 },
        { header: '问题', value: (f) => f.label, width: 48 },
        { header: '检查项编号', value: (f) => f.itemId, width: 24 },
        { header: '涉及企业数', value: (f) => f.enterprises },
        { header: '问题数', value: (f) => f.findings },
      ] as XlsxColumn<Results['topFindings'][number]>[],
      rows: r.topFindings,
    },
    {
      name: '红线与分类分级',
      title: titleOf('红线与数据分类分级情况（按区县，最近一次出具的报告）', r.scope),
      columns: [
        { header: '区县', value: (x) => x.name, width: 18 },
        { header: '已出具报告', value: (x) => x.diagnosed },
        { header: '触及红线企业数', value: (x) => x.withRedlines },
        { header: '红线项数', value: (x) => x.redlines },
        { header: '已开展分类分级', value: (x) => x.classificationDone },
        { header: '分类分级比例', value: (x) => (x.diagnosed ? x.classificationDone / x.diagnosed : 0), percent: true },
        { header: '目录已备案', value: (x) => x.catalogueFiled },
        { header: '持有重要/核心数据候选', value: (x) => x.candidatesHeld, width: 22 },
        { header: '符合重点企业遴选条件（候选）', value: (x) => x.keyCandidates, width: 26 },
      ] as XlsxColumn<ReadinessRow>[],
      rows: [...r.readiness.byDistrict, r.readiness.total],
    },
  ];
}

export function loopSheets(l: Loop): AnySheet[] {
  return [{
    name: '闭环整改',
    title: titleOf('闭环整改（按区县）', l.scope),
    columns: [
      { header: '区县', value: (r) => r.name, width: 18 },
      { header: '发现问题', value: (r) => r.found },
      { header: '待整改', value: (r) => r.open },
      { header: '整改中', value: (r) => r.inProgress },
      { header: '已整改', value: (r) => r.rectified },
      { header: '已验收', value: (r) => r.accepted },
      { header: '闭环率', value: (r) => r.closeRate, percent: true },
      { header: '逾期（超过整改期限未完成）', value: (r) => r.overdue, width: 30 },
    ] as XlsxColumn<LoopRow>[],
    rows: [...l.byDistrict, l.total],
  }];
}

export function drillSheets(rows: DrillRow[], scope: Scope, what: string): AnySheet[] {
  return [{
    name: '企业清单',
    title: titleOf(`企业清单（${what}）`, scope),
    columns: [
      { header: '企业名称', value: (r) => r.name, width: 30 },
      { header: '统一社会信用代码', value: (r) => r.creditCode, width: 22 },
      { header: '区县', value: (r) => r.districtName, width: 16 },
      { header: '行业', value: (r) => r.industryName, width: 14 },
      { header: '诊断状态', value: (r) => DIAGNOSIS_STAGE_LABELS[r.status] },
      { header: '风险等级', value: (r) => (r.riskLevel ? riskLabel(r.riskLevel) : null) },
      { header: '成熟度等级', value: (r) => (r.maturityLevel === null ? null : maturityLabel(String(r.maturityLevel))), width: 20 },
    ] as XlsxColumn<DrillRow>[],
    rows,
  }];
}

/** 年度计划表 in the template's shape: the indicators, then target and actual for each year of the plan. */
export function planSheets(plans: Plan[], asOf: string): AnySheet[] {
  type Row = PlanRow;
  const years = plans.map((p) => p.year);
  return [{
    name: '年度计划表',
    title: `《工业领域数据安全能力提升实施方案（2024-2026年）》年度计划表 — 截至 ${asOf}`,
    columns: [
      { header: '序号', value: (r: Row) => r.no },
      { header: '主要目标', value: (r: Row) => r.label, width: 44 },
      { header: '统计口径', value: (r: Row) => r.measure, width: 34 },
      ...years.flatMap((y, i) => [
        { header: `${y}年目标`, value: (r: Row) => plans[i].rows[r.no - 1].target, width: 12 },
        { header: `${y}年完成`, value: (r: Row) => plans[i].rows[r.no - 1].actual, width: 12 },
      ]),
      { header: '数据来源', value: (r: Row) => (r.source === 'computed' ? '系统统计' : '局方填报'), width: 12 },
    ],
    rows: plans[0]?.rows ?? [],
  }];
}

/** 推荐汇总表 in the notice's column layout. */
export function caseSheets(cases: CaseCandidate[], title: string): AnySheet[] {
  type Row = CaseCandidate;
  return [{
    name: '推荐汇总表',
    title,
    columns: [
      { header: '序号', value: (r: Row) => cases.indexOf(r) + 1 },
      { header: '案例名称', value: (r: Row) => r.caseName, width: 30 },
      { header: '企业名称', value: (r: Row) => r.enterpriseName, width: 30 },
      { header: '企业类别', value: (r: Row) => r.category, width: 16 },
      { header: '申报方向和简述', value: (r: Row) => `${r.direction}：${r.summary}`, width: 60 },
      { header: '联系人', value: (r: Row) => r.contactName },
      { header: '联系方式', value: (r: Row) => r.contactPhone, width: 18 },
    ],
    rows: cases,
  }];
}
