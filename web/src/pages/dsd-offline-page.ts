/**
 * Offline and sync on this device: whether the browser promised to keep the data (navigator.storage.persist) and how
 * much room is left, every assessment kept here with its sync state and unsent changes, unsent work of other users,
 * and the last resort — export everything unsent to a file, and import such a file.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionUser } from '../data/contract.js';
import { SYNC_STATE_LABELS, allEntries, allLocal, type LocalAssessment, type OutboxEntry } from '../data/store.js';
import { SYNC_EVENT, syncAll } from '../data/sync.js';
import { exportUnsent, importUnsent } from '../data/transfer.js';
import { shared } from '../styles/shared.js';

/** Below this much free quota, work is at risk and the page says so. */
const LOW_QUOTA_BYTES = 50 * 1024 * 1024;

@customElement('dsd-offline-page')
export class DsdOfflinePage extends LitElement {
  static override styles = [
    shared,
    css`
      section { margin-bottom: 1.2rem; }
      table { border-collapse: collapse; background: var(--dsd-surface); width: 100%; }
      th, td { padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--dsd-border); text-align: left; }
      thead th { background: #e9eef4; }
      th, td:nth-child(3), td:last-child { white-space: nowrap; }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _persisted: boolean | null = null;
  @state() private _estimate: { usage: number; quota: number } | null = null;
  @state() private _locals: LocalAssessment[] = [];
  @state() private _entries: OutboxEntry[] = [];
  @state() private _message: { kind: 'info' | 'error'; text: string } | null = null;
  private readonly _onSync = () => void this._load();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SYNC_EVENT, this._onSync);
    void this._load();
    void this._storage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SYNC_EVENT, this._onSync);
  }

  private async _storage(): Promise<void> {
    if (!navigator.storage) return;
    this._persisted = (await navigator.storage.persisted?.()) ?? false;
    const e = await navigator.storage.estimate?.();
    if (e) this._estimate = { usage: e.usage ?? 0, quota: e.quota ?? 0 };
  }

  private async _persist(): Promise<void> {
    this._persisted = (await navigator.storage?.persist?.()) ?? false;
  }

  private async _load(): Promise<void> {
    this._locals = (await allLocal()).filter((l) => l.userId === this.user.id);
    this._entries = await allEntries();
  }

  private async _export(): Promise<void> {
    const { blob, count } = await exportUnsent(this.user);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `数安诊断-未同步内容-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this._message = { kind: 'info', text: `已导出 ${count} 项未同步内容。` };
    await this._load();
  }

  private async _import(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const r = await importUnsent(file, this.user);
      this._message = { kind: 'info', text: `已导入 ${r.added} 项${r.skipped ? `，${r.skipped} 项本机已有，未重复导入` : ''}。` };
    } catch (err) {
      this._message = { kind: 'error', text: err instanceof Error ? err.message : String(err) };
    }
    await this._load();
  }

  override render() {
    const mine = this._entries.filter((e) => e.userId === this.user.id);
    const others = this._entries.filter((e) => e.userId !== this.user.id);
    const free = this._estimate ? this._estimate.quota - this._estimate.usage : null;
    return html`<h1>离线与同步</h1>
      <section class="card" aria-labelledby="storage-title">
        <h2 id="storage-title">本机存储</h2>
        ${this._persisted === null
          ? html`<p class="muted">此浏览器不提供持久存储信息。</p>`
          : this._persisted
            ? html`<p class="ok" role="status">浏览器已允许持久保存：清理空间时不会自动删除本机的诊断数据。</p>`
            : html`<p class="warning" role="status">浏览器尚未允许持久保存：存储空间紧张时，未同步的内容可能被浏览器清除。请尽快联网同步，或导出到文件。</p>
                <button class="secondary" @click=${this._persist}>申请持久保存</button>`}
        ${this._estimate
          ? html`<p>已用 ${mb(this._estimate.usage)}，可用约 ${mb(free!)}。</p>
              ${free! < LOW_QUOTA_BYTES ? html`<p class="alert error" role="alert">本机剩余空间不足，请先同步或导出未同步内容，再继续拍照上传。</p>` : nothing}`
          : nothing}
      </section>
      <section aria-labelledby="local-title">
        <h2 id="local-title">保存在本机的诊断</h2>
        ${this._locals.length
          ? html`<table>
              <thead><tr><th scope="col">企业</th><th scope="col">同步状态</th><th scope="col">待发送</th><th scope="col">操作</th></tr></thead>
              <tbody>
                ${this._locals.map(
                  (l) => html`<tr>
                    <td>${l.detail.enterpriseName}</td>
                    <td>${SYNC_STATE_LABELS[l.sync.state]}${l.sync.reason && l.sync.state !== 'synced' ? html`<div class="muted">${l.sync.reason}</div>` : nothing}</td>
                    <td>${mine.filter((e) => e.assessmentId === l.id).length}</td>
                    <td><a href="/assessments/${l.id}">打开</a></td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">本机还没有保存诊断。在“诊断任务”中点击“保存到本机”，或打开一份诊断。</p>`}
        <p><button class="secondary" @click=${() => void syncAll()} ?disabled=${!mine.length}>立即同步（${mine.length} 项）</button></p>
        ${others.length
          ? html`<p class="alert info">本设备上另有 ${others.length} 项其他用户（${[...new Set(others.map((e) => e.userName))].join('、')}）的未同步内容，只会在该用户登录后发送。</p>`
          : nothing}
      </section>
      <section class="card" aria-labelledby="file-title">
        <h2 id="file-title">导出与导入（最后手段）</h2>
        <p>无法联网又必须换设备或清理浏览器时，把本机所有未同步内容（含附件）导出为文件；在另一台设备登录后导入，联网即发送。重复发送不会重复保存。</p>
        ${this._message ? html`<p class="alert ${this._message.kind}" role="status">${this._message.text}</p>` : nothing}
        <div class="row">
          <button @click=${this._export} ?disabled=${!this._entries.length}>导出未同步内容（${this._entries.length} 项）</button>
          <label class="button secondary">导入文件<input class="visually-hidden" type="file" accept=".json,application/json" @change=${this._import} /></label>
        </div>
      </section>`;
  }
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-offline-page': DsdOfflinePage;
  }
}
