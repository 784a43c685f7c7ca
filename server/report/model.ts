/**
 * The diagnosis report's content model: a pure function of the assessment, the enterprise, the stored score result,
 * the questionnaire version it was scored with and the peer statistics. Every text the template prints is decided
 * here (labels resolved, sentences written, chapters ordered); the template only lays it out and escapes it.
 * No I/O and no browser here, so the model is unit-tested directly and the same figures reach paper and screen.
 */
import { basisDocuments } from './basis.js';
import type { AnswerValue, Answers } from '../domain/questionnaire/answers.js';
import type { ComposedItem, Questionnaire } from '../domain/questionnaire/compose.js';
import {
  CAPABILITY_LABELS,
  CONTROL_ANSWER_LABELS,
  DOMAIN_LABELS,
  EXPOSURE_FACTOR_LABELS,
  MATURITY_LEVEL_LABELS,
  PRIORITY_LABELS,
  RISK_LEVEL_LABELS,
} from '../domain/questionnaire/labels.js';
import type { EvidenceBasisCode } from '../domain/questionnaire/schema.js';
import type { FindingEntry, RiskLevel, ScoreResult } from '../domain/scoring/types.js';
import type { AssessmentKind } from '../domain/vocabularies.js';

/** Bump when the model or the template changes what a report prints; stored with every issued report. */
export const REPORT_MODEL_VERSION = '1.0.0';

/** Below this many assessed enterprises a peer group is not shown (a percentile of three says nothing, and identifies). */
export const PEER_GROUP_MIN = 5;

export const MARKING = '内部资料 注意保密';

/**
 * How much of the long lists the report itself prints (the review: the top problems in the body, the rest in an
 * appendix). The annex (附件), issued and verified with the report, prints every list whole.
 */
export const BODY_LIMITS = { findings: 15, risks: 5, riskSources: 2, roadmapItems: 3 } as const;

export interface ReportInput {
  kind: AssessmentKind;
  /** A draft preview (watermarked 草稿) has no number and no verification code. */
  issue: { number: string; verificationCode: string; issuedAt: string; verifyUrl: string } | null;
  enterprise: { name: string; creditCode: string; district: string; industry: string };
  assessment: { id: number; variant: 'full' | 'quick'; diagnosedAt: string; diagnosticians: string[] };
  questionnaire: Questionnaire;
  answers: { answers: Answers; notes: Record<string, string>; basis: Record<string, EvidenceBasisCode> };
  /** Evidence file names by item id (the evidence table). */
  evidence: Record<string, string[]>;
  result: ScoreResult;
  peers: { industry: PeerGroupInput; district: PeerGroupInput };
  issuer: string;
}

export interface PeerGroupInput {
  label: string;
  /** One row per assessed enterprise of the group (this one included). */
  members: { classification: number; maturityMean: number; findings: number }[];
}

export interface LabelValue {
  label: string;
  value: string;
}

export interface ReportFinding {
  id: string;
  /** The questionnaire section (领域) the finding belongs to. */
  area: string;
  label: string;
  problem: string;
  recommendation: string;
  priority: string;
  band: string;
  refs: string;
  basis: string;
  note: string | null;
  redline: boolean;
  risk: string | null;
}

export interface CatalogueRow {
  name: string;
  domain: string;
  subcategory: string;
  level: string;
  reason: string;
  key: boolean;
}

export interface RiskEntryView {
  id: string;
  title: string;
  level: RiskLevel;
  levelLabel: string;
  likelihood: number;
  impact: number;
  data: string;
  exposure: string[];
  sources: { label: string; answer: string }[];
}

export interface ProcessAreaView {
  pa: string;
  name: string;
  level: number;
  assessed: boolean;
  blocker: string;
}

