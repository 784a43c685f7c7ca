/**
 * Typical-case candidates: the bureau marks an enterprise's practice as a candidate (a direction from the 2023
 * notice's four directions and ten types or the 护航 notice's five, from the server's vocabulary), lists them by year,
 * removes one, and exports the 推荐汇总表 in its column layout.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { consoleApi } from '../data/console-api.js';
import { upwardVocabularies, type CaseCandidate } from '../data/contract.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';
import type { DsdEnterprisePicker } from '../components/dsd-enterprise-picker.js';
import '../components/dsd-enterprise-picker.js';

type Direction = { notice: string; direction: string };

@customElement('dsd-cases-page')
export class DsdCasesPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @state() private _year = new Date().getFullYear();
  @state() private _rows: CaseCandidate[] = [];
  @state() private _summaryLength = 0;
  @state() private _directions: readonly Direction[] = [];
  @state() private _error = '';
  @state() private _notice = '';
  @query('dsd-enterprise-picker') private _picker!: DsdEnterprisePicker;

  override connectedCallback(): void {
    super.connectedCallback();
    upwardVocabularies().then((v) => (this._directions = v.CASE_DIRECTIONS), () => undefined);
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      this._rows = await consoleApi.cases(this._year);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _add(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    const enterpriseId = this._picker.value[0];
    if (!enterpriseId) {
      this._error = '请先查找并选择企业';
      return;
    }
    const text = (k: string) => String(d.get(k) ?? '').trim();
    try {
      const c = await consoleApi.createCase({
        year: this._year,
        enterpriseId,
        caseName: text('caseName'),
        category: text('category'),
        direction: text('direction'),
        summary: text('summary'),
        contactName: text('contactName') || null,
        contactPhone: text('contactPhone') || null,
      });
      this._notice = `已标记典型案例候选：${c.caseName}（${c.enterpriseName}）`;
      this._error = '';
      form.reset();
      this._summaryLength = 0;
      this._picker.chosen = [];
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _delete(c: CaseCandidate): Promise<void> {
    if (!confirm(`取消候选“${c.caseName}”？`)) return;
    try {
      await consoleApi.deleteCase(c.id);
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  override render() {
    const thisYear = new Date().getFullYear();
    return html`
      <h1>典型案例候选</h1>
      <form class="inline" @submit=${(e: Event) => e.preventDefault()}>
        <label>年度
          <select @change=${(e: Event) => {
            this._year = Number((e.target as HTMLSelectElement).value);
            void this._load();
          }}>
            ${[2024, 2025, 2026, thisYear].filter((y, i, a) => a.indexOf(y) === i).map((y) => html`<option value=${y} ?selected=${y === this._year}>${y} 年</option>`)}
          </select>
        </label>
        <a class="export" href="/api/upward/cases.xlsx?year=${this._year}" download>导出推荐汇总表 XLSX（${this._year} 年）</a>
      </form>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${this._notice ? html`<p class="alert info" role="status">${this._notice}</p>` : nothing}
      <section class="panel" aria-labelledby="list-h">
        <header><h2 id="list-h">推荐汇总（${this._rows.length}）</h2></header>
        ${this._rows.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="cases">
                <thead>
                  <tr><th scope="col">序号</th><th scope="col" class="text">案例名称</th><th scope="col" class="text">企业名称</th><th scope="col" class="text">企业类别</th>
                    <th scope="col" class="text">申报方向和简述</th><th scope="col" class="text">联系人</th><th scope="col" class="text">联系方式</th><th scope="col" class="text">操作</th></tr>
                </thead>
                <tbody>
                  ${this._rows.map(
                    (c, i) => html`<tr>
                      <td>${i + 1}</td><td class="text wrap">${c.caseName}</td><td class="text wrap">${c.enterpriseName}</td><td class="text">${c.category}</td>
                      <td class="text wrap">${c.direction}：${c.summary}</td><td class="text">${c.contactName ?? ''}</td><td class="text">${c.contactPhone ?? ''}</td>
                      <td class="text"><button class="danger" @click=${() => this._delete(c)} aria-label="取消候选 ${c.caseName}">取消候选</button></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">${this._year} 年还没有典型案例候选。</p>`}
      </section>
      <section class="panel" aria-labelledby="add-h">
        <header><h2 id="add-h">标记候选</h2></header>
        <form class="grid" id="case" @submit=${this._add}>
          <dsd-enterprise-picker class="full" label="企业"></dsd-enterprise-picker>
          <label class="full">案例名称 <input name="caseName" required maxlength="200" /></label>
          <label>企业类别（行业 / 领域） <input name="category" required maxlength="100" placeholder="如：工业领域—汽车" /></label>
          <label>申报方向
            <select name="direction" required>
              <option value="">请选择</option>
              ${[...new Set(this._directions.map((d) => d.notice))].map(
                (n) => html`<optgroup label=${n}>${this._directions.filter((d) => d.notice === n).map((d) => html`<option value=${d.direction}>${d.direction}</option>`)}</optgroup>`,
              )}
            </select>
          </label>
          <label class="full">简述（不超过 100 字，已写 ${this._summaryLength} 字）
            <textarea name="summary" required maxlength="100" @input=${(e: Event) => (this._summaryLength = (e.target as HTMLTextAreaElement).value.length)}></textarea>
          </label>
          <label>联系人 <input name="contactName" maxlength="50" /></label>
          <label>联系方式 <input name="contactPhone" maxlength="100" /></label>
          <div><button type="submit">标记为候选</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-cases-page': DsdCasesPage;
  }
}
