/**
 * District contacts: per work area the bureau's and the provider's contact people, listed, added and removed.
 * The server lets administrators only.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import { consoleApi } from '../data/console-api.js';
import { CONTACT_SIDE_LABELS, type ContactSide, type District, type DistrictContact } from '../data/contract.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-contacts-page')
export class DsdContactsPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @state() private _districts: District[] = [];
  @state() private _districtId = 0;
  @state() private _contacts: DistrictContact[] = [];
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    api.districts().then(
      (d) => {
        this._districts = d;
        if (d[0]) void this._pick(d[0].id);
      },
      (err: Error) => (this._error = err.message),
    );
  }

  private async _pick(id: number): Promise<void> {
    this._districtId = id;
    this._error = '';
    try {
      this._contacts = await consoleApi.contacts(id);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _add(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    try {
      await consoleApi.addContact(this._districtId, {
        side: d.get('side') as ContactSide,
        name: String(d.get('name') ?? ''),
        phone: String(d.get('phone') ?? '') || null,
      });
      form.reset();
      await this._pick(this._districtId);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _delete(c: DistrictContact): Promise<void> {
    if (!confirm(`删除联系人 ${c.name}？`)) return;
    try {
      await consoleApi.deleteContact(this._districtId, c.id);
      await this._pick(this._districtId);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  override render() {
    const name = this._districts.find((d) => d.id === this._districtId)?.name ?? '';
    return html`
      <h1>区域联系人</h1>
      <form class="inline" @submit=${(e: Event) => e.preventDefault()}>
        <label>区域
          <select @change=${(e: Event) => this._pick(Number((e.target as HTMLSelectElement).value))}>
            ${this._districts.map((d) => html`<option value=${d.id} ?selected=${d.id === this._districtId}>${d.name}</option>`)}
          </select>
        </label>
      </form>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      <section class="panel" aria-labelledby="c-h">
        <header><h2 id="c-h">${name}的联系人</h2></header>
        ${this._contacts.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="contacts">
                <thead><tr><th scope="col">一方</th><th scope="col" class="text">姓名</th><th scope="col" class="text">电话</th><th scope="col" class="text">操作</th></tr></thead>
                <tbody>
                  ${this._contacts.map(
                    (c) => html`<tr><td>${CONTACT_SIDE_LABELS[c.side]}</td><td class="text">${c.name}</td><td class="text">${c.phone ?? '—'}</td>
                      <td class="text"><button class="danger" @click=${() => this._delete(c)} aria-label="删除 ${c.name}">删除</button></td></tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">尚未登记联系人。</p>`}
        <h3>添加联系人</h3>
        <form class="grid" @submit=${this._add}>
          <label>一方
            <select name="side">${Object.entries(CONTACT_SIDE_LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
          </label>
          <label>姓名 <input name="name" required maxlength="50" /></label>
          <label>电话 <input name="phone" maxlength="50" inputmode="tel" /></label>
          <div><button type="submit">添加</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-contacts-page': DsdContactsPage;
  }
}
