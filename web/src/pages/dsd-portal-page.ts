/**
 * The enterprise user's start page: the enterprise's own assessments (the server returns no other), each opening
 * its questionnaire or result. The full portal (reports, rectifications) builds on this page.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { ASSESSMENT_KIND_LABELS, ASSESSMENT_STATUS_LABELS, type Assessment, type SessionUser } from '../data/contract.js';

import { shared } from '../styles/shared.js';
import { formatDate } from './dsd-work-page.js';

@customElement('dsd-portal-page')
export class DsdPortalPage extends LitElement {
  static override styles = [shared, css`ul { list-style: none; padding: 0; display: grid; gap: 0.6rem; } li { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }`];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _items: Assessment[] | null = null;
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    api.assessments({ pageSize: 100 }).then(
      (r) => (this._items = r.items),
      (err) => (this._error = err instanceof ApiError ? err.message : String(err)),
    );
  }

  override render() {
    return html`<h1>本企业诊断</h1>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : ''}
      ${this._items === null && !this._error ? html`<p role="status">正在加载…</p>` : ''}
      ${this._items?.length === 0 ? html`<p>暂无诊断记录。</p>` : ''}
      <ul>
        ${(this._items ?? []).map(
          (a) => html`<li class="card">
            <span><strong>${ASSESSMENT_KIND_LABELS[a.kind]}</strong> · ${ASSESSMENT_STATUS_LABELS[a.status]} · 更新于 ${formatDate(a.updatedAt)}</span>
            <a class="button secondary" href=${a.status === 'draft' ? `/assessments/${a.id}` : `/assessments/${a.id}/result`}>${a.status === 'draft' ? '打开' : '查看结果'}</a>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-portal-page': DsdPortalPage;
  }
}
