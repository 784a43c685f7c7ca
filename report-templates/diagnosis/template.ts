/**
 * The diagnosis report (诊断报告) as a self-contained page: the report model (server/report/model.ts) laid out as a
 * Chinese official document — cover, table of contents, chapters numbered 一、(一)1.(1), appendix. The page is a
 * shell shared by every report (`reportShell`: CSP, print CSS, scripts) filled with one report's content
 * (`reportContent`). Every string from the model goes through `esc` (names, remarks, catalogue rows and file names are
 * typed by users); the header text goes into CSS through `cssString`. The page runs only the scripts handed in
 * (Chart.js and charts.js) and loads nothing: fonts are local system fonts, the QR code is inline SVG.
 */
import { BODY_LIMITS, type ReportModel } from '../../server/report/model.js';

export interface TemplateAssets {
  css: string;
  /** Inline scripts, in order; the caller lists their hashes in the CSP. */
  scripts: string[];
  /** CSP script-src sources ('sha256-…'). */
  scriptHashes: string[];
  /** The verification QR code as an SVG element (empty for a draft). */
  qrSvg: string;
}

export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A CSS string literal: everything but letters, digits and spaces as a hex escape, so no text can end the rule. */
export const cssString = (s: string): string =>
  `"${[...s].map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;

/** Chapter headings, in order: the ToC and the page-number pass both read this list. */
export const CHAPTERS = [
  { id: 'ch1', title: '一、诊断概述' },
  { id: 'ch2', title: '二、诊断结论' },
  { id: 'ch3', title: '三、企业基本情况' },
  { id: 'ch4', title: '四、数据资产梳理与分类分级' },
  { id: 'ch5', title: '五、数据安全风险评估' },
  { id: 'ch6', title: '六、数据安全防护能力' },
  { id: 'ch7', title: '七、问题清单与整改建议' },
  { id: 'ch8', title: '八、同行对比' },
  { id: 'appendix', title: '附录' },
] as const;

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const cn = (i: number) => CN[i] ?? String(i + 1);

const table = (head: string[], rows: (string | number)[][], cls = '') =>
  `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

const kv = (rows: { label: string; value: string }[]) =>
  `<table class="kv"><tbody>${rows.map((r) => `<tr><th>${esc(r.label)}</th><td>${esc(r.value)}</td></tr>`).join('')}</tbody></table>`;

const h1 = (id: string) => {
  const c = CHAPTERS.find((x) => x.id === id)!;
  return `<h1 id="${c.id}">${esc(c.title)}</h1>`;
};

function cover(m: ReportModel, qrSvg: string): string {
  const c = m.cover;
  return `<section class="cover">
  <div class="marking">${esc(m.marking)}</div>
  <div class="cover-number">${c.number ? `报告编号：${esc(c.number)}` : ''}</div>
  <div class="cover-title">${esc(m.title)}</div>
  <div class="cover-name">${esc(c.enterpriseName)}</div>
  ${kv(c.rows)}
  <div class="cover-bottom">
    ${
      c.verificationCode
        ? `<div class="verify">${qrSvg}<div><div>验证码：<b class="code">${esc(c.verificationCode)}</b></div><div class="small">扫码或访问 ${esc(c.verifyUrl ?? '')} 核验报告真伪</div></div></div>`
        : '<div class="verify small">草稿报告未出具，无验证码</div>'
    }
    <div class="issuer">${esc(c.issuer)}</div>
    <div class="issuer-date">${esc(c.issuedDate ?? '（未出具）')}</div>
  </div>
</section>`;
}

/** Page numbers are placeholders with ids: the renderer fills them in after a first print (server/report/document.ts). */
function toc(): string {
  return `<section class="toc"><h1 class="toc-title">目　录</h1><ol>${CHAPTERS.map(
    (c) => `<li><span class="toc-name">${esc(c.title)}</span><span class="toc-dots"></span><span class="toc-page" id="toc-page-${c.id}">00</span></li>`,
  ).join('')}</ol></section>`;
}

function overview(m: ReportModel): string {
  const o = m.overview;
  return `<section class="chapter">${h1('ch1')}
  <h2>（一）诊断依据</h2><ol class="num">${o.basis.map((b) => `<li>${esc(b)}</li>`).join('')}</ol>
  <h2>（二）诊断范围</h2><p>${esc(o.scope)}</p>
  <h2>（三）诊断方法</h2><p>${esc(o.method)}</p>
  <h2>（四）调研表与评分模型版本</h2>${kv(o.versions)}
</section>`;
}

