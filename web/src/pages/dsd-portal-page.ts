/**
 * The enterprise user's home: the enterprise's profile (contacts editable, the rest read-only with who to ask), its
 * assessments (self and field) with status and the self-assessment start/continue, its open rectifications with
 * due dates, and its issued reports. Everything comes from the server in the user's own scope.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS,
  PRIORITY_LABELS,
  RECTIFICATION_STATUS_LABELS,
  SIZE_LABELS,
  type Assessment,
  type Enterprise,
  type RectificationWorkItem,
  type Report,
  type SessionUser,
} from '../data/contract.js';
import { navigate } from '../router.js';
import { shared } from '../styles/shared.js';
import { formatDate } from './dsd-work-page.js';

@customElement('dsd-portal-page')
export class DsdPortalPage extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
      .stack { display: grid; gap: 1rem; }
      section.card h2 { font-size: 1.1rem; }
      dl { display: grid; grid-template-columns: 7rem minmax(0, 1fr); gap: 0.3rem 0.8rem; margin: 0 0 0.6rem; }
      dt { color: var(--dsd-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      form { display: grid; gap: 0.5rem; }
      form label { display: grid; gap: 0.2rem; }
      ul.list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      ul.list li { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: center; justify-content: space-between; border-top: 1px solid var(--dsd-border); padding-top: 0.5rem; }
      ul.list li:first-child { border-top: none; padding-top: 0; }
      ul.list .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; }
      .overdue { color: var(--dsd-danger); font-weight: 600; }
      .code { font-family: ui-monospace, monospace; letter-spacing: 0.05em; }
      @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _enterprise: Enterprise | null = null;
  @state() private _assessments: Assessment[] | null = null;
  @state() private _open: RectificationWorkItem[] | null = null;
  @state() private _openTotal = 0;
  @state() private _reports: Report[] | null = null;
  @state() private _error = '';
  @state() private _contactMessage = '';
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    const id = this.user.enterpriseId;
    if (!id) {
      this._error = '此账号未关联企业，请联系管理员。';
      return;
    }
    const fail = (err: unknown) => (this._error = err instanceof ApiError ? err.message : String(err));
    api.enterprise(id).then((e) => (this._enterprise = e), fail);
    api.assessments({ pageSize: 100 }).then((r) => (this._assessments = r.items), fail);
    api.rectifications({ pageSize: 200 }).then((r) => {
      const open = r.items.filter((x) => x.status !== 'accepted');
      this._openTotal = open.length;
      this._open = open.slice(0, 8);
    }, fail);
    api.reports(id).then((r) => (this._reports = r), fail);
  }

  private async _saveContacts(e: Event): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(form.get(k) ?? '').trim() || null;
    this._contactMessage = '';
    try {
      this._enterprise = await api.changeContacts(this._enterprise!.id, {
        contactName: text('contactName'),
        contactPhone: text('contactPhone'),
        contactEmail: text('contactEmail'),
      });
      this._contactMessage = '联系人信息已保存。';
    } catch (err) {
      this._contactMessage = err instanceof ApiError ? err.message : String(err);
    }
  }

  private async _startSelf(): Promise<void> {
    this._busy = true;
    try {
      const a = await api.createAssessment(this.user.enterpriseId!, 'self');
      navigate(`/assessments/${a.id}`);
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<h1>本企业诊断</h1>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      <div class="grid">
        <div class="stack">${this._assessmentList()} ${this._rectifications()}</div>
        <div class="stack">${this._profile()} ${this._reportList()}</div>
      </div>`;
  }

  private _profile() {
    const e = this._enterprise;
    return html`<section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">企业信息</h2>
      ${!e
        ? html`<p role="status">正在加载…</p>`
        : html`<dl>
              <dt>企业名称</dt><dd>${e.name}</dd>
              <dt>信用代码</dt><dd class="code">${e.creditCode}</dd>
              <dt>所在区县</dt><dd>${e.districtName}</dd>
              <dt>所属行业</dt><dd>${e.industryName}</dd>
              <dt>企业规模</dt><dd>${e.size ? SIZE_LABELS[e.size] : '未填写'}</dd>
              <dt>地址</dt><dd>${e.address ?? '未填写'}</dd>
            </dl>
            <p class="muted">以上信息由主管部门登记，如需更正请联系${e.districtName}工业和信息化主管部门。</p>
            <form @submit=${this._saveContacts} aria-label="联系人信息">
              <h3>联系人（可由本企业修改）</h3>
              <label>联系人<input name="contactName" .value=${e.contactName ?? ''} maxlength="50" autocomplete="name" /></label>
              <label>联系电话<input name="contactPhone" .value=${e.contactPhone ?? ''} maxlength="50" autocomplete="tel" /></label>
              <label>电子邮箱<input name="contactEmail" type="email" .value=${e.contactEmail ?? ''} autocomplete="email" /></label>
              <div class="row"><button type="submit">保存联系人</button>
                ${this._contactMessage ? html`<span role="status">${this._contactMessage}</span>` : nothing}</div>
            </form>`}
    </section>`;
  }

  private _assessmentList() {
    const items = this._assessments;
    const selfDraft = items?.find((a) => a.kind === 'self' && a.status === 'draft');
    return html`<section class="card" aria-labelledby="assessments-title">
      <h2 id="assessments-title">诊断与自评估</h2>
      <p>
        ${selfDraft
          ? html`<a class="button" href="/assessments/${selfDraft.id}">继续自评估</a>`
          : html`<button @click=${this._startSelf} ?disabled=${this._busy || !items}>开始自评估</button>`}
        <span class="muted">自评估结果仅供企业自查，未经诊断人员复核。</span>
      </p>
      ${items === null ? html`<p role="status">正在加载…</p>` : items.length === 0 ? html`<p>暂无诊断记录。</p>` : nothing}
      <ul class="list">
        ${(items ?? []).map(
          (a) => html`<li>
            <span><strong>${ASSESSMENT_KIND_LABELS[a.kind]}</strong> · ${ASSESSMENT_STATUS_LABELS[a.status]}
              <span class="muted">· 更新于 ${formatDate(a.updatedAt)}</span></span>
            ${a.status === 'draft'
              ? html`<a class="button secondary" href="/assessments/${a.id}" aria-label="打开 ${ASSESSMENT_KIND_LABELS[a.kind]} ${formatDate(a.updatedAt)}">打开</a>`
              : html`<span class="actions">
                  <a class="button secondary" href="/assessments/${a.id}/result" aria-label="查看结果 ${ASSESSMENT_KIND_LABELS[a.kind]} ${formatDate(a.updatedAt)}">查看结果</a>
                  <a class="button secondary" href="/assessments/${a.id}" aria-label="查看答案 ${ASSESSMENT_KIND_LABELS[a.kind]} ${formatDate(a.updatedAt)}">查看答案</a>
                </span>`}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private _rectifications() {
    const open = this._open;
    return html`<section class="card" aria-labelledby="rect-title">
      <h2 id="rect-title">待完成的整改（${this._openTotal}）</h2>
      ${open === null ? html`<p role="status">正在加载…</p>` : open.length === 0 ? html`<p>暂无待完成的整改。</p>` : nothing}
      <ul class="list">
        ${(open ?? []).map(
          (r) => html`<li>
            <span><a href="/rectifications/${r.id}">${r.label ?? r.itemId}</a>
              <span class="muted">· ${r.priority ? `${PRIORITY_LABELS[r.priority]}优先级 · ` : ''}${RECTIFICATION_STATUS_LABELS[r.status]}</span></span>
            <span class=${r.overdue ? 'overdue' : 'muted'}>${r.dueDate ? `${r.overdue ? '已逾期 · ' : ''}期限 ${r.dueDate}` : '尚未开始'}</span>
          </li>`,
        )}
      </ul>
      ${this._openTotal > 0 ? html`<p><a href="/rectifications">查看全部整改</a></p>` : nothing}
    </section>`;
  }

  private _reportList() {
    const reports = this._reports;
    return html`<section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">诊断报告</h2>
      ${reports === null ? html`<p role="status">正在加载…</p>` : reports.length === 0 ? html`<p>暂无已出具的报告。</p>` : nothing}
      <ul class="list">
        ${(reports ?? []).map(
          (r) => html`<li>
            <span><strong>${r.number}</strong> <span class="muted">· ${r.kind === 'self' ? '企业自评估报告' : '现场诊断报告'} · 出具于 ${formatDate(r.issuedAt)}</span>
              ${r.supersededBy ? html`<span class="tag muted">已被新版本替代</span>` : nothing}<br />
              验证码 <span class="code">${r.verificationCode}</span></span>
            <span class="downloads">
              <a class="button secondary" href="/api/reports/${r.id}/pdf" download aria-label="下载报告 ${r.number}">下载报告</a>
              ${r.annexSha256 ? html`<a class="button secondary" href="/api/reports/${r.id}/annex" download aria-label="下载报告 ${r.number} 的附件">下载附件</a>` : nothing}
            </span>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-portal-page': DsdPortalPage;
  }
}
