/**
 * The diagnosis report (诊断报告) of one assessment: its issued reports with number, verification code and the
 * downloads of the report and its annex (附件); for the roles that review, the draft previews (watermarked 草稿) of
 * both once the assessment is submitted; and — for the roles the workflow lets issue (district officer, bureau,
 * admin) — the button that issues it once the
 * assessment is reviewed, or issues it again (new number, the old report marked superseded) once it is issued.
 * Fires `report-issued` after a successful issue so the page can reload the assessment's status.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { roleMay, type AssessmentKind, type AssessmentStatus, type Report, type Role } from '../data/contract.js';
import { shared } from '../styles/shared.js';

const dateOf = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

@customElement('dsd-report-actions')
export class DsdReportActions extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin: 1rem 0; }
      ul { list-style: none; padding: 0; margin: 0.5rem 0; }
      li { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; padding: 0.4rem 0; border-top: 1px solid var(--dsd-border); }
      li.old { color: var(--dsd-muted); }
      .code { font-family: ui-monospace, monospace; letter-spacing: 0.05em; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    `,
  ];

  /** The assessment whose reports are shown. */
  @property({ type: Number }) assessmentId = 0;
  @property() status: AssessmentStatus = 'draft';
  @property() kind: AssessmentKind = 'field';
  /** The signed-in user's role: decides whether the issue button is offered. */
  @property() userRole: Role = 'enterprise';

  @state() private _reports: Report[] | null = null;
  @state() private _busy = false;
  @state() private _error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('assessmentId') || changed.has('status')) && this.assessmentId && this.status === 'issued') void this._load();
  }

  private async _load() {
    try {
      this._reports = await api.assessmentReports(this.assessmentId);
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    }
  }

  private get _mayIssue(): boolean {
    return roleMay(this.userRole, this.kind, 'issue') && (this.status === 'reviewed' || this.status === 'issued');
  }

  /** The server renders draft previews for the roles that review, from submission on. */
  private get _mayPreview(): boolean {
    return roleMay(this.userRole, this.kind, 'review') && this.status !== 'draft';
  }

  private async _issue() {
    const again = (this._reports ?? []).length > 0;
    if (again && !confirm('重新出具将生成新的报告编号，原报告标记为“已替代”。确定重新出具吗？')) return;
    this._busy = true;
    this._error = '';
    try {
      await api.issueReport(this.assessmentId);
      this.status = 'issued';
      await this._load();
      this.dispatchEvent(new CustomEvent('report-issued', { bubbles: true, composed: true, detail: { assessmentId: this.assessmentId } }));
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    if (!this._mayIssue && !this._mayPreview && this.status !== 'issued') return nothing;
    const reports = this._reports ?? [];
    return html`<section class="card" aria-labelledby="report-title">
      <h3 id="report-title">诊断报告${this.kind === 'self' ? '（企业自评估）' : ''}</h3>
      ${this.status === 'reviewed' && this._mayIssue ? html`<p>诊断已审核，可以出具诊断报告（生成 PDF，带报告编号和验证码）。</p>` : nothing}
      ${reports.length
        ? html`<ul>
            ${reports.map(
              (r) => html`<li class=${r.supersededBy ? 'old' : ''}>
                <span>报告编号 <strong>${r.number}</strong>${r.supersededBy ? '（已替代）' : ''}</span>
                <span>验证码 <span class="code">${r.verificationCode}</span></span>
                <span>出具日期 ${dateOf(r.issuedAt)}</span>
                <a class="button secondary" href="/api/reports/${r.id}/pdf" download>下载报告 PDF</a>
                ${r.annexSha256 ? html`<a class="button secondary" href="/api/reports/${r.id}/annex" download>下载附件 PDF</a>` : nothing}
              </li>`,
            )}
          </ul>`
        : this.status === 'issued' && this._reports
          ? html`<p role="status">诊断已出具，报告 PDF 尚未生成（服务器会在后台生成，请稍后刷新${this._mayIssue ? '，或现在生成' : ''}）。</p>`
          : nothing}
      ${this._mayPreview
        ? html`<p class="actions preview">
            <a class="button secondary" href="/api/assessments/${this.assessmentId}/report/preview" download>预览报告草稿</a>
            <a class="button secondary" href="/api/assessments/${this.assessmentId}/report/preview?part=annex" download>预览附件草稿</a>
            <span class="muted">草稿带“草稿”水印，无编号和验证码，不保存。</span>
          </p>`
        : nothing}
      ${this._mayIssue
        ? html`<div class="actions">
            <button ?disabled=${this._busy} @click=${this._issue}>${reports.length > 0 ? '重新出具报告' : this.status === 'issued' ? '生成诊断报告' : '出具诊断报告'}</button>
            ${this._busy ? html`<span role="status">正在生成报告，约需十几秒…</span>` : nothing}
          </div>`
        : nothing}
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-report-actions': DsdReportActions;
  }
}