function conclusion(m: ReportModel): string {
  const c = m.conclusion;
  return `<section class="chapter conclusion">${h1('ch2')}
  <h2>（一）总体结论</h2><p class="lead">${esc(c.text)}</p>
  <h2>（二）三个维度的结果</h2>
  <div class="dims">${c.dimensions
    .map((d) => `<div class="dim"><div class="dim-name">${esc(d.name)}</div><div class="dim-value">${esc(d.value)}</div><div class="dim-note">${esc(d.note)}</div></div>`)
    .join('')}</div>
  <h2>（三）红线</h2>${c.redlines.length ? `<ol class="num">${c.redlines.map((x) => `<li class="red">${esc(x)}</li>`).join('')}</ol>` : '<p>未触及红线。</p>'}
  <h2>（四）最重要的五个问题</h2>${
    c.topProblems.length
      ? `<ol class="num">${c.topProblems.map((p) => `<li><b>${esc(p.label)}</b>（${esc(p.band)}）：${esc(p.problem)}</li>`).join('')}</ol>`
      : '<p>未发现问题。</p>'
  }
  <h2>（五）首先要做的事</h2>${c.firstSteps.length ? `<ol class="num">${c.firstSteps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>` : '<p>按第七章的整改路线图持续改进。</p>'}
</section>`;
}

function profile(m: ReportModel): string {
  const p = m.profile;
  return `<section class="chapter">${h1('ch3')}
  <h2>（一）企业概况</h2>${kv(p.rows)}
  <h2>（二）风险暴露面</h2><p>${p.exposure.length ? esc(p.exposure.join('；')) : '未发现风险暴露因素。'}</p>
  <h2>（三）重点企业判定</h2><p>${esc(p.keyEnterprise)}</p>
</section>`;
}

const catalogueTable = (rows: ReportModel['assets']['catalogue']) =>
  table(['数据类型', '数据域', '类别', '建议级别', '定级理由'], rows.map((c) => [c.name + (c.key ? '（行业关键数据）' : ''), c.domain, c.subcategory, c.level, c.reason]), 'catalogue');

function dataAssets(m: ReportModel): string {
  const a = m.assets;
  const others = a.otherNames.length
    ? `<p>${a.keyCatalogue.length ? '其余' : '清单中的'} ${a.otherNames.length} 类数据建议定为一般数据：${esc(a.otherNames.join('、'))}。各类数据的定级理由见附件二。</p>`
    : '';
  return `<section class="chapter">${h1('ch4')}
  <h2>（一）数据资产总体情况</h2>${kv(a.totals)}
  ${a.conflict ? `<p class="note">${esc(a.conflict)}</p>` : ''}
  <h2>（二）数据分类分级目录（草案）</h2>
  ${
    a.catalogue.length === 0
      ? '<p>企业未填写数据清单。</p>'
      : `${a.keyCatalogue.length ? `<p class="lead">重要/核心数据候选与行业关键数据 ${a.keyCatalogue.length} 类：</p>${catalogueTable(a.keyCatalogue)}` : ''}${others}`
  }
  ${a.excluded.length ? `<p class="note">以下数据标记为涉密，不在本次诊断范围内，应按保密管理规定处理：${esc(a.excluded.join('、'))}。</p>` : ''}
  <h2>（三）目录备案</h2><p>${esc(a.filing)}</p>
</section>`;
}

const RISK_CLASS = { major: 'r-major', high: 'r-high', medium: 'r-medium', low: 'r-low', none: 'r-none' } as const;

function heatMap(m: ReportModel): string {
  const cell = (l: number, i: number) => {
    const v = l * i;
    const cls = v >= 12 ? 'r-major' : v >= 8 ? 'r-high' : v >= 4 ? 'r-medium' : 'r-low';
    const n = m.risk.heat[l - 1][i - 1];
    return `<td class="${cls}">${n > 0 ? n : ''}</td>`;
  };
  const rows = [4, 3, 2, 1].map((l) => `<tr><th>${l}</th>${[1, 2, 3, 4].map((i) => cell(l, i)).join('')}</tr>`).join('');
  return `<table class="heat"><tbody>${rows}<tr><th></th>${[1, 2, 3, 4].map((i) => `<th>${i}</th>`).join('')}</tr></tbody></table>
  <div class="small heat-legend">纵轴：可能性（1–4）；横轴：影响程度（1–4）；格内数字为该格的风险条目数。</div>`;
}

/** One register entry: level, likelihood × impact, data, exposure and the answers that produced it. */
const riskEntry = (e: ReportModel['risk']['entries'][number], i: number) =>
  `<div class="risk-entry"><h3>${i + 1}. ${esc(e.title)}<span class="${RISK_CLASS[e.level]} badge">${esc(e.levelLabel)}</span></h3>
      <p>可能性 ${e.likelihood}，影响程度 ${e.impact}；涉及数据：${esc(e.data)}${e.exposure.length ? `；暴露因素：${esc(e.exposure.join('、'))}` : ''}。</p>
      ${e.sources.length ? `<p class="small">由以下答案产生：${e.sources.map((s) => `${esc(s.label)}（${esc(s.answer)}）`).join('；')}</p>` : ''}</div>`;

function risk(m: ReportModel): string {
  const r = m.risk;
  const rest = r.entries.length - r.top.length;
  return `<section class="chapter">${h1('ch5')}
  <h2>（一）风险总体情况</h2>
  <p class="lead">企业数据安全风险等级：<b class="${RISK_CLASS[r.level]} badge">${esc(r.levelLabel)}</b>。风险登记共 ${r.entries.length} 项：${r.counts.map((c) => `${esc(c.label)} ${c.n} 项`).join('，')}。</p>
  <div class="two"><div>${heatMap(m)}</div><div class="chart-box"><canvas id="chart-risk" width="300" height="200"></canvas></div></div>
  <h2>（二）四类高频风险场景自查结论</h2>
  ${table(['场景', '结论', '最高风险等级'], r.verdicts.map((v) => [v.label, v.verdict, v.risk]))}
  <h2>（三）主要风险说明</h2>
  ${r.top.length ? r.top.map(riskEntry).join('') : '<p>风险登记为空。</p>'}
  ${r.entries.length ? `<p class="small">${rest > 0 ? `另有 ${rest} 项风险，` : ''}每项风险的全部来源答案见附件三。</p>` : ''}
  <h2>（四）合规义务落实情况</h2>
  ${table(['法定义务', '落实情况'], r.obligations.map((o) => [o.label, o.status]), 'obligations')}
  <p class="small">各项义务的法律和标准依据见附件四。</p>
</section>`;
}

const paTable = (rows: ReportModel['maturity']['processAreas']) =>
  table(['过程域', '等级', '达到下一级还差'], rows.map((p) => [`${p.pa} ${p.name}`, p.assessed ? `${p.level} 级` : '不适用', p.blocker]), 'pa');

function maturity(m: ReportModel): string {
  const x = m.maturity;
  return `<section class="chapter">${h1('ch6')}
  <h2>（一）总体等级</h2>
  <p>防护能力成熟度：<b>${esc(x.levelLabel)}</b>；已评过程域平均 ${x.mean} 级，核心过程域平均 ${x.coreMean} 级。${esc(x.note)}</p>
  <h2>（二）各过程域等级</h2>
  <div class="chart-box wide"><canvas id="chart-pa" width="580" height="${Math.max(140, 14 * m.charts.processAreas.labels.length + 36)}"></canvas></div>
  <h2>（三）能力维度</h2>
  <div class="two"><div class="chart-box"><canvas id="chart-dims" width="300" height="240"></canvas></div><div>${table(['能力维度', '得分'], x.dimensions.map((d) => [d.label, d.score === null ? '—' : d.score]))}</div></div>
  <h2>（四）等级判定说明</h2>
  ${x.coreAreas.length ? `<p class="lead">决定企业整体等级的核心过程域：</p>${paTable(x.coreAreas)}` : ''}
  <p class="small">全部 ${x.processAreas.length} 个过程域的等级判定见附件五。</p>
</section>`;
}

/** The annex's findings of one area: number, problem (with the diagnostician's remark), recommendation (basis, risk), deadline. */
const findingsTable = (items: ReportModel['findings']['groups'][number]['items']) =>
  `<table class="findings"><thead><tr><th>序号</th><th>问题</th><th>整改建议</th><th>时限</th></tr></thead><tbody>${items
    .map(
      (it, ii) => `<tr class="${it.redline ? 'redline' : ''}"><td>(${ii + 1})</td>
          <td><span class="t">${esc(it.label)}${it.redline ? '（红线）' : ''}</span>${esc(it.problem)}${it.note ? `<span class="m kai">诊断备注：${esc(it.note)}</span>` : ''}</td>
          <td>${esc(it.recommendation)}<span class="m">${it.refs ? `依据：${esc(it.refs)}；` : ''}核验：${esc(it.basis)}${it.risk ? `；关联风险：${esc(it.risk)}` : ''}</span></td>
          <td>${esc(it.band)}<span class="m">优先级${esc(it.priority)}</span></td></tr>`,
    )
    .join('')}</tbody></table>`;

/** The report's top findings, full width: title with deadline and area, then problem, recommendation and basis. */
const topFindings = (items: ReportModel['findings']['top']) =>
  `<ol class="top-findings">${items
    .map(
      (it) => `<li class="${it.redline ? 'redline' : ''}"><div class="t">${esc(it.label)}${it.redline ? '（红线）' : ''}<span class="tag">${esc(it.band)}·优先级${esc(it.priority)}·${esc(it.area)}</span></div>
        <div><span class="k">问题：</span>${esc(it.problem)}${it.note ? `<span class="kai">（诊断备注：${esc(it.note)}）</span>` : ''}</div>
        <div><span class="k">建议：</span>${esc(it.recommendation)}</div>${it.refs ? `<div class="m">依据：${esc(it.refs)}</div>` : ''}</li>`,
    )
    .join('')}</ol>`;

function findings(m: ReportModel): string {
  const f = m.findings;
  return `<section class="chapter">${h1('ch7')}
  <p class="lead">共发现问题 ${f.total} 项${f.total > f.top.length ? `，本章列出按红线、优先级排在前面的 ${f.top.length} 项，全部问题按领域分组列于附件一` : ''}。</p>
  <h2>（一）整改路线图</h2>
  <div class="roadmap">${f.roadmap
    .map((b) => `<div class="band"><div class="band-name">${esc(b.band)}（${b.items.length} 项）</div><ol>${b.items.slice(0, BODY_LIMITS.roadmapItems).map((t) => `<li>${esc(t)}</li>`).join('')}${b.items.length > BODY_LIMITS.roadmapItems ? `<li class="small">……另 ${b.items.length - BODY_LIMITS.roadmapItems} 项（见附件一）</li>` : ''}</ol></div>`)
    .join('')}</div>
  <h2>（二）重点问题与整改建议</h2>
  ${f.top.length ? topFindings(f.top) : '<p>未发现问题。</p>'}
</section>`;
}

function peers(m: ReportModel): string {
  return `<section class="chapter">${h1('ch8')}
  ${m.peers.groups
    .map((g, i) => `<h2>（${cn(i)}）${esc(g.label)}</h2><p>${esc(g.note)}</p>${g.shown ? kv(g.rows) : ''}`)
    .join('')}
</section>`;
}

function appendix(m: ReportModel): string {
  const a = m.appendix;
  return `<section class="chapter appendix">${h1('appendix')}
  <h2>附录一　术语</h2>${kv(a.glossary)}
  <h2>附录二　评分方法</h2><ol class="num">${a.method.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
  <h2>附录三　报告附件</h2><p>${esc(m.annex.intro)}</p>
</section>`;
}

// ---------- the annex (附件): every list whole ----------

/** All answers, two columns: remarks and evidence file names under the answer, only where there are any. */
const answersTable = (rows: ReportModel['appendix']['answers'][number]['rows']) =>
  `<table class="answers"><thead><tr><th>题目</th><th>答案、核验方式与备注、佐证材料</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td>${esc(r.label)}</td><td>${esc(r.answer)}${r.note ? `<span class="m">核验与备注：${esc(r.note)}</span>` : ''}${
          r.evidence ? `<span class="m">佐证材料：${esc(r.evidence)}</span>` : ''
        }</td></tr>`,
    )
    .join('')}</tbody></table>`;

function annexHead(m: ReportModel): string {
  const c = m.cover;
  return `<section class="annex-head">
  <div class="marking">${esc(m.marking)}</div>
  <div class="annex-title">${esc(m.annex.title)}</div>
  <div class="annex-name">${esc(c.enterpriseName)}</div>
  ${kv([
    { label: '报告编号', value: c.number ?? '（草稿，未出具）' },
    { label: '验证码', value: c.verificationCode ?? '（草稿，无验证码）' },
    { label: '出具日期', value: c.issuedDate ?? '（未出具）' },
  ])}
  <p>${esc(m.annex.intro)}</p>
