/**
 * The sync state of one assessment on this device: 已保存在本机 / 同步中 / 已同步 / 有冲突 / 同步失败, with the
 * reason, the number of unsent changes and a retry button (fires `dsd-retry`). Announced politely to screen readers.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SYNC_STATE_LABELS, type SyncInfo } from '../data/store.js';
import { shared } from '../styles/shared.js';

const COLOURS: Record<SyncInfo['state'], string> = {
  local: '#8a5a00',
  syncing: '#0b5cad',
  synced: '#1e6b35',
  conflict: '#b3261e',
  failed: '#b3261e',
};

@customElement('dsd-sync-badge')
export class DsdSyncBadge extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-flex; align-items: center; gap: 0.4rem; flex-wrap: wrap; font-size: 0.92rem; }
      .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; display: inline-block; }
      button { min-height: 2rem; padding: 0.1rem 0.6rem; }
    `,
  ];

  @property({ attribute: false }) sync!: SyncInfo;
  /** Changes of this user not yet acknowledged by the server. */
  @property({ type: Number }) pending = 0;

  override render() {
    const s = this.sync;
    if (!s) return nothing;
    return html`<span role="status" aria-live="polite">
        <span class="dot" style="background:${COLOURS[s.state]}" aria-hidden="true"></span>
        <strong>${SYNC_STATE_LABELS[s.state]}</strong>${this.pending ? `（${this.pending} 项待发送）` : ''}
        ${s.reason && s.state !== 'synced' ? html`<span class="muted">${s.reason}</span>` : nothing}
      </span>
      ${s.state === 'failed' || (s.state === 'local' && this.pending)
        ? html`<button class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('dsd-retry', { bubbles: true, composed: true }))}>立即重试</button>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-sync-badge': DsdSyncBadge;
  }
}
