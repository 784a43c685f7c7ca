/**
 * The data-inventory answer: one card per data type the enterprise holds, with the attributes grading needs
 * (the row shape of the contract's InventoryRow). Rows are added, edited and removed here; every edit fires
 * `dsd-rows` with the whole new list (the answer value of the item).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DOMAIN_LABELS, type DataDomainCode, type InventoryRowValue, type Questionnaire } from '../data/contract.js';
import { LOCATION_LABELS, PERSONAL_COUNT_LABELS, PRECISION_LABELS, SCALE_LABELS, VOLUME_LABELS } from '../data/labels.js';
import { shared } from '../styles/shared.js';

type Row = Partial<InventoryRowValue>;
const CUSTOM = '__custom';

@customElement('dsd-inventory-table')
export class DsdInventoryTable extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      ol { list-style: none; padding: 0; margin: 0 0 0.6rem; display: grid; gap: 0.6rem; }
      li { border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.6rem; background: #fafbfc; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; margin-bottom: 0.4rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem 0.8rem; }
      .grid label { display: grid; gap: 0.15rem; font-size: 0.9rem; }
      .grid label.check { display: flex; align-items: center; gap: 0.35rem; }
      .grid .wide { grid-column: 1 / -1; }
      select, input[type='text'] { width: 100%; }
      input[type='checkbox'] { width: 1.1rem; height: 1.1rem; min-height: 0; }
    `,
  ];

  @property({ attribute: false }) rows: Row[] = [];
  @property({ attribute: false }) questionnaire!: Questionnaire;
  /** The item's label, used in the rows' accessible names. */
  @property() label = '数据清单';
  @property({ type: Boolean }) readonly = false;

  private _emit(rows: Row[]): void {
    this.dispatchEvent(new CustomEvent('dsd-rows', { detail: { rows }, bubbles: true, composed: true }));
  }

  private _set(index: number, patch: Row): void {
    const rows = this.rows.map((r, i) => (i === index ? clean({ ...r, ...patch }) : r));
    this._emit(rows);
  }

  private _add(): void {
    const first = this.questionnaire.dataTypes.find((d) => !this.rows.some((r) => r.type === d.id));
    this._emit([...this.rows, first ? { type: first.id } : { name: '', domain: 'production' }]);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('li:last-child select')?.focus());
  }

  private _remove(index: number): void {
    this._emit(this.rows.filter((_, i) => i !== index));
  }

  override render() {
    return html`
      ${this.rows.length ? html`<ol>${this.rows.map((r, i) => this._row(r, i))}</ol>` : html`<p class="muted">尚未登记数据类型。</p>`}
      ${this.readonly ? nothing : html`<button type="button" class="secondary" @click=${this._add}>＋ 添加一行数据</button>`}
    `;
  }

  private _row(r: Row, i: number) {
    const n = `第 ${i + 1} 行`;
    const ro = this.readonly;
    const byDomain = new Map<DataDomainCode, typeof this.questionnaire.dataTypes>();
    for (const d of this.questionnaire.dataTypes) byDomain.set(d.domain, [...(byDomain.get(d.domain) ?? []), d]);
    const select = <K extends keyof Row>(key: K, labels: Record<string, string>, label: string, fallback: string) => html`<label>${label}
      <select aria-label="${n} ${label}" ?disabled=${ro} @change=${(e: Event) => this._set(i, { [key]: (e.target as HTMLSelectElement).value } as Row)}>
        ${Object.entries(labels).map(([v, l]) => html`<option value=${v} ?selected=${(r[key] ?? fallback) === v}>${l}</option>`)}
      </select></label>`;
    const check = (key: keyof Row, label: string, fallback: boolean) => html`<label class="check">
      <input type="checkbox" aria-label="${n} ${label}" ?disabled=${ro} .checked=${(r[key] as boolean | undefined) ?? fallback}
        @change=${(e: Event) => this._set(i, { [key]: (e.target as HTMLInputElement).checked } as Row)} />${label}</label>`;
    const text = (key: 'name' | 'systems' | 'owner', label: string, wide = false) => html`<label class=${wide ? 'wide' : ''}>${label}
      <input type="text" aria-label="${n} ${label}" ?readonly=${ro} .value=${r[key] ?? ''}
        @change=${(e: Event) => this._set(i, { [key]: (e.target as HTMLInputElement).value.trim() || undefined })} /></label>`;
    return html`<li>
      <div class="head">
        <strong>${n}</strong>
        ${ro ? nothing : html`<button type="button" class="danger" aria-label="删除${n}" @click=${() => this._remove(i)}>删除</button>`}
      </div>
      <div class="grid">
        <label class="wide">数据类型
          <select aria-label="${n} 数据类型" ?disabled=${ro} @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this._set(i, v === CUSTOM ? { type: undefined, name: r.name ?? '', domain: r.domain ?? 'production' } : { type: v, name: undefined, domain: undefined });
          }}>
            ${[...byDomain].map(
              ([domain, types]) => html`<optgroup label=${DOMAIN_LABELS[domain]}>
                ${types.map((t) => html`<option value=${t.id} ?selected=${r.type === t.id}>${t.name}${t.key ? '（重点）' : ''}</option>`)}
              </optgroup>`,
            )}
            <option value=${CUSTOM} ?selected=${!r.type}>其他（自定义数据类型）</option>
          </select></label>
        ${!r.type ? html`${text('name', '自定义名称')}${select('domain', DOMAIN_LABELS, '数据域', 'production')}` : nothing}
        ${select('scale', SCALE_LABELS, '影响范围', 'enterprise')}
        ${select('precision', PRECISION_LABELS, '精度', 'medium')}
        ${select('volume', VOLUME_LABELS, '数据量', 'small')}
        ${select('personal_count', PERSONAL_COUNT_LABELS, '个人信息规模', 'none')}
        ${select('location', LOCATION_LABELS, '存储位置', 'onprem')}
        ${check('held', '企业持有', true)}
        ${check('national_project', '服务国家重大项目', false)}
        ${check('shared_external', '向外部提供', false)}
        ${check('cross_border', '跨境传输', false)}
        ${text('systems', '所在系统')}
        ${text('owner', '责任部门')}
      </div>
    </li>`;
  }
}

/** Drops keys set to undefined, so the stored row carries only what was chosen. */
function clean(r: Row): Row {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Row;
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-inventory-table': DsdInventoryTable;
  }
}