</section>`;
}

function annexBody(m: ReportModel): string {
  const [findingsPart, cataloguePart, riskPart, obligationsPart, paPart, answersPart, standardsPart] = m.annex.parts;
  return `<section class="annex">
  <h1>${esc(findingsPart)}</h1>
  <p>共 ${m.findings.total} 项，按领域分组，组内按红线、优先级排列。</p>
  ${m.findings.groups.map((g, gi) => `<h3>${gi + 1}. ${esc(g.area)}</h3>${findingsTable(g.items)}`).join('') || '<p>未发现问题。</p>'}
  <h1>${esc(cataloguePart)}</h1>
  ${m.assets.catalogue.length ? catalogueTable(m.assets.catalogue) : '<p>企业未填写数据清单。</p>'}
  <h1>${esc(riskPart)}</h1>
  ${m.risk.entries.length ? m.risk.entries.map(riskEntry).join('') : '<p>风险登记为空。</p>'}
  <h1>${esc(obligationsPart)}</h1>
  ${table(['法定义务', '落实情况', '依据'], m.risk.obligations.map((o) => [o.label, o.status, o.source]), 'obligations')}
  <h1>${esc(paPart)}</h1>
  ${paTable(m.maturity.processAreas)}
  <h1>${esc(answersPart)}</h1>
  <div class="appendix">${m.appendix.answers.map((s) => `<h3>${esc(s.section)}</h3>${answersTable(s.rows)}`).join('')}</div>
  <h1>${esc(standardsPart)}</h1>
  <ol class="num">${m.appendix.standards.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
</section>`;
}

/**
 * The page every report is printed from, the same for all reports: the CSP, the print CSS, Chart.js and charts.js.
 * The renderer loads it ahead of a request (a warm page) and hands it the report through `window.__fill`. The hidden
 * line in each face makes the page open its fonts while it waits.
 */
export function reportShell(assets: Omit<TemplateAssets, 'qrSvg'>): string {
  const csp = `default-src 'none'; script-src ${assets.scriptHashes.map((h) => `'${h}'`).join(' ')}; style-src 'unsafe-inline'; img-src data:; font-src data:`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<style>${assets.css}</style></head>
<body>
<div aria-hidden="true" style="position:absolute;left:-10000px"><h1>诊断报告</h1><p>诊断报告 0123</p><p class="kai">诊断报告</p></div>
${assets.scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body></html>`;
}

