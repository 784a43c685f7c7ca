/**
 * What would raise the enterprise's maturity level next: the server's ranked list of the fewest items to bring to
 * 符合 (GET /api/assessments/:id/next-level), with why each is on it and its standard clause.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { CONTROL_ANSWER_LABELS, type NextLevelPlan, type Questionnaire } from '../data/contract.js';
import { shared } from '../styles/shared.js';

const WHY: Record<NextLevelPlan['items'][number]['why'], string> = {
  redline: '红线：触及红线时企业等级最高为 1 级',
  key_gap: '关键题目“不符合”会直接卡住该级',
  threshold: '提高该级的加权符合程度',
};

@customElement('dsd-next-level')
export class DsdNextLevel extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      ol { padding-left: 1.4rem; margin: 0.4rem 0; }
      li { margin: 0.4rem 0; }
      .meta { color: var(--dsd-muted); font-size: 0.9rem; }
    `,
  ];

  @property({ type: Number }) assessmentId = 0;
  @property({ attribute: false }) questionnaire: Questionnaire | null = null;
  @state() private _plan: NextLevelPlan | null = null;
  @state() private _error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('assessmentId') && this.assessmentId)
      api.nextLevel(this.assessmentId).then(
        (p) => (this._plan = p),
        (err) => (this._error = err instanceof ApiError ? err.message : String(err)),
      );
  }

  override render() {
    const p = this._plan;
    return html`<section class="card" aria-labelledby="next-title">
      <h3 id="next-title">如何提升到下一等级</h3>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${!p && !this._error ? html`<p role="status">正在计算…</p>` : nothing}
      ${p && p.targetLevel === null ? html`<p>已达到本次诊断可认定的最高等级（${p.currentLevel} 级）。</p>` : nothing}
      ${p && p.targetLevel !== null
        ? html`<p>当前 ${p.currentLevel} 级。将下列 ${p.items.length} 项整改到“符合”，即可达到 <strong>${p.targetLevel} 级</strong>${p.reachable ? '' : '（另有未作答或不适用的题目需先补充）'}，按优先顺序排列：</p>
            <ol>
              ${p.items.map((i) => {
                const refs = (this.questionnaire?.itemById.get(i.itemId)?.def.refs ?? []).map((r) => `${r.standard}${r.clause ? ` ${r.clause}` : ''}`).join('；');
                return html`<li>${i.label}
                  <div class="meta">当前：${i.fulfilment === null ? '未作答' : i.fulfilment === 0 ? CONTROL_ANSWER_LABELS.none : CONTROL_ANSWER_LABELS.partial}
                    ${i.pa ? ` · ${i.pa} ${i.paName}` : ''} · ${WHY[i.why]}${refs ? ` · 依据：${refs}` : ''}</div></li>`;
              })}
            </ol>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-next-level': DsdNextLevel;
  }
}
