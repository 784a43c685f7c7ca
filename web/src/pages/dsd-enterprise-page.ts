/**
 * One enterprise as the console sees it: its registry details, diagnosis status and every assessment with its
 * result. The server answers 404 for an enterprise outside the user's scope, and the page then shows nothing of it.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, loadErrorText } from '../data/api.js';
import {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS,
  DIAGNOSIS_STATUS_LABELS,
  MATURITY_LEVEL_LABELS,
  RISK_LEVEL_LABELS,
  type Assessment,
  type Enterprise,
  type Report,
  type SessionUser,
} from '../data/contract.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-enterprise-page')
export class DsdEnterprisePage extends LitElement {
  static override styles = [shared, consoleStyles];

  @property({ attribute: false }) user!: SessionUser;
  @property({ type: Number }) enterpriseId = 0;
  @state() private _enterprise?: Enterprise;
  @state() private _assessments: Assessment[] = [];
  @state() private _reports: Report[] = [];
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      const [e, a, r] = await Promise.all([
        api.enterprise(this.enterpriseId),
        api.assessments({ enterprise: this.enterpriseId, pageSize: 200 }),
        api.reports(this.enterpriseId),
      ]);
      this._enterprise = e;
      this._assessments = a.items;
      this._reports = r;
    } catch (err) {
      this._error = loadErrorText(err, '该企业不存在或不在您的管辖范围内。');
    }
  }

  override render() {
    const e = this._enterprise;
    if (this._error)
      return html`<h1>企业</h1><p class="alert error" role="alert">${this._error}</p><p><a href="/dashboard">返回工作台</a></p>`;
    if (!e) return html`<p role="status">正在加载…</p>`;
    return html`
      <p><a href="/dashboard/enterprises?district=${e.districtId}">← 返回企业清单</a></p>
      <h1>${e.name}</h1>
      <section class="panel" aria-label="企业信息">
        <dl style="display:grid;grid-template-columns:max-content 1fr;gap:0.3rem 1rem;margin:0">
          <dt>统一社会信用代码</dt><dd>${e.creditCode}</dd>
          <dt>区县 / 行业</dt><dd>${e.districtName} · ${e.industryName}</dd>
          <dt>诊断状态</dt><dd>${DIAGNOSIS_STATUS_LABELS[e.diagnosisStatus]}${e.refused && e.refusedReason ? `（${e.refusedReason}）` : ''}</dd>
          <dt>联系人</dt><dd>${[e.contactName, e.contactPhone, e.contactEmail].filter(Boolean).join('，') || '—'}</dd>
          <dt>地址</dt><dd>${e.address ?? '—'}</dd>
        </dl>
      </section>
      <section class="panel" aria-labelledby="as-h">
        <header><h2 id="as-h">诊断记录</h2></header>
        ${this._assessments.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="assessments">
                <thead>
                  <tr><th scope="col">编号</th><th scope="col" class="text">类型</th><th scope="col" class="text">状态</th><th scope="col" class="text">创建</th>
                    <th scope="col" class="text">风险等级</th><th scope="col" class="text">成熟度</th><th scope="col">问题数</th><th scope="col" class="text">结果</th><th scope="col" class="text">报告</th></tr>
                </thead>
                <tbody>
                  ${this._assessments.map(
                    (a) => html`<tr>
                      <td>${a.id}</td><td class="text">${ASSESSMENT_KIND_LABELS[a.kind]}</td><td class="text">${ASSESSMENT_STATUS_LABELS[a.status]}</td>
                      <td class="text">${a.createdAt.slice(0, 10)}</td>
                      <td class="text">${a.score ? `${RISK_LEVEL_LABELS[a.score.riskLevel as keyof typeof RISK_LEVEL_LABELS] ?? a.score.riskLevel}风险` : '—'}</td>
                      <td class="text">${a.score ? MATURITY_LEVEL_LABELS[a.score.maturityLevel as 0] : '—'}</td>
                      <td>${this._findings(a)}</td>
                      <td class="text">${a.status === 'draft' ? html`<span class="muted">填写中</span>` : html`<a href="/assessments/${a.id}/result">查看结果</a>`}</td>
                      <td class="text">${this._report(a)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">该企业还没有诊断记录。</p>`}
      </section>
    `;
  }

  /** The assessment's findings, linked to their rectification work once it may start (reviewed or issued). */
  private _findings(a: Assessment) {
    const n = a.score?.findings;
    if (n === undefined) return '—';
    if (!n || (a.status !== 'reviewed' && a.status !== 'issued')) return String(n);
    return html`<a href="/rectifications?assessmentId=${a.id}" aria-label="第 ${a.id} 号诊断的 ${n} 个问题，查看整改清单">${n}</a>`;
  }

  /** The assessment's current report (a re-issued one replaces the earlier), as a download of the stored PDF. */
  private _report(a: Assessment) {
    const r = this._reports.find((x) => x.assessmentId === a.id && x.supersededBy === null);
    if (r) return html`<a href="/api/reports/${r.id}/pdf" download aria-label="下载报告 ${r.number}">报告 ${r.number}</a>`;
    return html`<span class="muted">${a.status === 'issued' ? '报告尚未签发' : '—'}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-enterprise-page': DsdEnterprisePage;
  }
}
