/**
 * Picks enterprises by searching the registry (name or credit code, within the user's scope): one, or several
 * shown as removable chips. `value` holds the chosen ids; a `change` event tells the form.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import type { Enterprise } from '../data/contract.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-enterprise-picker')
export class DsdEnterprisePicker extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; gap: 0.3rem; }
      .chips { display: flex; flex-wrap: wrap; gap: 0.3rem; }
      .chip { display: inline-flex; align-items: center; gap: 0.2rem; background: #e8f0fa; border-radius: 999px; padding: 0.1rem 0.2rem 0.1rem 0.6rem; font-size: 0.9rem; }
      .chip button { min-height: 0; padding: 0 0.4rem; }
      ul { list-style: none; margin: 0; padding: 0; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); max-height: 12rem; overflow-y: auto; background: #fff; }
      li button { width: 100%; text-align: left; background: none; color: inherit; border: none; border-bottom: 1px solid var(--dsd-border); border-radius: 0; white-space: normal; }
      li button:hover { background: #e8f0fa; }
    `,
  ];

  /** The field's label. */
  @property() label = '企业';
  /** Several enterprises (chips) instead of one. */
  @property({ type: Boolean }) multiple = false;
  /** Chosen enterprises (ids and names). */
  @property({ attribute: false }) chosen: { id: number; name: string }[] = [];
  @state() private _matches: Enterprise[] = [];
  @state() private _searched = false;

  get value(): number[] {
    return this.chosen.map((c) => c.id);
  }

  private async _search(q: string): Promise<void> {
    if (q.trim().length < 2) return;
    try {
      this._matches = (await api.enterprises({ q: q.trim(), pageSize: 20 })).items;
    } catch {
      this._matches = [];
    }
    this._searched = true;
  }

  private _choose(e: Enterprise): void {
    const one = { id: e.id, name: e.name };
    this.chosen = this.multiple ? [...this.chosen.filter((c) => c.id !== e.id), one] : [one];
    this._matches = [];
    this._searched = false;
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private _remove(id: number): void {
    this.chosen = this.chosen.filter((c) => c.id !== id);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <label for="q">${this.label}（输入名称或信用代码后回车查找）</label>
      <div class="row">
        <input id="q" type="search" style="flex:1" @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void this._search((e.target as HTMLInputElement).value);
          }
        }} />
        <button type="button" class="secondary" @click=${() => this._search(this.renderRoot.querySelector('input')?.value ?? '')}>查找</button>
      </div>
      ${this._matches.length
        ? html`<ul aria-label="查找结果">
            ${this._matches.map((m) => html`<li><button type="button" class="link" @click=${() => this._choose(m)}>${m.name}（${m.districtName}）</button></li>`)}
          </ul>`
        : this._searched
          ? html`<span class="muted">没有找到。</span>`
          : nothing}
      ${this.chosen.length
        ? html`<div class="chips">
            ${this.chosen.map(
              (c) => html`<span class="chip">${c.name}<button type="button" class="link" aria-label="移除 ${c.name}" @click=${() => this._remove(c.id)}>×</button></span>`,
            )}
          </div>`
        : html`<span class="muted">${this.multiple ? '尚未选择企业' : '尚未选择'}</span>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-enterprise-picker': DsdEnterprisePicker;
  }
}
