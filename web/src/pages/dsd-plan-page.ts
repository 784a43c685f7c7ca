/**
 * The 年度计划表 (attachment 1 of the 2024–2026 plan): per year each indicator with its target and actual. Actuals
 * the product holds are computed by the server and read-only here; the bureau enters the others, and targets and
 * notes for all. The XLSX export covers every year in the template's shape.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consoleApi } from '../data/console-api.js';
import type { Loop, Plan, TrainingCoverage } from '../data/contract.js';
import { consoleStyles, pct } from '../styles/console.js';
import { shared } from '../styles/shared.js';

const YEARS = [2024, 2025, 2026];

@customElement('dsd-plan-page')
export class DsdPlanPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @state() private _year = Math.min(Math.max(new Date().getFullYear(), YEARS[0]), YEARS[YEARS.length - 1]);
  @state() private _plan?: Plan;
  @state() private _loop?: Loop;
  @state() private _training?: TrainingCoverage;
  @state() private _error = '';
  @state() private _notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      [this._plan, this._loop, this._training] = await Promise.all([
        consoleApi.plan(this._year),
        consoleApi.loop(),
        consoleApi.trainingCoverage(this._year),
      ]);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _save(e: Event, row: Plan['rows'][number]): Promise<void> {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(d.get(k) ?? '').trim() || null;
    const actual = text('actual');
    try {
      this._plan = await consoleApi.setPlanFigure({
        year: this._year,
        indicator: row.indicator,
        target: text('target'),
        note: text('note'),
        ...(row.source === 'entered' ? { actual: actual === null ? null : Number(actual) } : {}),
      });
      this._notice = `已保存：${row.label}`;
      this._error = '';
    } catch (err) {
      this._error = (err as Error).message;
      this._notice = '';
    }
  }

  override render() {
    const p = this._plan;
    return html`
      <h1>年度计划表</h1>
      <form class="inline" @submit=${(e: Event) => e.preventDefault()}>
        <label>年度
          <select @change=${(e: Event) => {
            this._year = Number((e.target as HTMLSelectElement).value);
            void this._load();
          }}>
            ${YEARS.map((y) => html`<option value=${y} ?selected=${y === this._year}>${y} 年</option>`)}
          </select>
        </label>
        <a class="export" href="/api/upward/plan.xlsx" download>导出 XLSX（2024–2026 年度计划表）</a>
      </form>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${this._notice ? html`<p class="alert info" role="status">${this._notice}</p>` : nothing}
      <p class="muted">“系统统计”的完成值由录入的培训记录和典型案例累计得出，不能手工修改；其余完成值由市工信局填写。“据诊断数据”是截至该年年底已出具诊断报告、且最近一份报告显示已开展分类分级的企业数，供填写时参考（未诊断的企业不在其中）。</p>
      ${p
        ? html`<div class="table-wrap" tabindex="0">
            <table class="figures" id="plan">
              <thead>
                <tr><th scope="col">序号</th><th scope="col" class="text">指标</th><th scope="col" class="text">目标</th><th scope="col" class="text">完成值</th>
                  <th scope="col" class="text">来源</th><th scope="col" class="text">备注</th><th scope="col" class="text">操作</th></tr>
              </thead>
              <tbody>
                ${p.rows.map((r) => {
                  const form = `f-${r.indicator}`;
                  return html`<tr data-indicator=${r.indicator}>
                    <td>${r.no}</td>
                    <td class="text wrap">${r.label}<div class="muted">${r.measure}</div></td>
                    <td class="text"><input form=${form} name="target" .value=${r.target ?? ''} maxlength="200" aria-label="${r.label} 目标" style="width:12rem" /></td>
                    <td class="text">
                      ${r.source === 'computed'
                        ? html`<strong>${r.actual ?? 0}</strong>`
                        : html`<input form=${form} name="actual" type="number" min="0" step="1" .value=${r.actual === null ? '' : String(r.actual)} aria-label="${r.label} 完成值" style="width:7rem" />
                            ${r.suggested !== null ? html`<div class="muted suggested">据诊断数据：${r.suggested} 家</div>` : nothing}`}
                    </td>
                    <td class="text">${r.source === 'computed' ? '系统统计' : '填写'}</td>
                    <td class="text"><input form=${form} name="note" .value=${r.note ?? ''} maxlength="500" aria-label="${r.label} 备注" style="width:12rem" /></td>
                    <td class="text"><form id=${form} @submit=${(e: Event) => this._save(e, r)}><button type="submit" class="secondary">保存</button></form></td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
        : this._error
          ? nothing
          : html`<p role="status">正在加载…</p>`}
      ${this._loop && this._training ? this._escort(this._loop, this._training) : nothing}
    `;
  }

  /** The counts of the 护航 成效突出地区 application the product holds: risks notified and closed, training reach. */
  private _escort(l: Loop, t: TrainingCoverage) {
    const rows: [string, string][] = [
      ['诊断发现并通报的风险问题（全部）', String(l.total.found)],
      ['已整改（含已验收）', String(l.total.rectified + l.total.accepted)],
      ['闭环率', pct(l.total.closeRate)],
      [`宣贯培训场次（${this._year} 年）`, String(t.sessions)],
      [`培训人次（${this._year} 年）`, String(t.personTimes)],
      [`覆盖企业（${this._year} 年）`, `${t.enterprisesCovered}（占名录 ${pct(t.rosterShare)}）`],
      ['其中重点行业规上企业', `${t.keyIndustryScaledCovered} / ${t.keyIndustryScaled}（${pct(t.keyIndustryScaledShare)}）`],
    ];
    return html`<section class="panel" aria-labelledby="escort-h" style="margin-top:1.2rem">
      <header><h2 id="escort-h">护航成效突出地区申报可用数据</h2></header>
      <div class="table-wrap" tabindex="0" style="max-width: 40rem">
        <table class="figures" id="escort">
          <tbody>${rows.map(([k, v]) => html`<tr><th scope="row" class="wrap">${k}</th><td>${v}</td></tr>`)}</tbody>
        </table>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-plan-page': DsdPlanPage;
  }
}