export interface ReportModel {
  modelVersion: string;
  draft: boolean;
  kind: AssessmentKind;
  title: string;
  marking: string;
  /** What the running header says: enterprise name and marking. */
  header: string;
  cover: {
    enterpriseName: string;
    rows: LabelValue[];
    number: string | null;
    verificationCode: string | null;
    verifyUrl: string | null;
    issuer: string;
    issuedDate: string | null;
  };
  overview: { basis: string[]; scope: string; method: string; versions: LabelValue[] };
  conclusion: {
    text: string;
    dimensions: { name: string; value: string; note: string }[];
    riskLevel: RiskLevel;
    riskLabel: string;
    maturity: string;
    redlines: string[];
    topProblems: { label: string; problem: string; band: string }[];
    firstSteps: string[];
  };
  profile: { rows: LabelValue[]; keyEnterprise: string; exposure: string[] };
  assets: {
    totals: LabelValue[];
    catalogue: CatalogueRow[];
    /** What the report prints of the catalogue: 重要/核心 candidates and the industry's key data, row by row. */
    keyCatalogue: CatalogueRow[];
    /** The other (一般) rows, named in one sentence; the annex has their full rows. */
    otherNames: string[];
    excluded: string[];
    conflict: string | null;
    filing: string;
  };
  risk: {
    level: RiskLevel;
    levelLabel: string;
    counts: { level: RiskLevel; label: string; n: number }[];
    /** heat[likelihood - 1][impact - 1] = number of entries. */
    heat: number[][];
    /** Every entry of the register, most severe first, with the answers that produced it (the annex). */
    entries: RiskEntryView[];
    /** The report's share: the most severe entries, each with its leading answers. */
    top: RiskEntryView[];
    verdicts: { label: string; verdict: string; risk: string }[];
    obligations: { label: string; status: string; source: string }[];
  };
  maturity: {
    level: number;
    levelLabel: string;
    mean: number;
    coreMean: number;
    note: string;
    processAreas: ProcessAreaView[];
    /** The core process areas whose lowest level is the enterprise's level: explained in the report, all in the annex. */
    coreAreas: ProcessAreaView[];
    dimensions: { label: string; score: number | null }[];
  };
  findings: {
    total: number;
    /** The report's share: the first BODY_LIMITS.findings in reading order. */
    top: ReportFinding[];
    /** Every finding by area (the annex). */
    groups: { area: string; items: ReportFinding[] }[];
    roadmap: { band: string; items: string[] }[];
  };
  peers: { groups: { label: string; size: number; shown: boolean; note: string; rows: LabelValue[] }[] };
  /** The annex (附件): its title, running header and what it holds, in order. */
  annex: { title: string; header: string; intro: string; parts: string[] };
  appendix: {
    answers: { section: string; rows: { id: string; label: string; answer: string; note: string; evidence: string }[] }[];
    standards: string[];
    glossary: LabelValue[];
    method: string[];
  };
  /** Figures the charts draw (kept apart so the template's script reads one JSON object). */
  charts: {
    processAreas: { labels: string[]; levels: number[] };
    dimensions: { labels: string[]; scores: number[] };
    riskCounts: { labels: string[]; counts: number[] };
  };
}

const BAND_LABELS: Record<FindingEntry['band'], string> = { immediate: '立即', three_months: '三个月内', one_year: '一年内' };
const BASIS_LABELS: Record<EvidenceBasisCode, string> = { onsite: '现场核验', document: '文件核验', verbal: '口述' };
const RISK_ORDER: RiskLevel[] = ['major', 'high', 'medium', 'low'];
const PRIORITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** 2026-12-02T03:00:00Z → 2026年12月2日 (China Standard Time). */
export function chineseDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** At most n characters, with …… when cut. */
export const clip = (s: string, n: number): string => ([...s].length <= n ? s : `${[...s].slice(0, n).join('')}……`);

const refText = (refs: { standard: string; clause?: string }[]) =>
  refs.map((r) => (r.clause ? `${r.standard} ${r.clause}` : r.standard)).join('；');

