/**
 * A 409 laid out item by item: the server's value with who changed it and when, and the value from this device,
 * side by side; the person picks one per item and confirms. Fires `dsd-resolve` with {choices: itemId → mine|server}.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import type { AnswerConflict, HistoryEntry, Questionnaire } from '../data/contract.js';
import { displayValue } from '../data/display.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-conflict-view')
export class DsdConflictView extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .item { border: 1px solid var(--dsd-danger); border-radius: var(--dsd-radius); padding: 0.8rem; margin: 0.6rem 0; background: #fff; }
      .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6rem; }
      .side { border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.6rem; display: grid; gap: 0.3rem; }
      .side:has(input:checked) { border-color: var(--dsd-primary); background: #e8f0fa; }
      .value { font-weight: 600; overflow-wrap: anywhere; }
      @media (max-width: 600px) { .sides { grid-template-columns: 1fr; } }
    `,
  ];

  @property({ attribute: false }) conflicts: AnswerConflict[] = [];
  @property({ attribute: false }) questionnaire!: Questionnaire;
  @property({ type: Number }) assessmentId = 0;
  @state() private _choices: Record<string, 'mine' | 'server'> = {};
  @state() private _who = new Map<string, HistoryEntry>();

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('conflicts')) {
      this._choices = {};
      void this._loadWho();
    }
  }

  private async _loadWho(): Promise<void> {
    const who = new Map<string, HistoryEntry>();
    for (const c of this.conflicts) {
      try {
        const h = await api.history(this.assessmentId, c.itemId);
        if (h.length) who.set(c.itemId, h[h.length - 1]);
      } catch {
        // Offline: the names come once the server is reachable.
      }
    }
    this._who = who;
  }

  override render() {
    const all = this.conflicts.every((c) => this._choices[c.itemId]);
    return html`<section class="alert error" aria-labelledby="conflict-title">
      <h2 id="conflict-title">有 ${this.conflicts.length} 道题目与服务器上的答案冲突</h2>
      <p>这些题目在您上次同步后被他人或其他设备修改了。请逐题选择保留哪一个答案；未选择前，本诊断的其他修改暂停发送，不会丢失。</p>
      ${this.conflicts.map((c) => this._item(c))}
      <button ?disabled=${!all} @click=${() => this.dispatchEvent(new CustomEvent('dsd-resolve', { detail: { choices: this._choices }, bubbles: true, composed: true }))}>
        确认选择并继续同步
      </button>
    </section>`;
  }

  private _item(c: AnswerConflict) {
    const def = this.questionnaire.itemById.get(c.itemId)?.def;
    const who = this._who.get(c.itemId);
    const pick = (v: 'mine' | 'server') => (this._choices = { ...this._choices, [c.itemId]: v });
    return html`<fieldset class="item">
      <legend><strong>${def?.label ?? c.itemId}</strong></legend>
      <div class="sides">
        <label class="side">
          <span><input type="radio" name="c-${c.itemId}" .checked=${this._choices[c.itemId] === 'server'} @change=${() => pick('server')} /> 采用服务器上的答案</span>
          <span class="value">${displayValue(def, c.serverValue, this.questionnaire)}</span>
          <span class="muted">${who ? `${who.userName} · ${new Date(who.changedAt).toLocaleString('zh-CN', { hour12: false })}` : nothing}</span>
        </label>
        <label class="side">
          <span><input type="radio" name="c-${c.itemId}" .checked=${this._choices[c.itemId] === 'mine'} @change=${() => pick('mine')} /> 保留我的答案</span>
          <span class="value">${displayValue(def, c.yourValue, this.questionnaire)}</span>
          <span class="muted">本设备</span>
        </label>
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-conflict-view': DsdConflictView;
  }
}