/** One report for the shell: what `window.__fill` of charts.js puts into the page. */
export interface ReportContent {
  title: string;
  /** CSS of this report alone: the running header's text. */
  css: string;
  bodyClass: string;
  bodyHtml: string;
  /** The chart figures. */
  charts: ReportModel['charts'];
}

const runningHeader = (text: string) => `@page { @top-center { content: ${cssString(text)}; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }`;

export function reportContent(m: ReportModel, qrSvg: string): ReportContent {
  return {
    title: m.title,
    css: runningHeader(m.header),
    bodyClass: m.draft ? 'draft' : '',
    bodyHtml: `${m.draft ? '<div class="watermark">草稿</div>' : ''}
${cover(m, qrSvg)}
${toc()}
${overview(m)}
${conclusion(m)}
${profile(m)}
${dataAssets(m)}
${risk(m)}
${maturity(m)}
${findings(m)}
${peers(m)}
${appendix(m)}`,
    charts: m.charts,
  };
}

/** The annex for the same shell: no cover page and no table of contents, so it is printed once. */
export function annexContent(m: ReportModel): ReportContent {
  return {
    title: m.annex.title,
    css: `@page { @top-center { content: ${cssString(m.annex.header)}; } }`,
    bodyClass: m.draft ? 'draft' : '',
    bodyHtml: `${m.draft ? '<div class="watermark">草稿</div>' : ''}
${annexHead(m)}
${annexBody(m)}`,
    charts: { processAreas: { labels: [], levels: [] }, dimensions: { labels: [], scores: [] }, riskCounts: { labels: [], counts: [] } },
  };
}