/** An answer as a person reads it: option labels, 是/否, row counts, file names. */
export function answerText(item: ComposedItem | undefined, value: AnswerValue | undefined): string {
  if (value === undefined || value === null) return '未作答';
  const def = item?.def;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return def?.kind === 'number' && def.unit ? `${value} ${def.unit}` : String(value);
  if (typeof value === 'string') {
    if (def?.kind === 'control') return CONTROL_ANSWER_LABELS[value as keyof typeof CONTROL_ANSWER_LABELS] ?? value;
    if (def?.kind === 'single') return def.options.find((o) => o.value === value)?.label ?? value;
    return value;
  }
  if (value.length === 0) return '（无）';
  if (typeof value[0] === 'string') {
    const opts = def?.kind === 'multi' || def?.kind === 'single' ? def.options : [];
    return (value as string[]).map((v) => opts.find((o) => o.value === v)?.label ?? v).join('、');
  }
  const first = value[0] as object;
  if ('sha256' in first) return (value as { name: string }[]).map((f) => f.name).join('、');
  return `数据清单 ${value.length} 行（见第四章）`;
}

function percentile(values: number[], own: number): number {
  const below = values.filter((v) => v < own).length;
  const equal = values.filter((v) => v === own).length;
  return Math.round((100 * (below + equal / 2)) / values.length);
}

function peerGroup(g: PeerGroupInput, own: { classification: number; maturityMean: number; findings: number }) {
  const size = g.members.length;
  if (size < PEER_GROUP_MIN)
    return {
      label: g.label,
      size,
      shown: false,
      note: `同组已完成诊断的企业仅 ${size} 家，少于 ${PEER_GROUP_MIN} 家，不作对比（避免以少数样本下结论或识别出个别企业）。`,
      rows: [],
    };
  // Fewer findings is better: its percentile is taken over the negated counts.
  return {
    label: g.label,
    size,
    shown: true,
    note: `同组已完成诊断的企业 ${size} 家；百分位表示本企业优于同组百分之多少的企业。`,
    rows: [
      { label: '数据分类分级得分', value: `${own.classification} 分，第 ${percentile(g.members.map((m) => m.classification), own.classification)} 百分位` },
      { label: '防护能力成熟度平均等级', value: `${own.maturityMean}，第 ${percentile(g.members.map((m) => m.maturityMean), own.maturityMean)} 百分位` },
      { label: '发现问题数', value: `${own.findings} 项，第 ${percentile(g.members.map((m) => -m.findings), -own.findings)} 百分位` },
    ],
  };
}

function findingOf(f: FindingEntry, riskTitles: Map<string, string>, area: string): ReportFinding {
  return {
    id: f.id,
    area,
    label: f.label,
    problem: f.problem,
    recommendation: f.recommendation,
    priority: PRIORITY_LABELS[f.priority],
    band: BAND_LABELS[f.band],
    refs: refText(f.refs),
    basis: f.basis ? BASIS_LABELS[f.basis] : '未记录',
    note: f.note ?? null,
    redline: f.redline,
    risk: f.riskId ? `${riskTitles.get(f.riskId) ?? f.riskId}（${RISK_LEVEL_LABELS[f.riskLevel!]}）` : null,
  };
}

