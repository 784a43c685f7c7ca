/**
 * One finding's rectification: what was found and the standard behind it, the due date (overdue marked), the
 * reason of a return, the evidence files and the history. The enterprise starts the work, adds photos or documents
 * and hands it in with a note; a confirmer accepts it or sends it back with a reason and may set the due date.
 * What each side may do comes from the server's own workflow table; a rectification outside the user's scope is
 * answered 404 by the server and shown as "no access".
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import {
  RECTIFICATION_OUTBOX_EVENT,
  discard,
  enqueue,
  pendingFor,
  retry,
  sendPending,
  startRectificationSync,
  type RectificationEntry,
} from '../data/rectification-outbox.js';
import {
  ASSESSMENT_KIND_LABELS,
  PRIORITY_LABELS,
  RECTIFICATION_STATUS_LABELS,
  RECTIFICATION_WORKFLOW,
  rectificationSide,
  type Rectification,
  type RectificationStatus,
  type SessionUser,
} from '../data/contract.js';
import { shared } from '../styles/shared.js';
import { formatDate } from './dsd-work-page.js';

const ACTION_LABELS: Partial<Record<RectificationStatus, string>> = { in_progress: '开始整改', rectified: '提交整改完成', accepted: '验收通过' };

@customElement('dsd-rectification-page')
export class DsdRectificationPage extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .meta { color: var(--dsd-muted); }
      .overdue { color: var(--dsd-danger); font-weight: 600; }
      .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
      .stack { display: grid; gap: 1rem; }
      dl { display: grid; grid-template-columns: 6rem minmax(0, 1fr); gap: 0.3rem 0.8rem; margin: 0; }
      dt { color: var(--dsd-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      ul.files, ol.history { padding-left: 1.2rem; margin: 0.3rem 0; }
      ul.files li, ol.history li { margin: 0.25rem 0; }
      .actions { display: grid; gap: 0.5rem; }
      .actions label { display: grid; gap: 0.2rem; }
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @property({ type: Number }) rectificationId = 0;
  @state() private _r: Rectification | null = null;
  @state() private _denied = false;
  @state() private _error = '';
  @state() private _message = '';
  @state() private _busy = false;
  /** The enterprise's work kept on this device until the server acknowledges it. */
  @state() private _pending: RectificationEntry[] = [];
  private readonly _onOutbox = (e: Event) => {
    if ((e as CustomEvent<{ rectificationId: number }>).detail.rectificationId === this.rectificationId) void this._refreshPending();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(RECTIFICATION_OUTBOX_EVENT, this._onOutbox);
    startRectificationSync(this.user.id);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(RECTIFICATION_OUTBOX_EVENT, this._onOutbox);
  }

  private async _refreshPending(): Promise<void> {
    this._pending = await pendingFor(this.rectificationId, this.user.id);
    // Something may have been acknowledged: show the server's state (offline, the local view stays).
    if (navigator.onLine)
      try {
        this._r = await api.rectification(this.rectificationId);
      } catch {
        // Unreachable after all.
      }
  }

  /** The status after the work kept on this device is sent. */
  private get _status(): RectificationStatus {
    const moves = this._pending.filter((e) => e.kind === 'status' && !e.error);
    return moves.at(-1)?.status ?? this._r!.status;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('rectificationId')) void this._load();
  }

  private async _load(): Promise<void> {
    this._pending = await pendingFor(this.rectificationId, this.user.id);
    void sendPending(this.user.id);
    try {
      this._r = await api.rectification(this.rectificationId);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) this._denied = true;
      else this._error = err instanceof ApiError ? err.message : String(err);
    }
  }

  private async _run(work: () => Promise<Rectification | void>, done: string): Promise<void> {
    this._busy = true;
    this._message = '';
    try {
      const r = await work();
      this._r = r ?? (await api.rectification(this.rectificationId));
      this._message = done;
    } catch (err) {
      this._message = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _note(): string {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('#note')?.value.trim() ?? '';
  }

  private _move(to: RectificationStatus): void {
    const note = this._note();
    const from = this._status;
    const rule = RECTIFICATION_WORKFLOW[from][to];
    if (rule?.noteRequired && !note) {
      this._message = to === 'rectified' ? '请填写整改情况说明。' : '退回整改时请填写原因。';
      return;
    }
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#note');
    if (rectificationSide(this.user.role) === 'enterprise') {
      // Kept on the device first, then sent: nothing typed is lost to a dropped connection.
      void enqueue({ rectificationId: this.rectificationId, userId: this.user.id, kind: 'status', status: to, ...(note ? { note } : {}) }).then(() => {
        this._message = `已改为“${RECTIFICATION_STATUS_LABELS[to]}”${navigator.onLine ? '' : '（已保存在本机，联网后发送）'}`;
        if (box) box.value = '';
      });
      return;
    }
    const label = to === 'in_progress' ? '已退回整改' : `已改为“${RECTIFICATION_STATUS_LABELS[to]}”`;
    void this._run(() => api.changeRectification(this.rectificationId, { status: to, ...(note ? { note } : {}) }), label).then(() => {
      if (box && this._r?.status !== from) box.value = '';
    });
  }

  private async _upload(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const f of files)
      await enqueue({ rectificationId: this.rectificationId, userId: this.user.id, kind: 'file', file: f, fileName: f.name });
    this._message = `已添加 ${files.map((f) => f.name).join('、')}${navigator.onLine ? '' : '（已保存在本机，联网后上传）'}`;
  }

  private _setDue(e: Event): void {
    e.preventDefault();
    const value = (this.renderRoot.querySelector<HTMLInputElement>('#due')?.value ?? '').trim();
    void this._run(() => api.setDueDate(this.rectificationId, value || null), value ? `整改期限已设为 ${value}` : '已恢复为按优先级的默认期限');
  }

  override render() {
    if (this._denied)
      return html`<section><h1>无权访问</h1><p class="alert error" role="alert">您无权查看此整改项，或该整改项不存在。</p><p><a href="/rectifications">返回整改清单</a></p></section>`;
    if (this._error) return html`<p class="alert error" role="alert">${this._error}</p>`;
    const r = this._r;
    if (!r) return html`<p role="status">正在加载…</p>`;
    const f = r.finding;
    return html`<p><a href="/rectifications">← 整改清单</a></p>
      <h1>${f?.label ?? r.itemId}</h1>
      <p class="meta">${r.enterpriseName} · ${ASSESSMENT_KIND_LABELS[r.assessmentKind]} · <a href="/assessments/${r.assessmentId}/result">查看诊断结果</a></p>
      <div class="layout">
        <div class="stack">
          <section class="card" aria-labelledby="finding-title">
            <h2 id="finding-title">发现的问题</h2>
            <dl>
              <dt>状态</dt><dd><strong>${RECTIFICATION_STATUS_LABELS[r.status]}</strong>${this._status !== r.status
                ? html` <span class="warning">（本机已改为“${RECTIFICATION_STATUS_LABELS[this._status]}”，待发送）</span>`
                : nothing}</dd>
              <dt>整改期限</dt>
              <dd class=${r.overdue ? 'overdue' : ''}>${r.dueDate ? html`${r.dueDate}${r.overdue ? '（已逾期）' : ''}${r.dueDateSet ? '' : html` <span class="meta">按优先级默认</span>`}` : '诊断审核后开始计算'}</dd>
              ${r.priority ? html`<dt>优先级</dt><dd>${PRIORITY_LABELS[r.priority]}</dd>` : nothing}
              ${f ? html`<dt>问题</dt><dd>${f.problem}</dd><dt>整改建议</dt><dd>${f.recommendation}</dd>` : nothing}
              ${f?.refs.length ? html`<dt>依据</dt><dd>${f.refs.map((x) => `${x.standard}${x.clause ? ` ${x.clause}` : ''}`).join('；')}</dd>` : nothing}
              ${r.note ? html`<dt>最近说明</dt><dd>${r.note}</dd>` : nothing}
            </dl>
            ${r.returnReason ? html`<p class="alert warning" role="status">退回原因：${r.returnReason}</p>` : nothing}
          </section>
          <section class="card" aria-labelledby="files-title">
            <h2 id="files-title">整改佐证材料（${r.evidence.length}）</h2>
            ${r.evidence.length === 0 ? html`<p class="meta">尚未上传。</p>` : nothing}
            <ul class="files">
              ${r.evidence.map(
                (e) => html`<li><a href="/api/rectification-evidence/${e.id}" download=${e.fileName}>${e.fileName}</a>
                  <span class="meta">${Math.ceil(e.size / 1024)} KB · ${formatDate(e.uploadedAt)}</span>
                  ${this._mayUpload() ? html`<button class="link" @click=${() => this._run(() => api.deleteRectificationEvidence(e.id), `已删除 ${e.fileName}`)} aria-label="删除 ${e.fileName}">删除</button>` : nothing}</li>`,
              )}
            </ul>
            ${this._pendingList()}
            ${this._mayUpload()
              ? html`<label class="button secondary" for="file">添加照片或文件</label>
                  <input id="file" class="visually-hidden" type="file" multiple accept="image/*,application/pdf,.docx,.xlsx,.txt" capture="environment" @change=${this._upload} />`
              : nothing}
          </section>
        </div>
        <div class="stack">
          ${this._actions()}
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">处理记录</h2>
            ${r.history.length === 0 ? html`<p class="meta">暂无。</p>` : nothing}
            <ol class="history">
              ${r.history.map(
                (h) => html`<li>${formatDate(h.changedAt)} · ${h.userName}：${h.dueDate
                  ? `整改期限设为 ${h.dueDate}`
                  : `${RECTIFICATION_STATUS_LABELS[h.oldStatus as RectificationStatus] ?? h.oldStatus} → ${RECTIFICATION_STATUS_LABELS[h.newStatus as RectificationStatus] ?? h.newStatus}`}${h.note ? `（${h.note}）` : ''}</li>`,
              )}
            </ol>
          </section>
        </div>
      </div>`;
  }

  private _mayUpload(): boolean {
    return rectificationSide(this.user.role) === 'enterprise' && !!this._r && (this._status === 'open' || this._status === 'in_progress');
  }

  /** What waits on this device: sent in order once the server can be reached; a refused entry says why. */
  private _pendingList() {
    if (this._pending.length === 0) return nothing;
    return html`<div class="alert warning" role="status" data-pending>
      <strong>已保存在本机、尚未发送（${this._pending.length} 项）</strong>：联网后按顺序自动发送。
      <ul class="files">
        ${this._pending.map(
          (e) => html`<li>${e.kind === 'file' ? `照片或文件 ${e.fileName}` : `改为“${RECTIFICATION_STATUS_LABELS[e.status!]}”${e.note ? `（${e.note}）` : ''}`}
            ${e.error
              ? html`<span class="error">未能发送：${e.error}</span>
                  <button class="link" @click=${() => retry(e.seq!)}>重试</button>
                  <button class="link" @click=${() => discard(e.seq!)}>放弃此项</button>`
              : nothing}</li>`,
        )}
      </ul>
    </div>`;
  }

  private _actions() {
    const r = this._r!;
    const side = rectificationSide(this.user.role);
    const status = side === 'enterprise' ? this._status : r.status;
    const moves = (Object.keys(RECTIFICATION_WORKFLOW[status]) as RectificationStatus[]).filter((to) => RECTIFICATION_WORKFLOW[status][to]!.side === side);
    const dueEditable = side === 'confirmer' && r.status !== 'accepted';
    if (moves.length === 0 && !dueEditable)
      return html`<section class="card"><h2>办理</h2><p class="meta">${status === 'accepted' ? '已验收，整改闭环完成。' : side === 'enterprise' ? '已提交，等待诊断人员或主管部门验收。' : '等待企业整改。'}</p>
        ${this._message ? html`<p role="status">${this._message}</p>` : nothing}</section>`;
    return html`<section class="card actions" aria-labelledby="act-title">
      <h2 id="act-title">办理</h2>
      ${moves.length
        ? html`<label for="note">${side === 'enterprise' ? '整改情况说明' : '验收意见或退回原因'}</label>
            <textarea id="note" maxlength="2000"></textarea>
            <div class="row">
              ${moves.map(
                (to) => html`<button class=${to === 'in_progress' && side === 'confirmer' ? 'danger' : ''} ?disabled=${this._busy} @click=${() => this._move(to)}>
                  ${to === 'in_progress' && side === 'confirmer' ? '退回整改' : ACTION_LABELS[to]}</button>`,
              )}
            </div>`
        : nothing}
      ${dueEditable
        ? html`<form class="row" @submit=${this._setDue}>
            <label>整改期限 <input id="due" type="date" .value=${r.dueDate ?? ''} /></label>
            <button class="secondary" type="submit" ?disabled=${this._busy}>设定期限</button>
          </form>`
        : nothing}
      ${this._message ? html`<p role="status">${this._message}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-rectification-page': DsdRectificationPage;
  }
}
