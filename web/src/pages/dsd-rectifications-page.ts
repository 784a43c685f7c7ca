/**
 * The rectification work in the user's scope (the server decides it: the enterprise its own findings, a
 * diagnostician the assigned enterprises, a district officer the district, the bureau all), filtered by status,
 * priority, area and overdue, and by district for the bureau and administrators. Confirmers select items handed in (已整改) and accept them with one note or send
 * them back with one reason; the server applies all or none. Reached from an enterprise or an assessment
 * (`?enterpriseId=` / `?assessmentId=`), the list holds only that one's findings until the user shows all.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import {
  PRIORITY_LABELS,
  RECTIFICATION_STATUS_LABELS,
  rectificationSide,
  type District,
  type RectificationPage,
  type SessionUser,
} from '../data/contract.js';
import { shared } from '../styles/shared.js';

type Filter = { status: string; priority: string; area: string; overdue: string; district: string; enterpriseId: string; assessmentId: string };
const NO_FILTER: Filter = { status: '', priority: '', area: '', overdue: '', district: '', enterpriseId: '', assessmentId: '' };

@customElement('dsd-rectifications-page')
export class DsdRectificationsPage extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 0.8rem; }
      .filters label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      .filters select { max-width: 16rem; }
      @media (max-width: 600px) { .filters { display: grid; grid-template-columns: 1fr 1fr; } .filters select { width: 100%; max-width: none; } }
      ul.items { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      li.card { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0.3rem 0.8rem; align-items: start; padding: 0.8rem; }
      li.card.selectable { grid-template-columns: auto minmax(0, 1fr) auto; }
      li.card .main a { font-weight: 600; }
      .meta { color: var(--dsd-muted); font-size: 0.9rem; }
      .due { text-align: right; white-space: nowrap; }
      .overdue { color: var(--dsd-danger); font-weight: 600; }
      .bulk { position: sticky; bottom: 0; background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.7rem; margin-top: 0.8rem; display: grid; gap: 0.5rem; box-shadow: 0 -2px 8px rgba(0,0,0,0.06); }
      .summary { margin: 0 0 0.6rem; }
      @media (max-width: 600px) {
        li.card { grid-template-columns: minmax(0, 1fr); }
        li.card.selectable { grid-template-columns: auto minmax(0, 1fr); }
        .due { text-align: left; }
        li.card.selectable .due { grid-column: 2; }
      }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _page: RectificationPage | null = null;
  @state() private _filter: Filter = NO_FILTER;
  @state() private _districts: District[] = [];
  @state() private _selected = new Set<number>();
  @state() private _error = '';
  @state() private _message = '';
  @state() private _busy = false;

  private get _confirmer(): boolean {
    return rectificationSide(this.user.role) === 'confirmer';
  }

  private get _citywide(): boolean {
    return this.user.role === 'bureau' || this.user.role === 'admin';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(location.search);
    this._filter = Object.fromEntries(Object.keys(NO_FILTER).map((k) => [k, q.get(k) ?? ''])) as Filter;
    // The whole city's list is long: the bureau narrows it by district.
    if (this._citywide) api.districts().then((d) => (this._districts = d), () => undefined);
    void this._load();
  }

  private async _load(): Promise<void> {
    this._error = '';
    try {
      const { enterpriseId, assessmentId, ...f } = this._filter;
      this._page = await api.rectifications({
        ...f,
        enterpriseId: enterpriseId ? Number(enterpriseId) : undefined,
        assessmentId: assessmentId ? Number(assessmentId) : undefined,
        pageSize: 200,
      });
      const handedIn = new Set(this._page.items.filter((r) => r.status === 'rectified').map((r) => r.id));
      this._selected = new Set([...this._selected].filter((id) => handedIn.has(id)));
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    }
  }

  private _setFilter(key: keyof Filter, value: string): void {
    this._apply({ ...this._filter, [key]: value });
  }

  /** Shows the list for these filters, kept in the address so a reload or a shared link shows the same. */
  private _apply(filter: Filter): void {
    this._filter = filter;
    const q = new URLSearchParams(Object.entries(this._filter).filter(([, v]) => v));
    history.replaceState(null, '', `/rectifications${q.size ? `?${q}` : ''}`);
    void this._load();
  }

  private _toggle(id: number, on: boolean): void {
    const next = new Set(this._selected);
    if (on) next.add(id);
    else next.delete(id);
    this._selected = next;
  }

  private async _bulk(status: 'accepted' | 'in_progress'): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>('#bulk-note')?.value.trim() ?? '';
    this._message = '';
    if (status === 'in_progress' && !note) {
      this._message = '退回整改时请填写原因。';
      return;
    }
    this._busy = true;
    try {
      const done = await api.bulkRectifications({ ids: [...this._selected], status, ...(note ? { note } : {}) });
      this._message = `已${status === 'accepted' ? '验收' : '退回'} ${done.length} 项。`;
      this._selected = new Set();
      const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#bulk-note');
      if (box) box.value = '';
      await this._load();
    } catch (err) {
      this._message = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const p = this._page;
    const areaTitle = new Map((p?.areas ?? []).map((a) => [a.id, a.title]));
    return html`<h1>${this._confirmer ? '整改验收' : '问题整改'}</h1>
      <div class="filters" role="search" aria-label="筛选整改项">
        ${this._citywide
          ? html`<label>区县
              <select @change=${(e: Event) => this._setFilter('district', (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this._filter.district}>全市</option>
                ${this._districts.map((d) => html`<option value=${d.id} ?selected=${this._filter.district === String(d.id)}>${d.name}</option>`)}
              </select></label>`
          : nothing}
        <label>状态
          <select @change=${(e: Event) => this._setFilter('status', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._filter.status}>全部</option>
            ${Object.entries(RECTIFICATION_STATUS_LABELS).map(([v, l]) => html`<option value=${v} ?selected=${this._filter.status === v}>${l}</option>`)}
          </select></label>
        <label>优先级
          <select @change=${(e: Event) => this._setFilter('priority', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._filter.priority}>全部</option>
            ${Object.entries(PRIORITY_LABELS).map(([v, l]) => html`<option value=${v} ?selected=${this._filter.priority === v}>${l}</option>`)}
          </select></label>
        <label>领域
          <select @change=${(e: Event) => this._setFilter('area', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._filter.area}>全部</option>
            ${(p?.areas ?? []).map((a) => html`<option value=${a.id} ?selected=${this._filter.area === a.id}>${a.title}</option>`)}
          </select></label>
        <label>是否逾期
          <select @change=${(e: Event) => this._setFilter('overdue', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._filter.overdue}>全部</option>
            <option value="true" ?selected=${this._filter.overdue === 'true'}>仅逾期</option>
            <option value="false" ?selected=${this._filter.overdue === 'false'}>未逾期</option>
          </select></label>
      </div>
      ${this._narrowed(p)}
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${p === null && !this._error ? html`<p role="status">正在加载…</p>` : nothing}
      ${p
        ? html`<p class="summary">共 ${p.total} 项${p.overdue ? html`，<span class="overdue">其中逾期 ${p.overdue} 项</span>` : '，无逾期'}。${p.total > p.items.length ? `逾期的排在前面，此处显示前 ${p.items.length} 项，请用筛选缩小范围。` : ''}</p>
            ${p.items.length === 0 ? html`<p>没有符合条件的整改项。</p>` : nothing}
            <ul class="items">
              ${p.items.map(
                (r) => html`<li class="card ${this._confirmer ? 'selectable' : ''}">
                  ${this._confirmer
                    ? html`<input type="checkbox" aria-label="选择 ${r.label ?? r.itemId}（${r.enterpriseName}）" ?disabled=${r.status !== 'rectified'}
                        .checked=${this._selected.has(r.id)} @change=${(e: Event) => this._toggle(r.id, (e.target as HTMLInputElement).checked)} />`
                    : nothing}
                  <div class="main">
                    <a href="/rectifications/${r.id}">${r.label ?? r.itemId}</a>
                    <div class="meta">
                      ${this._confirmer ? html`${r.enterpriseName} · ` : nothing}${r.sectionId ? `${areaTitle.get(r.sectionId) ?? r.sectionId} · ` : ''}${r.priority ? `${PRIORITY_LABELS[r.priority]}优先级 · ` : ''}<strong>${RECTIFICATION_STATUS_LABELS[r.status]}</strong>
                    </div>
                    ${r.returnReason ? html`<div class="meta warning">退回原因：${r.returnReason}</div>` : nothing}
                  </div>
                  <div class="due ${r.overdue ? 'overdue' : 'meta'}">${r.dueDate ? html`${r.overdue ? html`<span class="tag">已逾期</span> ` : nothing}期限 ${r.dueDate}` : '尚未开始'}</div>
                </li>`,
              )}
            </ul>
            ${this._confirmer ? this._bulkBar() : nothing}`
        : nothing}`;
  }

  /** Which enterprise or assessment the list was narrowed to, with the way back to the whole list. */
  private _narrowed(p: RectificationPage | null) {
    const { enterpriseId, assessmentId } = this._filter;
    if (!enterpriseId && !assessmentId) return nothing;
    const name = p?.items[0]?.enterpriseName;
    const what = assessmentId ? `${name ?? '所选企业'}第 ${assessmentId} 号诊断` : (name ?? '所选企业');
    return html`<p class="narrowed">仅显示${what}的整改项。
      <a href="/rectifications" @click=${(e: Event) => this._showAll(e)}>显示全部整改项</a></p>`;
  }

  private _showAll(e: Event): void {
    e.preventDefault();
    this._apply({ ...this._filter, enterpriseId: '', assessmentId: '' });
  }

  private _bulkBar() {
    const n = this._selected.size;
    return html`<section class="bulk" aria-label="批量验收">
      <label for="bulk-note">已选 ${n} 项（只能选择“已整改”的项）；验收意见或退回原因</label>
      <textarea id="bulk-note" maxlength="2000" placeholder="例如：现场核验通过"></textarea>
      <div class="row">
        <button @click=${() => this._bulk('accepted')} ?disabled=${this._busy || n === 0}>验收通过（${n}）</button>
        <button class="danger" @click=${() => this._bulk('in_progress')} ?disabled=${this._busy || n === 0}>退回整改（${n}）</button>
        ${this._message ? html`<span role="status">${this._message}</span>` : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-rectifications-page': DsdRectificationsPage;
  }
}