/** Findings in reading order: red lines first, then priority, then the band, then the questionnaire's order. */
function ordered(findings: FindingEntry[], q: Questionnaire): FindingEntry[] {
  const pos = new Map(q.items.map((it, i) => [it.def.id, i]));
  const bandOrder = { immediate: 0, three_months: 1, one_year: 2 };
  return [...findings].sort(
    (a, b) =>
      Number(b.redline) - Number(a.redline) ||
      PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
      bandOrder[a.band] - bandOrder[b.band] ||
      (pos.get(a.itemId) ?? 0) - (pos.get(b.itemId) ?? 0),
  );
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { result: r, questionnaire: q, enterprise: ent } = input;
  const sectionTitle = new Map(q.sections.map((s) => [s.id, s.title.replace(/^[一二三四五六七八九十]+、/, '')]));
  const riskTitles = new Map(r.risk.entries.map((e) => [e.id, e.title]));
  const variantLabel = r.variant === 'quick' ? '快速诊断' : '深度诊断';
  const kindLabel = input.kind === 'self' ? '企业自评估' : '现场诊断';
  const maturityLabel = MATURITY_LEVEL_LABELS[r.maturity.level as 0];
  const sortedFindings = ordered(r.findings, q);
  const own = { classification: r.classification.score, maturityMean: r.maturity.mean, findings: r.findings.length };

  // 一、诊断概述: the standards the questionnaire cites, in first-cited order.
  const standards = [...new Set([...q.items.flatMap((it) => (it.def.refs ?? []).map((x) => x.standard)), ...q.obligations.flatMap((o) => o.refs.map((x) => x.standard))])];

  const top = sortedFindings.slice(0, 5);
  // What to do first: the immediate band, else the most important findings whatever their band.
  const immediate = sortedFindings.filter((f) => f.band === 'immediate');
  const firstSteps = [...new Set((immediate.length > 0 ? immediate : sortedFindings).map((f) => f.recommendation))].slice(0, 3);
  const riskLabel = RISK_LEVEL_LABELS[r.risk.level];
  const counts = RISK_ORDER.map((level) => ({ level, label: RISK_LEVEL_LABELS[level], n: r.risk.counts[level as 'major'] }));
  const text =
    `经${kindLabel}（${variantLabel}），${ent.name}数据安全风险等级为“${riskLabel}”` +
    `（风险登记 ${r.risk.entries.length} 项，其中重大 ${r.risk.counts.major} 项、高 ${r.risk.counts.high} 项），` +
    `数据安全防护能力成熟度为“${maturityLabel}”（过程域平均 ${r.maturity.mean} 级），` +
    `数据分类分级得分 ${r.classification.score} 分。共发现问题 ${r.findings.length} 项` +
    (r.redlines.length > 0 ? `，触及红线 ${r.redlines.length} 项，应立即整改。` : '，未触及红线。') +
    (r.dataAssets.candidates > 0
      ? `数据清单中有 ${r.dataAssets.candidates} 类数据为重要/核心数据候选，须经主管部门认定。`
      : '数据清单中未发现重要/核心数据候选。');

  const heat = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  for (const e of r.risk.entries) heat[e.likelihood - 1][e.impact - 1] += 1;

  const findingViews = sortedFindings.map((f) => findingOf(f, riskTitles, sectionTitle.get(f.sectionId) ?? f.sectionId));
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findingViews) groups.set(f.area, [...(groups.get(f.area) ?? []), f]);
  const catalogue: CatalogueRow[] = r.classification.catalogue.map((c) => ({
    name: c.name,
    domain: DOMAIN_LABELS[c.domain],
    subcategory: c.subcategory,
    level: c.levelLabel,
    reason: c.reason,
    key: c.key,
  }));
  const isKeyRow = (_: CatalogueRow, i: number) => r.classification.catalogue[i].level !== 'general' || r.classification.catalogue[i].key;
  const riskEntries: RiskEntryView[] = r.risk.entries.map((e) => ({
    id: e.id,
    title: e.title,
    level: e.level,
    levelLabel: RISK_LEVEL_LABELS[e.level],
    likelihood: e.likelihood,
    impact: e.impact,
    data: e.dataLevel ? { general: '一般数据', important: '重要数据候选', core: '核心数据候选' }[e.dataLevel] : '—',
    exposure: e.exposure.map((x) => EXPOSURE_FACTOR_LABELS[x]),
    sources: e.sources.map((s) => ({ label: s.label, answer: answerText(q.itemById.get(s.itemId), s.answer) })),
  }));
  const processAreas: ProcessAreaView[] = r.maturity.processAreas.map((p) => ({
    pa: p.pa,
    name: p.name,
    level: p.level,
    assessed: p.assessed,
    blocker: !p.assessed
      ? '—'
      : (p.blocker?.reason ??
        (p.level >= r.maturity.maxLevel ? '已达本次诊断可评的最高等级' : '本次诊断未涵盖更高等级的实践，无法评定更高等级')),
  }));
  const title = input.kind === 'self' ? '数字安全诊断报告（企业自评估）' : '数字安全诊断报告';
  const annexParts = ['附件一　问题清单', '附件二　数据分类分级目录', '附件三　风险登记', '附件四　合规义务落实情况', '附件五　过程域等级判定', '附件六　调研答案', '附件七　引用标准与文件'];

  const profileSection = q.sections.find((s) => s.id === 'profile');
  const profileRows = (profileSection?.items ?? [])
    .filter((d) => d.role !== 'enterprise_name' && !/contact/.test(d.id) && input.answers.answers[d.id] !== undefined)
    .map((d) => ({ label: d.label, value: answerText(q.itemById.get(d.id), input.answers.answers[d.id]) }));

  return {
    modelVersion: REPORT_MODEL_VERSION,
    draft: input.issue === null,
    kind: input.kind,
    title,
    marking: MARKING,
    header: `${ent.name}　${MARKING}`,
    cover: {
      enterpriseName: ent.name,
      rows: [
        { label: '统一社会信用代码', value: ent.creditCode },
        { label: '所属区域', value: ent.district },
        { label: '所属行业', value: ent.industry },
        { label: '诊断方式', value: `${kindLabel}（${variantLabel}）` },
        { label: '诊断日期', value: chineseDate(input.assessment.diagnosedAt) },
        { label: input.kind === 'self' ? '填报人员' : '诊断人员', value: input.assessment.diagnosticians.join('、') || '—' },
        { label: '报告编号', value: input.issue?.number ?? '（草稿，未出具）' },
      ],
      number: input.issue?.number ?? null,
      verificationCode: input.issue?.verificationCode ?? null,
      verifyUrl: input.issue?.verifyUrl ?? null,
      issuer: input.issuer,
      issuedDate: input.issue ? chineseDate(input.issue.issuedAt) : null,
    },
    overview: {
      basis: basisDocuments(standards),
      scope:
        `${ent.name}在${ent.district}开展生产经营活动中处理的工业数据，覆盖数据资产梳理与分类分级、数据安全风险、数据安全防护能力三个方面。` +
        '涉及国家秘密的数据不在本次诊断范围内。',
      method:
        (input.kind === 'self'
          ? '企业依据诊断调研表自行填报，本报告据其答案自动生成，未经现场核验，仅供企业自查参考。'
          : '诊断人员依据行业诊断调研表开展现场访谈、文件查阅和系统核验，记录每项答案的核验方式。') +
        '评分由评分模型按答案计算：分类分级依据 GB/T 43697-2024，风险按场景以可能性 × 影响程度评估（GB/T 45577），防护能力按 GB/T 37988-2019（DSMM）过程域分级。',
      versions: [
        { label: '诊断调研表', value: `${q.title}（${q.id}）` },
        { label: '调研表版本', value: q.version },
        { label: '调研表内容哈希', value: r.questionnaire.hash.slice(0, 16) },
        { label: '评分模型版本', value: r.scoringModel },
        { label: '报告模型版本', value: REPORT_MODEL_VERSION },
        { label: '诊断方式', value: variantLabel },
      ],
    },
    conclusion: {
      text,
      dimensions: [
        { name: '数据分类分级', value: `${r.classification.score} 分`, note: r.classification.capped ? r.classification.gate.reason ?? '' : `数据类型 ${r.dataAssets.types} 类` },
        { name: '数据安全风险', value: riskLabel, note: `重大 ${r.risk.counts.major}、高 ${r.risk.counts.high}、中 ${r.risk.counts.medium}、低 ${r.risk.counts.low}` },
        { name: '防护能力成熟度', value: maturityLabel, note: `平均 ${r.maturity.mean} 级，核心过程域平均 ${r.maturity.coreMean} 级` },
      ],
      riskLevel: r.risk.level,
      riskLabel,
      maturity: `${maturityLabel}（平均 ${r.maturity.mean}）`,
      redlines: r.redlines.map((x) => x.label),
      // The summary page holds one page: long texts are clipped here, chapter 七 prints them whole.
      topProblems: top.map((f) => ({ label: f.label, problem: clip(f.problem, 70), band: BAND_LABELS[f.band] })),
      firstSteps: firstSteps.map((x) => clip(x, 80)),
    },
    profile: {
      rows: profileRows,
      keyEnterprise: r.profile.keyEnterprise
        ? `${r.profile.keyEnterprise.label}。遴选条件：${r.profile.keyEnterprise.description}`
        : '本行业未规定重点企业遴选条件。',
      exposure: r.profile.exposure.map((e) => e.label || EXPOSURE_FACTOR_LABELS[e.factor]),
    },
    assets: {
      totals: [
        { label: '梳理的数据类型', value: `${r.dataAssets.types} 类` },
        { label: '重要/核心数据候选', value: `${r.dataAssets.candidates} 类` },
        { label: '一般数据', value: `${r.dataAssets.byLevel.general} 类` },
        { label: '对外共享 / 出境', value: `${r.dataAssets.shared} / ${r.dataAssets.exported} 类` },
        { label: '企业自报持有重要/核心数据', value: r.dataAssets.declaredImportant ? '是' : '否' },
      ],
      catalogue,
      keyCatalogue: catalogue.filter(isKeyRow),
      otherNames: catalogue.filter((c, i) => !isKeyRow(c, i)).map((c) => c.name),
      excluded: r.classification.excluded.map((x) => x.name),
      conflict: r.dataAssets.conflict,
      filing:
        r.dataAssets.candidates === 0 && !r.dataAssets.declaredImportant
          ? '未发现重要/核心数据候选，暂无目录备案义务；数据或业务变化时应重新识别。'
          : r.summary.catalogueFiled
            ? '企业已报备重要数据目录；候选数据须经主管部门认定，目录变化时应及时变更备案。'
            : '企业持有重要/核心数据候选但尚未报备目录：应按《工业和信息化领域数据安全管理办法（试行）》向地方工业和信息化主管部门报备。',
    },
    risk: {
      level: r.risk.level,
      levelLabel: riskLabel,
      counts,
      heat,
      entries: riskEntries,
      top: riskEntries.slice(0, BODY_LIMITS.risks).map((e) => ({ ...e, sources: e.sources.slice(0, BODY_LIMITS.riskSources) })),
      verdicts: r.risk.verdicts.map((v) => ({ label: v.label, verdict: v.verdictLabel, risk: RISK_LEVEL_LABELS[v.riskLevel] })),
      obligations: r.obligations.map((o) => ({ label: o.label, status: o.statusLabel, source: refText(o.refs) })),
    },
    maturity: {
      level: r.maturity.level,
      levelLabel: maturityLabel,
      mean: r.maturity.mean,
      coreMean: r.maturity.coreMean,
      note:
        `企业整体等级取核心过程域（${r.maturity.basis.join('、') || '无'}）的最低等级（木桶原则）` +
        (r.maturity.cappedByRedline ? '，并因触及红线封顶。' : '。') +
        (r.variant === 'quick' ? `快速诊断最高只能显示到 ${r.maturity.maxLevel} 级。` : ''),
      processAreas,
      coreAreas: processAreas.filter((p) => r.maturity.basis.includes(p.pa)),
      dimensions: r.maturity.dimensions.map((d) => ({ label: CAPABILITY_LABELS[d.capability], score: d.score })),
    },
    findings: {
      total: r.findings.length,
      top: findingViews.slice(0, BODY_LIMITS.findings),
      groups: [...groups].map(([area, items]) => ({ area, items })),
      roadmap: (['immediate', 'three_months', 'one_year'] as const).map((band) => ({
        band: BAND_LABELS[band],
        items: sortedFindings.filter((f) => f.band === band).map((f) => f.label),
      })),
    },
    peers: {
      groups: [peerGroup(input.peers.industry, own), peerGroup(input.peers.district, own)],
    },
    annex: {
      title: `${title}附件`,
      header: `${ent.name}　报告附件　${MARKING}`,
      intro:
        `本附件与${input.issue ? `编号为 ${input.issue.number} 的` : ''}《${title}》一并出具，列出报告正文中摘要引用的全部内容：` +
        `${annexParts.map((p) => p.replace('　', '')).join('、')}。` +
        (input.issue ? '附件与报告正文使用同一验证码核验，二者各有 SHA-256。' : ''),
      parts: annexParts,
    },
    appendix: {
      answers: q.sections
        .map((s) => ({
          section: s.title,
          rows: s.items
            .filter((d) => input.answers.answers[d.id] !== undefined)
            .map((d) => ({
              id: d.id,
              label: d.label,
              answer: answerText(q.itemById.get(d.id), input.answers.answers[d.id]),
              note: [input.answers.basis[d.id] ? BASIS_LABELS[input.answers.basis[d.id]] : '', input.answers.notes[d.id] ?? ''].filter(Boolean).join('；'),
              evidence: (input.evidence[d.id] ?? []).join('、'),
            })),
        }))
        .filter((s) => s.rows.length > 0),
      standards,
      glossary: [
        { label: '重要数据', value: '特定领域、特定群体、特定区域或达到一定精度和规模的，一旦被泄露或篡改、损毁，可能直接危害国家安全、经济运行、社会稳定、公共健康和安全的数据（GB/T 43697-2024）。本报告只提出候选，须经主管部门认定。' },
        { label: '核心数据', value: '对领域、群体、区域具有较高覆盖度或达到较高精度、较大规模、一定深度的重要数据，一旦被非法使用或共享，可能直接影响政治安全的数据。' },
        { label: '过程域（PA）', value: 'GB/T 37988-2019 数据安全能力成熟度模型中的数据安全过程，共 30 个。' },
        { label: '红线', value: '法律法规明确要求、一旦不满足即应立即整改的事项，触及红线时风险等级至少为“高”，成熟度等级封顶。' },
        { label: '符合 / 部分符合 / 不符合', value: '按每项控制要求的评分细则判定，不适用的题目不计入分母。' },
      ],
      method: [
        '数据分类分级得分：分类分级相关题目的加权符合度（0–100 分）；持有重要/核心数据候选而未报备目录时得分封顶。',
        '风险：按场景汇总相关题目的加权差距（脆弱性）与暴露因素、历史事件（威胁）得出可能性（1–4），按数据等级得出影响程度（1–4，有生产控制系统的停产类场景不低于 3），二者乘积定级。',
        '防护能力成熟度：过程域一级要求基本实践过半落实，二、三级要求加权符合度不低于 0.75、本级实践至少部分落实且重点题目无不符合；某一级题目少于 3 道时与相邻级别合并判定，不由一两道题决定等级；企业等级取核心过程域最低值。',
        '整改时限：红线与高优先级问题“立即”，中优先级“三个月内”，其余“一年内”。',
      ],
    },
    charts: {
      processAreas: {
        labels: r.maturity.processAreas.filter((p) => p.assessed).map((p) => `${p.pa} ${p.name}`),
        levels: r.maturity.processAreas.filter((p) => p.assessed).map((p) => p.level),
      },
      dimensions: {
        labels: r.maturity.dimensions.map((d) => CAPABILITY_LABELS[d.capability]),
        scores: r.maturity.dimensions.map((d) => d.score ?? 0),
      },
      riskCounts: { labels: counts.map((c) => c.label), counts: counts.map((c) => c.n) },
    },
  };
}
