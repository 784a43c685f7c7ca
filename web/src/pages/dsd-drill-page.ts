/**
 * The enterprises behind a dashboard figure: the filters live in the URL (district, industry, status, risk level,
 * maturity level, page), so a figure's link, a reload and the back button all show the same list. The server
 * keeps a district officer inside their district; the XLSX export carries every page.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, loadErrorText } from '../data/api.js';
import { consoleApi, exportUrl } from '../data/console-api.js';
import {
  DIAGNOSIS_STAGE_LABELS,
  MATURITY_LEVEL_LABELS,
  RISK_LEVEL_LABELS,
  type DiagnosisStage,
  type District,
  type DrillPage,
  type Industry,
  type SessionUser,
} from '../data/contract.js';
import '../components/dsd-report-batch.js';
import { QueryFollower, navigate } from '../router.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';

const KEYS = ['district', 'industry', 'status', 'riskLevel', 'maturityLevel', 'keyCandidate'] as const;
const PAGE_SIZE = 50;
const PATH = '/dashboard/enterprises';

@customElement('dsd-drill-page')
export class DsdDrillPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _page?: DrillPage;
  @state() private _districts: District[] = [];
  @state() private _industries: Industry[] = [];
  @state() private _error = '';

  private get _params(): URLSearchParams {
    return new URLSearchParams(location.search);
  }

  constructor() {
    super();
    new QueryFollower(this, PATH, () => this._load());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    Promise.all([api.districts(), api.industries()]).then(
      ([d, i]) => ([this._districts, this._industries] = [d, i]),
      () => undefined,
    );
  }

  private async _load(): Promise<void> {
    this._error = '';
    const p = this._params;
    const f: Record<string, string> = {};
    for (const k of [...KEYS, 'page']) {
      const v = p.get(k);
      if (v) f[k] = v;
    }
    try {
      this._page = await consoleApi.drill({ ...f, pageSize: PAGE_SIZE });
    } catch (err) {
      this._page = undefined;
      this._error = loadErrorText(err);
    }
  }

  private _go(change: Record<string, string | undefined>): void {
    const p = this._params;
    for (const [k, v] of Object.entries(change)) if (v) p.set(k, v); else p.delete(k);
    if (!('page' in change)) p.delete('page');
    const s = p.toString();
    navigate(`/dashboard/enterprises${s ? `?${s}` : ''}`);
  }

  private _describe(): string {
    const p = this._params;
    const parts: string[] = [];
    const d = p.get('district');
    if (d) parts.push(this._districts.find((x) => String(x.id) === d)?.name ?? `区域 ${d}`);
    const i = p.get('industry');
    if (i) parts.push(this._industries.find((x) => x.code === i)?.name ?? i);
    const s = p.get('status') as DiagnosisStage | null;
    if (s) parts.push(DIAGNOSIS_STAGE_LABELS[s] ?? s);
    const r = p.get('riskLevel');
    if (r) parts.push(`${RISK_LEVEL_LABELS[r as keyof typeof RISK_LEVEL_LABELS] ?? r}风险`);
    const m = p.get('maturityLevel');
    if (m) parts.push(`成熟度 ${MATURITY_LEVEL_LABELS[Number(m) as 0] ?? m}`);
    if (p.get('keyCandidate')) parts.push('符合重点企业遴选条件（候选）');
    return parts.join(' · ') || (this.user.role === 'district' ? '本区县全部企业' : '全市全部企业');
  }

  override render() {
    const p = this._params;
    const pg = this._page;
    const exportParams = Object.fromEntries(KEYS.map((k) => [k, p.get(k) ?? undefined]));
    const pages = pg ? Math.max(1, Math.ceil(pg.total / pg.pageSize)) : 1;
    return html`
      <p><a href="/dashboard${p.get('district') ? `?district=${p.get('district')}` : ''}">← 返回工作台</a></p>
      <h1>企业清单</h1>
      <p>筛选：<strong>${this._describe()}</strong></p>
      <form class="inline" @submit=${(e: Event) => e.preventDefault()} aria-label="筛选企业">
        ${this.user.role !== 'district'
          ? html`<label>区县
              <select @change=${(e: Event) => this._go({ district: (e.target as HTMLSelectElement).value })}>
                <option value="">全市</option>
                ${this._districts.map((d) => html`<option value=${d.id} ?selected=${String(d.id) === p.get('district')}>${d.name}</option>`)}
              </select>
            </label>`
          : nothing}
        <label>行业
          <select @change=${(e: Event) => this._go({ industry: (e.target as HTMLSelectElement).value })}>
            <option value="">全部行业</option>
            ${this._industries.map((i) => html`<option value=${i.code} ?selected=${i.code === p.get('industry')}>${i.name}</option>`)}
          </select>
        </label>
        <label>诊断进度
          <select @change=${(e: Event) => this._go({ status: (e.target as HTMLSelectElement).value })}>
            <option value="">全部</option>
            ${Object.entries(DIAGNOSIS_STAGE_LABELS).map(([v, l]) => html`<option value=${v} ?selected=${v === p.get('status')}>${l}</option>`)}
          </select>
        </label>
        ${p.get('riskLevel') || p.get('maturityLevel') || p.get('keyCandidate')
          ? html`<button type="button" class="secondary" @click=${() => this._go({ riskLevel: undefined, maturityLevel: undefined, keyCandidate: undefined })}>
              清除等级与候选筛选
            </button>`
          : nothing}
        <a class="export" href=${exportUrl('enterprises', exportParams)} download>导出 XLSX（全部 ${pg?.total ?? ''} 家）</a>
      </form>
      <dsd-report-batch district=${p.get('district') ?? ''} industry=${p.get('industry') ?? ''} .ownDistrict=${this.user.role === 'district'}></dsd-report-batch>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${pg
        ? html`<p class="muted" role="status">共 ${pg.total} 家企业${pg.total > pg.items.length ? `，第 ${pg.page} / ${pages} 页` : ''}</p>
            ${pg.items.length
              ? html`<div class="table-wrap" tabindex="0">
                  <table class="figures" id="drill">
                    <thead>
                      <tr><th scope="col">企业名称</th><th scope="col" class="text">统一社会信用代码</th><th scope="col" class="text">区县</th>
                        <th scope="col" class="text">行业</th><th scope="col" class="text">诊断进度</th><th scope="col" class="text">风险等级</th><th scope="col" class="text">成熟度</th></tr>
                    </thead>
                    <tbody>
                      ${pg.items.map(
                        (r) => html`<tr>
                          <td class="wrap"><a href="/enterprises/${r.id}">${r.name}</a></td>
                          <td class="text">${r.creditCode}</td><td class="text">${r.districtName}</td><td class="text">${r.industryName}</td>
                          <td class="text">${DIAGNOSIS_STAGE_LABELS[r.status]}</td>
                          <td class="text">${r.riskLevel ? `${RISK_LEVEL_LABELS[r.riskLevel as keyof typeof RISK_LEVEL_LABELS] ?? r.riskLevel}风险` : '—'}</td>
                          <td class="text">${r.maturityLevel !== null ? MATURITY_LEVEL_LABELS[r.maturityLevel as 0] ?? r.maturityLevel : '—'}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                ${pages > 1
                  ? html`<nav class="pager" aria-label="翻页">
                      <button class="secondary" ?disabled=${pg.page <= 1} @click=${() => this._go({ page: String(pg.page - 1) })}>上一页</button>
                      <span>第 ${pg.page} / ${pages} 页</span>
                      <button class="secondary" ?disabled=${pg.page >= pages} @click=${() => this._go({ page: String(pg.page + 1) })}>下一页</button>
                    </nav>`
                  : nothing}`
              : html`<p>没有符合条件的企业。</p>`}`
        : this._error
          ? nothing
          : html`<p role="status">正在加载…</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-drill-page': DsdDrillPage;
  }
}
