/**
 * Roster import: choose an XLSX or CSV list, see the dry run as a table (added, updated old → new, unchanged,
 * duplicate, rejected with the reason), then confirm the same file; upload progress for large files; the history of
 * imports with each one's row report. The server decides the scope (a district officer imports into their district).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import { consoleApi } from '../data/console-api.js';
import {
  ROSTER_ROW_STATUS_LABELS,
  type RosterImportDetail,
  type RosterImportResult,
  type RosterImportSummary,
  type District,
  type RosterRowStatus,
  type SessionUser,
} from '../data/contract.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';

type Outcome = RosterImportResult['rows'][number];
const STATUSES = Object.keys(ROSTER_ROW_STATUS_LABELS) as RosterRowStatus[];
/** Rows shown at once; the rest are a filter away (a roster may hold 20,000 rows). */
const SHOWN = 500;

@customElement('dsd-roster-page')
export class DsdRosterPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _file: File | null = null;
  @state() private _progress: number | null = null;
  @state() private _result?: RosterImportResult | RosterImportDetail;
  @state() private _resultTitle = '';
  @state() private _filter: RosterRowStatus | '' = '';
  @state() private _history: RosterImportSummary[] = [];
  @state() private _error = '';
  @state() private _done = '';
  @state() private _districts: District[] = [];
  /** Where rows without a 所属区域 go (bureau and administrators; a district officer's go to its district). */
  @state() private _defaultDistrict = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.user.role !== 'district') api.districts().then((d) => (this._districts = d), () => undefined);
    void this._loadHistory();
  }

  private async _loadHistory(): Promise<void> {
    try {
      this._history = await consoleApi.rosterImports();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private _pick(e: Event): void {
    this._file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this._result = undefined;
    this._done = '';
    this._error = '';
  }

  private async _send(dryRun: boolean): Promise<void> {
    if (!this._file) return;
    this._error = '';
    this._done = '';
    this._progress = 0;
    try {
      const r = await consoleApi.importRoster(this._file, dryRun, (share) => (this._progress = share), this._defaultDistrict || undefined);
      this._result = r;
      this._filter = '';
      if (dryRun) this._resultTitle = `预览：${r.fileName}（尚未写入）`;
      else {
        this._resultTitle = `已导入：${r.fileName}`;
        this._done = `导入完成：新增 ${r.counts.added} 家，更新 ${r.counts.updated} 家，拒绝 ${r.counts.rejected} 行。`;
        this._file = null;
        const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]');
        if (input) input.value = '';
        void this._loadHistory();
      }
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      this._progress = null;
    }
  }

  private async _open(id: number): Promise<void> {
    try {
      const d = await consoleApi.rosterImport(id);
      this._result = d;
      this._filter = '';
      this._resultTitle = `导入记录：${d.fileName}（${d.importedAt.slice(0, 16).replace('T', ' ')}）`;
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  override render() {
    const busy = this._progress !== null;
    return html`
      <h1>企业名录导入</h1>
      <section class="panel" aria-labelledby="up-h">
        <header><h2 id="up-h">上传名单</h2></header>
        <p class="muted">支持 .xlsx 与 .csv（UTF-8 或 GBK），不超过 10 MB、20000 行。先预览结果，确认无误后再导入。</p>
        <form class="inline" @submit=${(e: Event) => e.preventDefault()}>
          <div class="row">
            <label class="button secondary file-picker ${busy ? 'disabled' : ''}">选择名单文件<input class="visually-hidden" type="file" name="file" accept=".xlsx,.csv" @change=${this._pick} ?disabled=${busy} /></label>
            <span class="muted" aria-live="polite">${this._file ? this._file.name : '未选择文件'}</span>
          </div>
          ${this.user.role !== 'district'
            ? html`<label>“所属区域”为空的行登记到
                <select @change=${(e: Event) => {
                  this._defaultDistrict = (e.target as HTMLSelectElement).value;
                  this._result = undefined;
                }}>
                  <option value="">（不填：须有“所属区域”列）</option>
                  ${this._districts.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
                </select>
              </label>`
            : nothing}
          <button type="button" @click=${() => this._send(true)} ?disabled=${!this._file || busy}>预览（不写入）</button>
          <button type="button" class="secondary" id="confirm" @click=${() => this._send(false)} ?disabled=${!this._file || busy || !this._result || !('dryRun' in this._result) || !this._result.dryRun}>
            确认导入
          </button>
        </form>
        ${busy
          ? html`<p role="status"><progress max="1" .value=${this._progress ?? 0}></progress>
              ${(this._progress ?? 0) < 1 ? `正在上传 ${Math.round((this._progress ?? 0) * 100)}%` : '已上传，服务器正在逐行核对…'}</p>`
          : nothing}
        ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
        ${this._done ? html`<p class="alert info" role="status">${this._done}</p>` : nothing}
      </section>
      ${this._result ? this._report(this._result) : nothing}
      <section class="panel" aria-labelledby="hist-h">
        <header><h2 id="hist-h">导入记录</h2></header>
        ${this._history.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="history">
                <thead>
                  <tr><th scope="col">时间</th><th scope="col" class="text">文件</th><th scope="col" class="text">导入人</th>
                    ${STATUSES.map((s) => html`<th scope="col">${ROSTER_ROW_STATUS_LABELS[s]}</th>`)}<th scope="col" class="text">明细</th></tr>
                </thead>
                <tbody>
                  ${this._history.map(
                    (h) => html`<tr>
                      <td>${h.importedAt.slice(0, 16).replace('T', ' ')}</td><td class="text wrap">${h.fileName}</td>
                      <td class="text">${h.importedBy?.displayName ?? '—'}</td>
                      ${STATUSES.map((s) => html`<td>${h.counts[s]}</td>`)}
                      <td class="text"><button class="link" @click=${() => this._open(h.id)}>查看</button></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">还没有导入记录。</p>`}
      </section>
    `;
  }

  private _report(r: RosterImportResult | RosterImportDetail) {
    const rows = this._filter ? r.rows.filter((x) => x.status === this._filter) : r.rows;
    return html`<section class="panel" aria-labelledby="res-h">
      <header><h2 id="res-h">${this._resultTitle}</h2></header>
      <div class="figures-row" id="counts">
        ${STATUSES.map(
          (s) => html`<button class="figure ${this._filter === s ? '' : 'secondary'}" style="display:block;text-align:left;color:inherit;background:var(--dsd-surface)"
            aria-pressed=${this._filter === s} @click=${() => (this._filter = this._filter === s ? '' : s)}>
            <span class="value">${r.counts[s]}</span><span class="what">${ROSTER_ROW_STATUS_LABELS[s]}</span>
          </button>`,
        )}
      </div>
      ${r.skippedSheets.length ? html`<p class="muted">未读取的工作表：${r.skippedSheets.join('、')}</p>` : nothing}
      <div class="table-wrap" tabindex="0">
        <table class="figures" id="rows">
          <thead>
            <tr><th scope="col">位置</th><th scope="col" class="text">结果</th><th scope="col" class="text">信用代码</th><th scope="col" class="text">企业名称</th><th scope="col" class="text">说明</th></tr>
          </thead>
          <tbody>${rows.slice(0, SHOWN).map((x) => this._row(x))}</tbody>
        </table>
      </div>
      ${rows.length > SHOWN ? html`<p class="muted">仅显示前 ${SHOWN} 行（共 ${rows.length} 行）；点击上方的数字按结果筛选。</p>` : nothing}
    </section>`;
  }

  private _row(x: Outcome) {
    return html`<tr class=${x.status}>
      <td>${x.sheet ? `${x.sheet} ` : ''}${x.row}</td>
      <td class="text ${x.status === 'rejected' ? 'error' : ''}">${ROSTER_ROW_STATUS_LABELS[x.status]}</td>
      <td class="text">${x.creditCode ?? ''}</td>
      <td class="text wrap">${x.name ?? ''}</td>
      <td class="text wrap">
        ${x.reason ?? ''}${x.duplicateOf ? `与${x.duplicateOf}重复` : ''}
        ${x.changes?.length
          ? html`<ul style="margin:0;padding-left:1.1rem">${x.changes.map((c) => html`<li>${c.field}：${c.old ?? '（空）'} → ${c.new ?? '（空）'}</li>`)}</ul>`
          : nothing}
        ${x.notes?.length ? html`<div class="muted">${x.notes.join('；')}</div>` : nothing}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-roster-page': DsdRosterPage;
  }
}
