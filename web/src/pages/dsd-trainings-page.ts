/**
 * 宣贯培训 records: coverage figures (sessions, person-times, enterprises covered and their share of the roster and
 * of the key industries' 规上 enterprises), the list by year, add, edit, delete, and import from XLSX. Courses are
 * offered from the plan's attachment 2 (the server's vocabulary); another course may be typed in.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import { consoleApi } from '../data/console-api.js';
import { upwardVocabularies, type District, type Training, type TrainingCoverage, type TrainingInput } from '../data/contract.js';
import { consoleStyles, pct } from '../styles/console.js';
import { shared } from '../styles/shared.js';
import type { DsdEnterprisePicker } from '../components/dsd-enterprise-picker.js';
import '../components/dsd-enterprise-picker.js';

@customElement('dsd-trainings-page')
export class DsdTrainingsPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @state() private _year: number | undefined = new Date().getFullYear();
  @state() private _rows: Training[] = [];
  @state() private _coverage?: TrainingCoverage;
  @state() private _districts: District[] = [];
  @state() private _editing: Training | null = null;
  @state() private _courses: readonly { group: string; name: string }[] = [];
  @state() private _columns: readonly string[] = [];
  @state() private _error = '';
  @state() private _notice = '';
  @query('dsd-enterprise-picker') private _picker!: DsdEnterprisePicker;

  override connectedCallback(): void {
    super.connectedCallback();
    api.districts().then((d) => (this._districts = d), () => undefined);
    upwardVocabularies().then(
      (v) => ([this._courses, this._columns] = [v.TRAINING_COURSES, v.TRAINING_COLUMNS]),
      () => undefined,
    );
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      [this._rows, this._coverage] = await Promise.all([consoleApi.trainings(this._year), consoleApi.trainingCoverage(this._year)]);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private _ok(notice: string): void {
    this._notice = notice;
    this._error = '';
  }

  private async _save(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    const body: TrainingInput = {
      heldOn: String(d.get('heldOn') ?? ''),
      course: String(d.get('course') ?? '').trim(),
      organiser: String(d.get('organiser') ?? '').trim(),
      districtId: d.get('districtId') ? Number(d.get('districtId')) : null,
      personTimes: Number(d.get('personTimes') ?? 0),
      enterpriseIds: this._picker.value,
    };
    try {
      if (this._editing) await consoleApi.updateTraining(this._editing.id, body);
      else await consoleApi.createTraining(body);
      this._ok(this._editing ? '已保存修改。' : `已添加培训记录：${body.course}`);
      this._editing = null;
      form.reset();
      this._picker.chosen = [];
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _edit(t: Training): Promise<void> {
    this._editing = t;
    await this.updateComplete;
    // Names of the attending enterprises for the chips (the record holds their ids).
    const names = await Promise.all(
      t.enterpriseIds.map((id) => api.enterprise(id).then((e) => ({ id, name: e.name }), () => ({ id, name: `企业 ${id}` }))),
    );
    this._picker.chosen = names;
    this.renderRoot.querySelector<HTMLElement>('#form-h')?.scrollIntoView({ block: 'start' });
  }

  private async _delete(t: Training): Promise<void> {
    if (!confirm(`删除 ${t.heldOn} 的培训“${t.course}”？`)) return;
    try {
      await consoleApi.deleteTraining(t.id);
      this._ok('已删除。');
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _import(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const r = await consoleApi.importTrainings(file);
      this._ok(`导入 ${r.imported} 条${r.rejected.length ? `；未导入 ${r.rejected.length} 行：${r.rejected.map((x) => `第 ${x.row} 行 ${x.reason}`).join('；')}` : ''}`);
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      input.value = '';
    }
  }

  override render() {
    const c = this._coverage;
    const t = this._editing;
    const thisYear = new Date().getFullYear();
    return html`
      <h1>宣贯培训</h1>
      <form class="inline" @submit=${(e: Event) => e.preventDefault()}>
        <label>年度
          <select @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this._year = v ? Number(v) : undefined;
            void this._load();
          }}>
            ${[2024, 2025, 2026, thisYear].filter((y, i, a) => a.indexOf(y) === i).map((y) => html`<option value=${y} ?selected=${y === this._year}>${y} 年</option>`)}
            <option value="">全部年度</option>
          </select>
        </label>
        <label class="button secondary file-picker">从 XLSX 导入<input class="visually-hidden" type="file" accept=".xlsx" @change=${this._import} /></label>
      </form>
      ${this._columns.length
        ? html`<p class="muted">导入表第 1 行为表头：${this._columns.join(' | ')}；参训企业填统一社会信用代码，多个用顿号、逗号、分号或空格分隔。</p>`
        : nothing}
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${this._notice ? html`<p class="alert info" role="status">${this._notice}</p>` : nothing}
      ${c
        ? html`<div class="figures-row" id="coverage">
            <div class="figure"><span class="value">${c.sessions}</span><span class="what">培训场次</span></div>
            <div class="figure"><span class="value">${c.personTimes}</span><span class="what">培训人次</span></div>
            <div class="figure"><span class="value">${c.enterprisesCovered}</span><span class="what">覆盖企业</span></div>
            <div class="figure"><span class="value">${pct(c.rosterShare)}</span><span class="what">占企业名录（${c.roster} 家）</span></div>
            <div class="figure"><span class="value">${pct(c.keyIndustryScaledShare)}</span><span class="what">重点行业规上企业覆盖（${c.keyIndustryScaledCovered} / ${c.keyIndustryScaled}）</span></div>
          </div>`
        : nothing}
      <section class="panel" aria-labelledby="list-h">
        <header><h2 id="list-h">培训记录（${this._rows.length}）</h2></header>
        ${this._rows.length
          ? html`<div class="table-wrap" tabindex="0">
              <table class="figures" id="trainings">
                <thead>
                  <tr><th scope="col">日期</th><th scope="col" class="text">课程</th><th scope="col" class="text">组织单位</th><th scope="col" class="text">区县</th>
                    <th scope="col">人次</th><th scope="col">参训企业</th><th scope="col" class="text">操作</th></tr>
                </thead>
                <tbody>
                  ${this._rows.map(
                    (r) => html`<tr>
                      <td>${r.heldOn}</td><td class="text wrap">${r.course}</td><td class="text">${r.organiser}</td><td class="text">${r.districtName ?? '全市'}</td>
                      <td>${r.personTimes}</td><td>${r.enterpriseIds.length}</td>
                      <td class="text"><div class="row">
                        <button class="secondary" @click=${() => this._edit(r)} aria-label="修改 ${r.heldOn} ${r.course}">修改</button>
                        <button class="danger" @click=${() => this._delete(r)} aria-label="删除 ${r.heldOn} ${r.course}">删除</button>
                      </div></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">本年度还没有培训记录。</p>`}
      </section>
      <section class="panel" aria-labelledby="form-h">
        <header><h2 id="form-h">${t ? `修改培训记录（${t.heldOn}）` : '添加培训记录'}</h2>
          ${t ? html`<button class="link" @click=${() => { this._editing = null; this._picker.chosen = []; }}>取消修改</button>` : nothing}</header>
        <form class="grid" id="training" @submit=${this._save}>
          <label>日期 <input type="date" name="heldOn" required .value=${t?.heldOn ?? ''} /></label>
          <label class="full">课程（可选建议课程，也可填写其他课程）
            <input name="course" list="courses" required maxlength="200" .value=${t?.course ?? ''} />
            <datalist id="courses">${this._courses.map((x) => html`<option value=${x.name}>${x.group}</option>`)}</datalist>
          </label>
          <label>组织单位 <input name="organiser" required maxlength="200" .value=${t?.organiser ?? ''} /></label>
          <label>区县
            <select name="districtId">
              <option value="">全市</option>
              ${this._districts.map((d) => html`<option value=${d.id} ?selected=${t?.districtId === d.id}>${d.name}</option>`)}
            </select>
          </label>
          <label>培训人次 <input type="number" name="personTimes" min="0" step="1" required .value=${t ? String(t.personTimes) : ''} /></label>
          <dsd-enterprise-picker class="full" label="参训企业" multiple></dsd-enterprise-picker>
          <div><button type="submit">${t ? '保存修改' : '添加'}</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-trainings-page': DsdTrainingsPage;
  }
}
