/**
 * 打包下载已出具的报告: packs the issued reports of the district and/or industry the console list is filtered by into
 * one ZIP on the server, shows how far it got (polling once a second), lets the user cancel, and offers the ZIP when
 * it is done. The server decides what may be packed (a district officer only their own district).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consoleApi, reportBatchZipUrl } from '../data/console-api.js';
import type { ReportBatch } from '../data/contract.js';
import { shared } from '../styles/shared.js';

const POLL_MS = 1000;

@customElement('dsd-report-batch')
export class DsdReportBatch extends LitElement {
  static override styles = [shared];

  /** District filter (id, code or name) of the list; empty for the whole city. */
  @property() district = '';
  /** Industry code filter of the list; empty for every industry. */
  @property() industry = '';
  /** Whether the user is a district officer (their district is implied). */
  @property({ type: Boolean }) ownDistrict = false;

  @state() private _batch?: ReportBatch;
  @state() private _error = '';
  private _timer?: number;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  private async _start(): Promise<void> {
    this._error = '';
    clearTimeout(this._timer);
    try {
      this._batch = await consoleApi.startReportBatch({ district: this.district || undefined, industry: this.industry || undefined });
      this._poll();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private _poll(): void {
    if (this._batch?.status !== 'running') return;
    const id = this._batch.id;
    this._timer = window.setTimeout(async () => {
      try {
        this._batch = await consoleApi.reportBatch(id);
        this._poll();
      } catch (err) {
        this._error = (err as Error).message;
      }
    }, POLL_MS);
  }

  private async _cancel(): Promise<void> {
    if (!this._batch) return;
    clearTimeout(this._timer);
    try {
      this._batch = await consoleApi.cancelReportBatch(this._batch.id);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private _status(b: ReportBatch) {
    const mb = (b.bytes / 1024 / 1024).toFixed(1);
    switch (b.status) {
      case 'running':
        return html`<progress max=${b.total || 1} value=${b.packed}></progress> 正在打包 ${b.packed} / ${b.total} 份（${mb} MB）
          <button type="button" class="secondary" @click=${this._cancel}>取消</button>`;
      case 'done':
        if (b.total === 0) return html`该范围内没有已出具的报告。`;
        return html`已打包 ${b.packed - b.missing} 份报告（${mb} MB${b.missing ? `，${b.missing} 份文件缺失未打包` : ''}）：
          <a href=${reportBatchZipUrl(b.id)} download>下载 ${b.fileName}</a>（保留 1 小时）`;
      case 'cancelled':
        return html`已取消。`;
      case 'expired':
        return html`已过期，请重新打包。`;
      case 'failed':
        return html`<span class="error">${b.error ?? '打包失败'}</span>`;
    }
  }

  override render() {
    const canPack = this.ownDistrict || this.district || this.industry;
    const running = this._batch?.status === 'running';
    // A live region rather than role=status: the list page's own status line keeps that role.
    return html`<div class="batch" aria-live="polite">
      <button type="button" class="secondary" ?disabled=${!canPack || running} @click=${this._start}
        aria-describedby=${canPack ? nothing : 'batch-hint'}>打包下载已出具的报告（ZIP）</button>
      ${canPack ? nothing : html`<span id="batch-hint" class="muted">先选择区县或行业，再打包下载该范围的报告。</span>`}
      ${this._batch ? this._status(this._batch) : nothing}
      ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-report-batch': DsdReportBatch;
  }
}
