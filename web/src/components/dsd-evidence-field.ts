/**
 * The evidence answer: a file input (with `capture` so a tablet opens its camera), several files per item, a
 * thumbnail of each image (from the device's copy, or from the server for files sent earlier), and removal.
 * Fires `dsd-evidence-add` ({itemId, files}) and `dsd-evidence-remove` ({itemId, sha256}).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EvidenceRefValue, ItemDef } from '../data/contract.js';
import { getFile } from '../data/store.js';
import { shared } from '../styles/shared.js';

const ACCEPT: Record<string, string> = {
  image: 'image/*',
  pdf: 'application/pdf,.pdf',
  office: '.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain,.txt',
};

@customElement('dsd-evidence-field')
export class DsdEvidenceField extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      ul { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.6rem; }
      li { width: 9rem; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.35rem; background: #fafbfc; font-size: 0.82rem; }
      .thumb { width: 100%; height: 6rem; object-fit: cover; border-radius: 4px; background: #e9eef4; display: flex; align-items: center; justify-content: center; color: var(--dsd-muted); }
      .name { overflow-wrap: anywhere; margin: 0.25rem 0; }
      .picker:has(input:focus-visible) { outline: 3px solid #f0a400; outline-offset: 2px; }
      .picker.full { opacity: 0.55; cursor: not-allowed; }
    `,
  ];

  @property({ attribute: false }) def!: Extract<ItemDef, { kind: 'evidence' }>;
  @property({ attribute: false }) files: EvidenceRefValue[] = [];
  @property({ type: Number }) assessmentId = 0;
  @property({ attribute: false }) serverFiles: { id: number; sha256: string }[] = [];
  @property({ type: Boolean }) readonly = false;
  @state() private _urls = new Map<string, string>();

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('files') || changed.has('serverFiles')) void this._loadThumbs();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this._urls.values()) if (u.startsWith('blob:')) URL.revokeObjectURL(u);
  }

  /**
   * Thumbnails of the images without one yet: the device's copy, else the server's. Calls overlap (files and server
   * files arrive separately), so each adds what it found to the map as it is then, never a copy taken before waiting.
   */
  private async _loadThumbs(): Promise<void> {
    const found = new Map<string, string>();
    for (const f of this.files) {
      if (this._urls.has(f.sha256) || !f.mime.startsWith('image/')) continue;
      const local = await getFile(f.sha256).catch(() => undefined);
      if (local) found.set(f.sha256, URL.createObjectURL(local.blob));
      else {
        const s = this.serverFiles.find((x) => x.sha256 === f.sha256);
        if (s) found.set(f.sha256, `/api/evidence/${s.id}`);
      }
    }
    const fresh = [...found].filter(([sha]) => !this._urls.has(sha));
    for (const [sha, url] of found) if (this._urls.has(sha) && url.startsWith('blob:')) URL.revokeObjectURL(url);
    if (fresh.length) this._urls = new Map([...this._urls, ...fresh]);
  }

  private _fire(name: string, detail: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { itemId: this.def.id, ...detail }, bubbles: true, composed: true }));
  }

  override render() {
    const full = this.files.length >= this.def.max_files;
    return html`
      ${this.files.length
        ? html`<ul aria-label="已添加的附件">
            ${this.files.map(
              (f) => html`<li>
                ${this._urls.get(f.sha256)
                  ? html`<img class="thumb" src=${this._urls.get(f.sha256)!} alt="附件 ${f.name} 的缩略图" />`
                  : html`<div class="thumb" aria-hidden="true">${f.mime.split('/')[1]?.toUpperCase() ?? '文件'}</div>`}
                <div class="name">${f.name}<br /><span class="muted">${formatSize(f.size)}</span></div>
                ${this.readonly ? nothing : html`<button type="button" class="danger" aria-label="删除附件 ${f.name}" @click=${() => this._fire('dsd-evidence-remove', { sha256: f.sha256 })}>删除</button>`}
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.readonly
        ? nothing
        : html`<div class="row">
            <label class="button secondary picker ${full ? 'full' : ''}">
              ${full ? `已达到上限（${this.def.max_files} 个）` : '拍照或选择文件'}
              <input class="visually-hidden" type="file" multiple capture="environment" ?disabled=${full}
                aria-label="${this.def.label}：拍照或选择文件" accept=${this.def.accept.map((a) => ACCEPT[a]).join(',')} @change=${this._picked} />
            </label>
            <span class="muted">最多 ${this.def.max_files} 个，单个不超过 20 MB</span>
          </div>`}
    `;
  }

  private _picked(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])].slice(0, this.def.max_files - this.files.length);
    input.value = '';
    if (files.length) this._fire('dsd-evidence-add', { files });
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-evidence-field': DsdEvidenceField;
  }
}
