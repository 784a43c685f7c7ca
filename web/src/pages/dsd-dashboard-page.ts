/**
 * The bureau's dashboard (administrators see it too): coverage by district, industry and both, the weekly trend,
 * results (risk and maturity levels, red lines and classification readiness, the most frequent findings) and
 * closing the loop. The server counts within the user's scope (a district officer: only their district); every
 * chart stands beside its table, every table exports to XLSX, and every count links to the enterprises behind it.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, loadErrorText } from '../data/api.js';
import { consoleApi, exportUrl } from '../data/console-api.js';
import {
  DIAGNOSIS_STAGE_LABELS,
  MATURITY_LEVEL_LABELS,
  RISK_LEVEL_LABELS,
  type Coverage,
  type DiagnosisStage,
  type District,
  type DrillFilter,
  type Loop,
  type Results,
  type SessionUser,
  type Trend,
} from '../data/contract.js';
import { QueryFollower, navigate } from '../router.js';
import { consoleStyles, pct } from '../styles/console.js';
import { shared } from '../styles/shared.js';
import '../components/dsd-chart.js';

const STAGE_COLORS: Record<DiagnosisStage, string> = {
  diagnosed: '#1e6b35',
  in_progress: '#0b5cad',
  not_started: '#a7b1bd',
  refused: '#b3261e',
};
const RISK_KEYS = ['major', 'high', 'medium', 'low', 'none'] as const;
const RISK_COLORS = ['#8e1b14', '#d9534f', '#f0a400', '#6aa84f', '#9fb7cf'];
const MATURITY_KEYS = ['0', '1', '2', '3', '4', '5'] as const;

const PATH = '/dashboard';

type StageKey = 'diagnosed' | 'inProgress' | 'notStarted' | 'refused';
const STAGES: [StageKey, DiagnosisStage][] = [
  ['diagnosed', 'diagnosed'],
  ['inProgress', 'in_progress'],
  ['notStarted', 'not_started'],
  ['refused', 'refused'],
];

@customElement('dsd-dashboard-page')
export class DsdDashboardPage extends LitElement {
  static override styles = [shared, consoleStyles];

  /** The logged-in bureau, district or administrator account. */
  @property({ attribute: false }) user!: SessionUser;
  @state() private _districts: District[] = [];
  @state() private _coverage?: Coverage;
  @state() private _trend?: Trend;
  @state() private _results?: Results;
  @state() private _loop?: Loop;
  @state() private _error = '';
  @state() private _loading = true;

  /** The district asked for in the URL (bureau and administrators only; a district officer's is fixed). */
  private get _district(): string {
    return new URLSearchParams(location.search).get('district') ?? '';
  }

  constructor() {
    super();
    new QueryFollower(this, PATH, () => this._load());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.user.role !== 'district')
      api.districts().then(
        (d) => (this._districts = d),
        () => undefined,
      );
  }

  private async _load(): Promise<void> {
    this._loading = true;
    this._error = '';
    const d = this._district || undefined;
    try {
      [this._coverage, this._trend, this._results, this._loop] = await Promise.all([
        consoleApi.coverage(d),
        consoleApi.trend(d),
        consoleApi.results(d),
        consoleApi.loop(d),
      ]);
    } catch (err) {
      this._error = loadErrorText(err);
    } finally {
      this._loading = false;
    }
  }

  private _pickDistrict(e: Event): void {
    const v = (e.target as HTMLSelectElement).value;
    navigate(v ? `/dashboard?district=${v}` : '/dashboard', { replace: true });
  }

  /** Link to the enterprises behind a figure, within the page's scope. */
  private _drill(f: DrillFilter): string {
    const q = new URLSearchParams();
    const district = f.district ?? this._district;
    if (district) q.set('district', String(district));
    for (const [k, v] of Object.entries(f)) if (k !== 'district' && v !== undefined && v !== '') q.set(k, String(v));
    const s = q.toString();
    return `/dashboard/enterprises${s ? `?${s}` : ''}`;
  }

  private _num(n: number, f: DrillFilter, what: string): TemplateResult {
    return n ? html`<a href=${this._drill(f)} aria-label="${what}：${n} 家，查看企业">${n}</a>` : html`0`;
  }

  /** A figure of the loop as a link to the rectification work list of the same rows (the same count on arrival). */
  private _work(n: number, f: { district?: number; status?: string; overdue?: 'true' }, what: string): TemplateResult {
    if (!n) return html`0`;
    const q = new URLSearchParams();
    const district = f.district ?? this._district;
    if (district) q.set('district', String(district));
    if (f.status) q.set('status', f.status);
    if (f.overdue) q.set('overdue', f.overdue);
    return html`<a href="/rectifications${q.size ? `?${q}` : ''}" aria-label="${what}：${n} 项，查看整改清单">${n}</a>`;
  }

  private _exportLink(what: Parameters<typeof exportUrl>[0], title: string) {
    const d = this._district;
    return html`<a class="export" href=${exportUrl(what, { district: d || undefined })} download>导出 XLSX（${title}）</a>`;
  }

  override render() {
    const c = this._coverage;
    return html`
      <h1>诊断工作台${c ? html`<span class="muted">（${c.scope.label}，截至 ${c.scope.asOf}）</span>` : nothing}</h1>
      ${this.user.role !== 'district'
        ? html`<form class="inline" @submit=${(e: Event) => e.preventDefault()}>
            <label>范围
              <select name="district" @change=${this._pickDistrict} .value=${this._district}>
                <option value="">全市</option>
                ${this._districts.map((d) => html`<option value=${d.id} ?selected=${String(d.id) === this._district}>${d.name}</option>`)}
              </select>
            </label>
            <a href=${this._drill({})}>全部企业清单</a>
          </form>`
        : html`<p class="muted">区县账号只看到本区县的数据。<a href=${this._drill({})}>本区县企业清单</a></p>`}
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${this._loading && !c ? html`<p role="status">正在加载…</p>` : nothing}
      ${c ? this._coverageView(c) : nothing} ${this._trend ? this._trendView(this._trend) : nothing}
      ${this._results ? this._resultsView(this._results) : nothing} ${this._loop ? this._loopView(this._loop) : nothing}
    `;
  }

  // ---------- coverage ----------

  private _coverageView(c: Coverage) {
    const t = c.total;
    const byDistrict = c.byDistrict.filter((r) => r.roster > 0);
    const many = byDistrict.length > 1;
    const chartRows = many ? byDistrict : c.byIndustry.filter((r) => r.roster > 0);
    return html`
      <div class="figures-row" aria-label="覆盖概况">
        <div class="figure"><span class="value">${this._num(t.roster, {}, '企业名录')}</span><span class="what">企业名录</span></div>
        ${STAGES.map(
          ([k, stage]) =>
            html`<div class="figure"><span class="value">${this._num(t[k], { status: stage }, DIAGNOSIS_STAGE_LABELS[stage])}</span><span class="what">${DIAGNOSIS_STAGE_LABELS[stage]}</span></div>`,
        )}
        <div class="figure"><span class="value">${pct(t.coverage)}</span><span class="what">覆盖率（已出具报告 / 名录）</span></div>
      </div>
      <section class="panel" aria-labelledby="cov-h">
        <header><h2 id="cov-h">诊断覆盖${many ? '（按区县）' : '（按行业）'}</h2>${this._exportLink('coverage', '按区县、行业、区县×行业')}</header>
        <dsd-chart
          type="stacked"
          horizontal
          label="各${many ? '区县' : '行业'}诊断进度堆叠条形图，数据见下表"
          style="--dsd-chart-height: ${Math.max(200, chartRows.length * 26 + 70)}px"
          .labels=${chartRows.map((r) => r.name)}
          .series=${STAGES.map(([k, stage]) => ({ label: DIAGNOSIS_STAGE_LABELS[stage], data: chartRows.map((r) => r[k]), color: STAGE_COLORS[stage] }))}
        ></dsd-chart>
        ${many
          ? this._coverageTable('区县', byDistrict, c, (r) => ({ district: String(r.key) }), 'cov-district')
          : this._coverageTable('行业', chartRows, c, (r) => ({ industry: String(r.key) }), 'cov-industry')}
      </section>
      ${many
        ? html`<section class="panel" aria-labelledby="cov-ind-h">
            <header><h2 id="cov-ind-h">诊断覆盖（按行业）</h2>${this._exportLink('coverage', '同上')}</header>
            ${this._coverageTable('行业', c.byIndustry.filter((r) => r.roster > 0), c, (r) => ({ industry: String(r.key) }), 'cov-industry')}
          </section>`
        : nothing}
      ${many ? this._matrix(c) : nothing}
    `;
  }

  private _coverageTable(
    keyHeader: string,
    rows: Coverage['byDistrict'],
    c: Coverage,
    filter: (r: Coverage['byDistrict'][number]) => DrillFilter,
    id: string,
  ) {
    const row = (r: Coverage['total'], f: DrillFilter, head: TemplateResult | string) => html`<tr>
      <th scope="row">${head}</th>
      <td>${this._num(r.roster, f, `${r.name} 企业名录`)}</td>
      ${STAGES.map(([k, stage]) => html`<td>${this._num(r[k], { ...f, status: stage }, `${r.name} ${DIAGNOSIS_STAGE_LABELS[stage]}`)}</td>`)}
      <td>${pct(r.coverage)}</td>
    </tr>`;
    return html`<div class="table-wrap" tabindex="0">
      <table class="figures" id=${id}>
        <caption class="visually-hidden">诊断覆盖（按${keyHeader}）</caption>
        <thead>
          <tr><th scope="col">${keyHeader}</th><th scope="col">企业名录</th>${STAGES.map(([, s]) => html`<th scope="col">${DIAGNOSIS_STAGE_LABELS[s]}</th>`)}<th scope="col">覆盖率</th></tr>
        </thead>
        <tbody>${rows.map((r) => row(r, filter(r), r.name))}</tbody>
        <tfoot>${row(c.total, {}, `合计（${c.total.name}）`)}</tfoot>
      </table>
    </div>`;
  }

  private _matrix(c: Coverage) {
    const districts = c.byDistrict.filter((r) => r.roster > 0);
    const industries = c.byIndustry.filter((r) => r.roster > 0);
    const cell = new Map(c.matrix.map((m) => [`${m.districtId}|${m.industryCode}`, m]));
    return html`<section class="panel" aria-labelledby="matrix-h">
      <header><h2 id="matrix-h">区县 × 行业（已出具报告 / 企业名录）</h2>${this._exportLink('coverage', '含区县×行业')}</header>
      <div class="table-wrap" tabindex="0">
        <table class="figures" id="cov-matrix">
          <thead><tr><th scope="col">区县</th>${industries.map((i) => html`<th scope="col">${i.name}</th>`)}</tr></thead>
          <tbody>
            ${districts.map(
              (d) => html`<tr>
                <th scope="row">${d.name}</th>
                ${industries.map((i) => {
                  const m = cell.get(`${d.key}|${i.key}`);
                  return html`<td>${m
                    ? html`<a href=${this._drill({ district: String(d.key), industry: String(i.key) })} aria-label="${m.diagnosed} / ${m.roster}：${d.name} ${i.name}已出具报告 ${m.diagnosed} 家，名录 ${m.roster} 家">${m.diagnosed} / ${m.roster}</a>`
                    : html`<span class="muted">—</span>`}</td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  // ---------- trend ----------

  private _trendView(t: Trend) {
    const weeks = t.weeks;
    return html`<section class="panel" aria-labelledby="trend-h">
      <header><h2 id="trend-h">每周出具报告与累计覆盖（名录 ${t.roster} 家）</h2>${this._exportLink('trend', '每周趋势')}</header>
      ${weeks.length
        ? html`<div class="grid2">
            <dsd-chart
              type="line"
              percent
              label="累计覆盖率折线图，数据见旁边的表格"
              .labels=${weeks.map((w) => w.week.slice(5))}
              .series=${[{ label: '累计覆盖率', data: weeks.map((w) => (t.roster ? w.cumulative / t.roster : 0)), color: '#0b5cad' }]}
            ></dsd-chart>
            <div class="table-wrap" tabindex="0" style="max-height: 260px; overflow-y: auto">
              <table class="figures" id="trend-table">
                <thead><tr><th scope="col">周（周一）</th><th scope="col">本周出具</th><th scope="col">累计</th><th scope="col">累计覆盖率</th></tr></thead>
                <tbody>
                  ${[...weeks].reverse().map(
                    (w) => html`<tr><th scope="row">${w.week}</th><td>${w.issued}</td><td>${w.cumulative}</td><td>${pct(t.roster ? w.cumulative / t.roster : 0)}</td></tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </div>`
        : html`<p class="muted">尚未出具任何报告。</p>`}
    </section>`;
  }

  // ---------- results ----------

  private _resultsView(r: Results) {
    const rows = r.byDistrict.filter((x) => x.diagnosed > 0);
    const many = rows.length > 1;
    const chartRows = many ? rows : r.byIndustry.filter((x) => x.diagnosed > 0);
    return html`
      <section class="panel" aria-labelledby="risk-h">
        <header><h2 id="risk-h">风险等级分布（最近一次出具的报告）</h2>${this._exportLink('results', '诊断结果分布')}</header>
        ${chartRows.length
          ? html`<dsd-chart
              type="stacked"
              horizontal
              label="各${many ? '区县' : '行业'}企业风险等级分布堆叠条形图，数据见下表"
              style="--dsd-chart-height: ${Math.max(200, chartRows.length * 26 + 70)}px"
              .labels=${chartRows.map((x) => x.name)}
              .series=${RISK_KEYS.map((k, i) => ({ label: `${RISK_LEVEL_LABELS[k]}风险`, data: chartRows.map((x) => x.risk[k] ?? 0), color: RISK_COLORS[i] }))}
            ></dsd-chart>`
          : html`<p class="muted">尚无出具报告的企业。</p>`}
        ${this._levelTable('区县', rows, 'district', 'risk-district')}
        <h3>按行业</h3>
        ${this._levelTable('行业', r.byIndustry.filter((x) => x.diagnosed > 0), 'industry', 'risk-industry')}
      </section>
      <section class="panel" aria-labelledby="ready-h">
        <header><h2 id="ready-h">红线、数据分类分级与重点企业候选</h2>${this._exportLink('results', '含红线与分类分级')}</header>
        <div class="table-wrap" tabindex="0">
          <table class="figures" id="readiness">
            <thead>
              <tr><th scope="col">区县</th><th scope="col">已出具报告</th><th scope="col">触及红线企业</th><th scope="col">红线项数</th>
                <th scope="col">已开展分类分级</th><th scope="col">比例</th><th scope="col">目录已备案</th><th scope="col">持有重要/核心数据候选</th>
                <th scope="col">符合重点企业遴选条件（候选）</th></tr>
            </thead>
            <tbody>${r.readiness.byDistrict.filter((x) => x.diagnosed > 0).map((x) => this._readinessRow(x, x.name, { district: String(x.key) }))}</tbody>
            <tfoot>${this._readinessRow(r.readiness.total, `合计（${r.readiness.total.name}）`, {})}</tfoot>
          </table>
        </div>
      </section>
      <section class="panel" aria-labelledby="top-h">
        <header><h2 id="top-h">最常见问题（前 10）</h2>${this._exportLink('results', '含常见问题')}</header>
        ${r.topFindings.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="top-findings">
                <thead><tr><th scope="col">排名</th><th scope="col" class="text">问题</th><th scope="col">涉及企业</th><th scope="col">问题数</th></tr></thead>
                <tbody>
                  ${r.topFindings.map(
                    (f, i) => html`<tr><td>${i + 1}</td><td class="text wrap">${f.label} <span class="muted">${f.itemId}</span></td><td>${f.enterprises}</td><td>${f.findings}</td></tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">尚无问题记录。</p>`}
      </section>
    `;
  }

  private _levelTable(keyHeader: string, rows: Results['byDistrict'], by: 'district' | 'industry', id: string) {
    if (!rows.length) return nothing;
    const f = (x: Results['byDistrict'][number]): DrillFilter => ({ [by]: String(x.key) });
    return html`<div class="table-wrap" tabindex="0">
      <table class="figures" id=${id}>
        <caption class="visually-hidden">风险等级与成熟度分布（按${keyHeader}）</caption>
        <thead>
          <tr>
            <th scope="col">${keyHeader}</th><th scope="col">已出具报告</th>
            ${RISK_KEYS.map((k) => html`<th scope="col">${RISK_LEVEL_LABELS[k]}风险</th>`)}
            ${MATURITY_KEYS.map((k) => html`<th scope="col">成熟度 ${MATURITY_LEVEL_LABELS[Number(k) as 0]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (x) => html`<tr>
              <th scope="row">${x.name}</th>
              <td>${this._num(x.diagnosed, { ...f(x), status: 'diagnosed' }, `${x.name} 已出具报告`)}</td>
              ${RISK_KEYS.map((k) => html`<td>${this._num(x.risk[k] ?? 0, { ...f(x), status: 'diagnosed', riskLevel: k }, `${x.name} ${RISK_LEVEL_LABELS[k]}风险`)}</td>`)}
              ${MATURITY_KEYS.map(
                (k) => html`<td>${this._num(x.maturity[k] ?? 0, { ...f(x), status: 'diagnosed', maturityLevel: Number(k) }, `${x.name} 成熟度 ${k}`)}</td>`,
              )}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _readinessRow(x: Results['readiness']['total'], head: string, f: DrillFilter) {
    return html`<tr>
      <th scope="row">${head}</th><td>${x.diagnosed}</td><td>${x.withRedlines}</td><td>${x.redlines}</td><td>${x.classificationDone}</td>
      <td>${pct(x.diagnosed ? x.classificationDone / x.diagnosed : 0)}</td><td>${x.catalogueFiled}</td><td>${x.candidatesHeld}</td>
      <td>${this._num(x.keyCandidates, { ...f, keyCandidate: '1' }, `${x.name} 重点企业候选`)}</td>
    </tr>`;
  }

  // ---------- closing the loop ----------

  private _loopView(l: Loop) {
    const rows = l.byDistrict.filter((r) => r.found > 0);
    // The total row's key is 0: its links keep the page's own district (none for the city).
    const row = (r: Loop['total'], head: string) => {
      const d = r.key || undefined;
      return html`<tr>
        <th scope="row">${head}</th><td>${this._work(r.found, { district: d }, `${head} 发现问题`)}</td>
        <td>${this._work(r.open, { district: d, status: 'open' }, `${head} 待整改`)}</td>
        <td>${this._work(r.inProgress, { district: d, status: 'in_progress' }, `${head} 整改中`)}</td>
        <td>${this._work(r.rectified, { district: d, status: 'rectified' }, `${head} 已整改`)}</td>
        <td>${this._work(r.accepted, { district: d, status: 'accepted' }, `${head} 已验收`)}</td>
        <td>${pct(r.closeRate)}</td>
        <td class=${r.overdue ? 'error' : ''}>${this._work(r.overdue, { district: d, overdue: 'true' }, `${head} 逾期未整改`)}</td>
      </tr>`;
    };
    return html`<section class="panel" aria-labelledby="loop-h">
      <header><h2 id="loop-h">闭环整改</h2>${this._exportLink('loop', '闭环整改')}</header>
      <p class="muted">统计已审核、已出具报告的诊断所发现的问题，与整改清单同一口径；点击数字查看对应的整改清单。</p>
      <div class="figures-row">
        <div class="figure"><span class="value">${this._work(l.total.found, {}, '发现问题')}</span><span class="what">发现问题</span></div>
        <div class="figure"><span class="value">${pct(l.total.closeRate)}</span><span class="what">闭环率（已整改 + 已验收）</span></div>
        <div class="figure"><span class="value ${l.total.overdue ? 'error' : ''}">${this._work(l.total.overdue, { overdue: 'true' }, '逾期未整改')}</span><span class="what">逾期未整改</span></div>
      </div>
      <div class="table-wrap" tabindex="0">
        <table class="figures" id="loop-table">
          <thead>
            <tr><th scope="col">区县</th><th scope="col">发现问题</th><th scope="col">待整改</th><th scope="col">整改中</th><th scope="col">已整改</th>
              <th scope="col">已验收</th><th scope="col">闭环率</th><th scope="col">逾期</th></tr>
          </thead>
          <tbody>${rows.map((r) => row(r, r.name))}</tbody>
          <tfoot>${row(l.total, `合计（${l.total.name}）`)}</tfoot>
        </table>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-dashboard-page': DsdDashboardPage;
  }
}
