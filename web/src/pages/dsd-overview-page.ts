/**
 * Start page of the bureau, district officers and administrators: diagnosis coverage per district in the user's
 * scope (the server counts within the scope). The full dashboard builds on this page.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import type { District, SessionUser } from '../data/contract.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-overview-page')
export class DsdOverviewPage extends LitElement {
  static override styles = [
    shared,
    css`
      table { border-collapse: collapse; background: var(--dsd-surface); width: 100%; max-width: 48rem; }
      th, td { padding: 0.5rem 0.7rem; border-bottom: 1px solid var(--dsd-border); text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      thead th { background: #e9eef4; }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _rows: District[] | null = null;
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    api.districts().then(
      (rows) => (this._rows = rows.filter((r) => r.counts.enterprises > 0)),
      (err) => (this._error = err instanceof ApiError ? err.message : String(err)),
    );
  }

  override render() {
    return html`<h1>诊断概况</h1>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : ''}
      ${this._rows
        ? html`<table>
            <caption class="visually-hidden">各区县诊断情况</caption>
            <thead><tr><th scope="col">区县</th><th scope="col">企业数</th><th scope="col">已完成</th><th scope="col">待诊断</th><th scope="col">拒绝</th><th scope="col">覆盖率</th></tr></thead>
            <tbody>
              ${this._rows.map(
                (r) => html`<tr><th scope="row">${r.name}</th><td>${r.counts.enterprises}</td><td>${r.counts.done}</td><td>${r.counts.pending}</td>
                  <td>${r.counts.refused}</td><td>${((r.counts.done / Math.max(r.counts.enterprises, 1)) * 100).toFixed(1)}%</td></tr>`,
              )}
            </tbody>
          </table>`
        : this._error
          ? ''
          : html`<p role="status">正在加载…</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-overview-page': DsdOverviewPage;
  }
}
