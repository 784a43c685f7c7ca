/**
 * The diagnostician's work list: assigned enterprises with their diagnosis status and field assessment, filters
 * (district, industry, status) and search by name or credit code (the server normalises codes). From here a field
 * assessment is started or continued, a submitted one opened, a returned one shown with its reason, and selected
 * assessments are kept on the device for work without network.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { openAssessment } from '../data/assessments.js';
import { ASSESSMENT_STATUS_LABELS, DIAGNOSIS_STATUS_LABELS, type Assessment, type Enterprise, type SessionUser } from '../data/contract.js';

import { SYNC_STATE_LABELS, allLocal, type LocalAssessment } from '../data/store.js';
import { SYNC_EVENT } from '../data/sync.js';
import { navigate } from '../router.js';
import { shared } from '../styles/shared.js';

interface Row {
  enterprise: Enterprise;
  assessment?: Assessment;
  returnReason?: string;
  local?: LocalAssessment;
}

@customElement('dsd-work-page')
export class DsdWorkPage extends LitElement {
  static override styles = [
    shared,
    css`
      form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 1rem; }
      form.filters label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      form.filters input[type='search'] { min-width: 16rem; }
      table { width: 100%; border-collapse: collapse; background: var(--dsd-surface); }
      th, td { text-align: left; padding: 0.55rem 0.6rem; border-bottom: 1px solid var(--dsd-border); vertical-align: top; }
      th { background: #e9eef4; font-weight: 600; }
      .code { font-family: monospace; font-size: 0.9rem; }
      .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; }
      .reason { font-size: 0.9rem; }
      @media (max-width: 820px) {
        table, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); margin-bottom: 0.7rem; background: var(--dsd-surface); }
        td { border: none; padding: 0.3rem 0.7rem; }
        td::before { content: attr(data-label) '：'; color: var(--dsd-muted); font-size: 0.85rem; }
        td.name::before { content: none; }
        td.name { font-weight: 600; padding-top: 0.6rem; }
        form.filters input[type='search'] { min-width: 0; width: 100%; }
        form.filters label.search { flex: 1 1 100%; }
      }
    `,
  ];

  /** The logged-in diagnostician. */
  @property({ attribute: false }) user!: SessionUser;
  @state() private _rows: Row[] = [];
  @state() private _total = 0;
  @state() private _districts: { id: number; name: string }[] = [];
  @state() private _industries: { code: string; name: string }[] = [];
  @state() private _error = '';
  @state() private _loading = true;
  @state() private _busy = new Set<number>();
  private _filters = { district: '', industry: '', status: '', q: '' };
  private readonly _onSync = () => void this._refreshLocal();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SYNC_EVENT, this._onSync);
    void this._loadOptions();
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SYNC_EVENT, this._onSync);
  }

  private async _loadOptions(): Promise<void> {
    try {
      [this._districts, this._industries] = await Promise.all([api.districts(), api.industries()]);
    } catch {
      // Offline: the filters stay empty; the list below says why.
    }
  }

  private async _load(): Promise<void> {
    this._loading = true;
    this._error = '';
    try {
      const [enterprises, assessments] = await Promise.all([
        api.enterprises({ ...this._filters, pageSize: 200 }),
        api.assessments({ kind: 'field', pageSize: 200 }),
      ]);
      // The most recent field assessment of each enterprise (the list comes newest first).
      const latest = new Map<number, Assessment>();
      for (const a of assessments.items) if (!latest.has(a.enterpriseId)) latest.set(a.enterpriseId, a);
      const locals = new Map((await allLocal()).map((l) => [l.id, l]));
      this._rows = enterprises.items.map((e) => {
        const a = latest.get(e.id);
        return { enterprise: e, assessment: a, local: a ? locals.get(a.id) : undefined };
      });
      this._total = enterprises.total;
      void this._loadReturnReasons();
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
      if (err instanceof ApiError && err.offline) await this._showDeviceCopies();
    } finally {
      this._loading = false;
    }
  }

  /** Offline: the assessments kept on this device are still listed and can be opened. */
  private async _showDeviceCopies(): Promise<void> {
    const locals = (await allLocal()).filter((l) => l.userId === this.user.id);
    this._error = '无法连接服务器。下面列出已保存在本机的诊断，可以继续离线填写。';
    this._rows = locals.map((l) => ({
      enterprise: {
        id: l.detail.enterpriseId,
        name: l.detail.enterpriseName,
        districtName: l.detail.districtName,
        industryName: l.detail.industryCode,
        creditCode: '',
        diagnosisStatus: 'pending',
      } as Enterprise,
      assessment: l.detail,
      local: l,
    }));
    this._total = this._rows.length;
  }

  /** A draft that was submitted before was returned: show the reason given. */
  private async _loadReturnReasons(): Promise<void> {
    for (const row of this._rows) {
      if (row.assessment?.status !== 'draft') continue;
      try {
        const detail = await api.assessment(row.assessment.id);
        const reopen = detail.events.filter((e) => e.action === 'reopen').at(-1);
        if (reopen?.reason) {
          row.returnReason = `${reopen.userName} 于 ${formatDate(reopen.at)} 退回：${reopen.reason}`;
          this.requestUpdate();
        }
      } catch {
        return;
      }
    }
  }

  private async _refreshLocal(): Promise<void> {
    const locals = new Map((await allLocal()).map((l) => [l.id, l]));
    this._rows = this._rows.map((r) => ({ ...r, local: r.assessment ? locals.get(r.assessment.id) : undefined }));
  }

  private _filter(e: Event): void {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    this._filters = {
      district: String(d.get('district') ?? ''),
      industry: String(d.get('industry') ?? ''),
      status: String(d.get('status') ?? ''),
      q: String(d.get('q') ?? '').trim(),
    };
    void this._load();
  }

  private async _start(e: Enterprise): Promise<void> {
    this._busy = new Set([...this._busy, e.id]);
    try {
      const a = await api.createAssessment(e.id, 'field');
      navigate(`/assessments/${a.id}`);
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = new Set([...this._busy].filter((x) => x !== e.id));
    }
  }

  private async _keepOffline(row: Row): Promise<void> {
    if (!row.assessment) return;
    try {
      await openAssessment(row.assessment.id, this.user, { offline: true });
      await this._refreshLocal();
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    }
  }

  override render() {
    return html`
      <h1>诊断任务</h1>
      <form class="filters" role="search" aria-label="筛选企业" @submit=${this._filter} @change=${this._filter}>
        <label class="search">企业名称或统一社会信用代码
          <input type="search" name="q" .value=${this._filters.q} placeholder="输入名称或信用代码" />
        </label>
        <label>区县
          <select name="district">
            <option value="">全部区县</option>
            ${this._districts.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
          </select>
        </label>
        <label>行业
          <select name="industry">
            <option value="">全部行业</option>
            ${this._industries.map((i) => html`<option value=${i.code}>${i.name}</option>`)}
          </select>
        </label>
        <label>诊断状态
          <select name="status">
            <option value="">全部状态</option>
            ${Object.entries(DIAGNOSIS_STATUS_LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
          </select>
        </label>
        <button type="submit">查询</button>
      </form>
      ${this._error ? html`<p class="alert ${this._rows.length ? 'warning' : 'error'}" role="alert">${this._error}</p>` : nothing}
      ${this._loading
        ? html`<p role="status">正在加载…</p>`
        : html`<p class="muted" role="status">共 ${this._total} 家企业${this._total > this._rows.length ? `，显示前 ${this._rows.length} 家` : ''}</p>
            ${this._rows.length ? this._table() : html`<p>没有符合条件的企业。</p>`}`}
    `;
  }

  private _table() {
    return html`<table>
      <caption class="visually-hidden">分配给我的企业</caption>
      <thead>
        <tr><th scope="col">企业</th><th scope="col">信用代码</th><th scope="col">区县 / 行业</th><th scope="col">诊断状态</th><th scope="col">现场诊断</th><th scope="col">操作</th></tr>
      </thead>
      <tbody>
        ${this._rows.map((r) => this._row(r))}
      </tbody>
    </table>`;
  }

  private _row(r: Row) {
    const e = r.enterprise;
    const a = r.assessment;
    return html`<tr>
      <td class="name" data-label="企业">${e.name}</td>
      <td class="code" data-label="信用代码">${e.creditCode}</td>
      <td data-label="区县 / 行业">${e.districtName} · ${e.industryName}</td>
      <td data-label="诊断状态">${DIAGNOSIS_STATUS_LABELS[e.diagnosisStatus]}</td>
      <td data-label="现场诊断">
        ${a ? html`<span class="tag">${ASSESSMENT_STATUS_LABELS[a.status]}</span>` : html`<span class="muted">未开始</span>`}
        ${r.local ? html` <span class="tag" title=${r.local.sync.reason ?? ''}>${SYNC_STATE_LABELS[r.local.sync.state]}</span>` : nothing}
        ${r.returnReason ? html`<div class="reason warning">${r.returnReason}</div>` : nothing}
      </td>
      <td data-label="操作">
        <div class="actions">
          ${!a
            ? html`<button @click=${() => this._start(e)} ?disabled=${this._busy.has(e.id) || e.refused}>开始现场诊断</button>`
            : a.status === 'draft'
              ? html`<a class="button" href="/assessments/${a.id}" aria-label="继续填写 ${e.name}">继续填写</a>
                  ${r.local?.offline
                    ? html`<span class="ok">已可离线使用</span>`
                    : html`<button class="secondary" @click=${() => this._keepOffline(r)} aria-label="保存到本机 ${e.name}">保存到本机</button>`}`
              : html`<a class="button secondary" href="/assessments/${a.id}/result" aria-label="查看结果 ${e.name}">查看结果</a>
                  <a class="button secondary" href="/assessments/${a.id}" aria-label="查看答案 ${e.name}">查看答案</a>`}
        </div>
      </td>
    </tr>`;
  }
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short', hour12: false });
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-work-page': DsdWorkPage;
  }
}
