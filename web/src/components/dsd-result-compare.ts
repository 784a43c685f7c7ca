/**
 * This result next to the previous submitted assessment of the same enterprise that the user may see: per
 * dimension and per item, what improved and what got worse (compareResults, the browser-safe domain code).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import {
  ASSESSMENT_KIND_LABELS,
  CONTROL_ANSWER_LABELS,
  compareResults,
  type Assessment,
  type Change,
  type Comparison,
  type ScoreResult,
} from '../data/contract.js';
import { shared } from '../styles/shared.js';
import { formatDate } from '../pages/dsd-work-page.js';

const CHANGE_LABELS: Record<Change, string> = { better: '改善', worse: '变差', same: '持平' };
const fulfilment = (f: number | null | undefined) =>
  f === undefined ? '未涉及' : f === null ? CONTROL_ANSWER_LABELS.na : f === 1 ? CONTROL_ANSWER_LABELS.full : f === 0.5 ? CONTROL_ANSWER_LABELS.partial : CONTROL_ANSWER_LABELS.none;

@customElement('dsd-result-compare')
export class DsdResultCompare extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--dsd-border); }
      th { color: var(--dsd-muted); font-weight: 600; }
      .better { color: var(--dsd-ok); font-weight: 600; } .worse { color: var(--dsd-danger); font-weight: 600; } .same { color: var(--dsd-muted); }
      .scroll { overflow-x: auto; }
    `,
  ];

  /** The assessment shown; its enterprise's earlier submitted one is compared. */
  @property({ attribute: false }) assessment!: Pick<Assessment, 'id' | 'enterpriseId' | 'submittedAt'>;
  @property({ attribute: false }) score!: ScoreResult;
  @state() private _previous: Assessment | null | undefined = undefined;
  @state() private _comparison: Comparison | null = null;
  /** The two results were made on different variants (快速 / 深度): their figures rest on different items. */
  @state() private _variants = '';
  @state() private _error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('assessment') || changed.has('score')) && this.assessment && this.score) void this._load();
  }

  private async _load(): Promise<void> {
    try {
      const list = (await api.assessments({ enterprise: this.assessment.enterpriseId, pageSize: 100 })).items;
      const mine = this.assessment.submittedAt ?? '9999';
      const previous = list
        .filter((a) => a.id !== this.assessment.id && a.status !== 'draft' && a.score !== null && (a.submittedAt ?? '') < mine)
        .sort((x, y) => (y.submittedAt ?? '').localeCompare(x.submittedAt ?? ''))[0];
      this._previous = previous ?? null;
      if (previous) {
        const before = await api.score(previous.id);
        const name = (v: string) => (v === 'quick' ? '快速诊断' : '深度诊断');
        this._variants = before.variant === this.score.variant ? '' : `上一次为${name(before.variant)}，本次为${name(this.score.variant)}：两者题目范围不同，得分和等级只能大致对比。`;
        this._comparison = compareResults(before, this.score);
      }
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    }
  }

  override render() {
    const c = this._comparison;
    const p = this._previous;
    return html`<section class="card" aria-labelledby="compare-title">
      <h3 id="compare-title">与上一次诊断对比</h3>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${p === undefined && !this._error ? html`<p role="status">正在加载…</p>` : nothing}
      ${p === null ? html`<p>这是本企业第一次提交的诊断，暂无可对比的记录。</p>` : nothing}
      ${p && c
        ? html`<p>对比对象：${ASSESSMENT_KIND_LABELS[p.kind]}，提交于 ${formatDate(p.submittedAt ?? p.updatedAt)}。
              改善 ${c.dimensions.filter((d) => d.change === 'better').length} 项指标，变差 ${c.dimensions.filter((d) => d.change === 'worse').length} 项。</p>
            ${this._variants ? html`<p class="alert info">${this._variants}</p>` : nothing}
            <div class="scroll"><table>
              <caption class="visually-hidden">按维度对比</caption>
              <thead><tr><th scope="col">维度</th><th scope="col">上一次</th><th scope="col">本次</th><th scope="col">变化</th></tr></thead>
              <tbody>${c.dimensions.map(
                (d) => html`<tr><td>${d.label}</td><td>${d.before}</td><td>${d.after}</td>
                  <td class=${d.change}>${d.before === '—' ? '本次新增' : d.after === '—' ? '本次未评' : CHANGE_LABELS[d.change]}</td></tr>`,
              )}</tbody>
            </table></div>
            <h4>按题目（${c.items.length} 项有变化，${c.unchanged} 项不变）</h4>
            ${c.items.length
              ? html`<div class="scroll"><table>
                  <caption class="visually-hidden">按题目对比</caption>
                  <thead><tr><th scope="col">题目</th><th scope="col">上一次</th><th scope="col">本次</th><th scope="col">变化</th></tr></thead>
                  <tbody>${c.items.map((i) => html`<tr><td>${i.label}</td><td>${fulfilment(i.before)}</td><td>${fulfilment(i.after)}</td><td class=${i.change}>${CHANGE_LABELS[i.change]}</td></tr>`)}</tbody>
                </table></div>`
              : nothing}`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-result-compare': DsdResultCompare;
  }
}
