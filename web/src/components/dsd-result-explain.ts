/**
 * Why each figure of a result is what it is, from what the scoring engine stored with it: classification readiness
 * (its answers, weights and the catalogue gate), every risk entry (V, T, L, I and the answers behind them), each
 * process area's level (each level's share against its threshold, the answers, what is missing) and the enterprise
 * level (the lowest of the core process areas, the red-line cap). Each opens as a disclosure; the standard clause
 * of every answer comes from the pinned questionnaire.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  CONTROL_ANSWER_LABELS,
  DATA_LEVEL_LABELS,
  EXPOSURE_FACTOR_LABELS,
  MATURITY_LEVEL_LABELS,
  RISK_LEVEL_LABELS,
  type ItemDef,
  type Questionnaire,
  type ScoreResult,
} from '../data/contract.js';
import { displayValue } from '../data/display.js';
import { shared } from '../styles/shared.js';

type Contribution = ScoreResult['classification']['contributions'][number];

const FULFILMENT_LABELS = new Map<number | null, string>([
  [1, CONTROL_ANSWER_LABELS.full],
  [0.5, CONTROL_ANSWER_LABELS.partial],
  [0, CONTROL_ANSWER_LABELS.none],
  [null, CONTROL_ANSWER_LABELS.na],
]);

const pct = (n: number) => `${Math.round(n * 100)}%`;

@customElement('dsd-result-explain')
export class DsdResultExplain extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      details { background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); margin: 0.4rem 0; }
      summary { cursor: pointer; padding: 0.6rem 0.8rem; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; }
      summary .why { margin-left: auto; color: var(--dsd-primary); font-size: 0.9rem; }
      details[open] summary { border-bottom: 1px solid var(--dsd-border); }
      .body { padding: 0.6rem 0.8rem; }
      .body p { margin: 0.3rem 0; }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--dsd-border); vertical-align: top; }
      th { color: var(--dsd-muted); font-weight: 600; }
      td.num { white-space: nowrap; }
      .ref { color: var(--dsd-muted); font-size: 0.85rem; }
      .f0 { color: var(--dsd-danger); } .f05 { color: var(--dsd-warning); } .f1 { color: var(--dsd-ok); }
      h3 { margin-top: 1rem; }
      @media (max-width: 600px) { table, tbody, tr, td { display: block; } thead { display: none; } tr { border-bottom: 1px solid var(--dsd-border); padding: 0.3rem 0; } td { border: none; padding: 0.1rem 0; } td.weight::before { content: '权重 '; color: var(--dsd-muted); } }
    `,
  ];

  /** The stored result (GET /api/assessments/:id/score). */
  @property({ attribute: false }) score!: ScoreResult;
  /** The assessment's pinned questionnaire: item texts, answers as read, standard clauses. */
  @property({ attribute: false }) questionnaire: Questionnaire | null = null;

  private _def(itemId: string): ItemDef | undefined {
    return this.questionnaire?.itemById.get(itemId)?.def;
  }

  private _refs(itemId: string): string {
    const refs = this._def(itemId)?.refs ?? [];
    return refs.map((r) => `${r.standard}${r.clause ? ` ${r.clause}` : ''}`).join('；');
  }

  /** The answers behind a figure: item, what was answered, how far it fulfils, its weight and standard clause. */
  private _answers(items: readonly Contribution[], caption: string): TemplateResult {
    if (items.length === 0) return html`<p class="muted">没有计入的作答。</p>`;
    return html`<table>
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr><th scope="col">题目</th><th scope="col">作答（符合程度）</th><th scope="col">权重</th></tr></thead>
      <tbody>
        ${items.map((c) => {
          const refs = this._refs(c.itemId);
          const def = this._def(c.itemId);
          const answer = def && this.questionnaire ? displayValue(def, c.answer, this.questionnaire) : String(c.answer);
          const cls = c.fulfilment === null ? '' : c.fulfilment === 1 ? 'f1' : c.fulfilment === 0 ? 'f0' : 'f05';
          const level = FULFILMENT_LABELS.get(c.fulfilment) ?? String(c.fulfilment);
          return html`<tr>
            <td>${c.label}${refs ? html`<div class="ref">依据：${refs}</div>` : nothing}</td>
            <td class=${cls}>${answer === level ? level : `${answer}（${level}）`}</td>
            <td class="num weight">${c.weight}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  override render() {
    const s = this.score;
    if (!s) return nothing;
    return html`
      <h3>各项结果的依据</h3>
      <p class="muted">点击每一项查看它由哪些作答、按什么规则得出。</p>
      ${this._classification(s)} ${this._enterpriseLevel(s)}
      <h3>风险清单（${s.risk.entries.length} 项）</h3>
      ${this._riskLevel(s)} ${s.risk.entries.map((e) => this._risk(e))}
      <h3>过程域成熟度（${s.maturity.processAreas.length} 个）</h3>
      ${s.maturity.processAreas.map((p) => this._pa(p, s.maturity.maxLevel))}
    `;
  }

  private _classification(s: ScoreResult) {
    const c = s.classification;
    return html`<details data-figure="classification">
      <summary><strong>数据分类分级就绪度</strong><span>${c.score.toFixed(1)} / 100</span><span class="why">为什么？</span></summary>
      <div class="body">
        <p>得分 = 100 × Σ（权重 × 符合程度）÷ Σ 权重，只计入已作答且适用的分类分级题目（符合 1、部分符合 0.5、不符合 0，不适用不计）。
          计算结果为 ${c.rawScore.toFixed(1)} 分。</p>
        ${c.capped ? html`<p class="alert warning">${c.gate.reason ?? '数据目录未备案'}：得分上限为 59 分，因此为 ${c.score.toFixed(1)} 分。</p>` : nothing}
        <p>识别出的重要/核心数据候选 ${c.gate.candidates} 类；数据目录${c.gate.catalogueFiled ? '已' : '未'}备案。</p>
        ${this._answers(c.contributions, '分类分级得分的作答')}
        ${c.unanswered.length ? html`<p class="muted">未作答、未计入：${c.unanswered.map((u) => u.label).join('；')}</p>` : nothing}
        ${c.catalogue.length
          ? html`<p><strong>数据目录草案</strong>（按 GB/T 43697-2024 定级）：</p>
              <ul>${c.catalogue.map((row) => html`<li>${row.name}：${row.levelLabel}。${row.reason}</li>`)}</ul>`
          : nothing}
      </div>
    </details>`;
  }

  private _enterpriseLevel(s: ScoreResult) {
    const m = s.maturity;
    const level = Math.max(0, Math.min(5, m.level)) as 0 | 1 | 2 | 3 | 4 | 5;
    const byPa = new Map(m.processAreas.map((p) => [p.pa, p]));
    return html`<details data-figure="maturity">
      <summary><strong>企业防护成熟度</strong><span>${m.level} 级（${MATURITY_LEVEL_LABELS[level]}）</span><span class="why">为什么？</span></summary>
      <div class="body">
        <p>企业等级取核心过程域（${m.coreSet.join('、')}）中已评估者的最低等级（木桶原则）${m.basis.length < m.coreSet.length ? '；未评估的核心过程域不参与' : ''}：</p>
        <ul>${m.basis.map((pa) => html`<li>${pa} ${byPa.get(pa)?.name ?? ''}：${byPa.get(pa)?.level ?? 0} 级</li>`)}</ul>
        <p>按此规则为 ${m.rawLevel} 级${m.cappedByRedline ? '' : '。'}${m.cappedByRedline ? html`；但触及红线时企业等级最高为 1 级，因此为 ${m.level} 级。触及的红线：` : nothing}</p>
        ${m.cappedByRedline ? html`<ul>${s.redlines.map((r) => html`<li>${r.label}${this._refs(r.itemId) ? html` <span class="ref">依据：${this._refs(r.itemId)}</span>` : nothing}</li>`)}</ul>` : nothing}
        <p class="muted">全部过程域平均 ${m.mean.toFixed(2)} 级，核心过程域平均 ${m.coreMean.toFixed(1)} 级；本次诊断最高可认定 ${m.maxLevel} 级。</p>
      </div>
    </details>`;
  }

  private _riskLevel(s: ScoreResult) {
    const top = s.risk.entries[0];
    return html`<details data-figure="risk-level">
      <summary><strong>企业风险等级</strong><span>${RISK_LEVEL_LABELS[s.risk.level]}</span><span class="why">为什么？</span></summary>
      <div class="body">
        <p>企业风险等级取风险清单中的最高等级${top ? `（${top.title}：${RISK_LEVEL_LABELS[top.level]}，R = ${top.value}）` : '（清单为空）'}；
          触及红线时不低于“高”${s.redlines.length ? `，本次触及红线 ${s.redlines.length} 项` : ''}。</p>
        <p>各风险项按 R = 可能性 L × 影响 I 定级：12–16 重大，8–11 高，4–7 中，1–3 低。</p>
      </div>
    </details>`;
  }

  private _risk(e: ScoreResult['risk']['entries'][number]) {
    const sources: Contribution[] = e.sources.map((x) => ({ ...x }));
    return html`<details data-figure="risk" data-risk=${e.id}>
      <summary><strong>${e.title}</strong><span>${RISK_LEVEL_LABELS[e.level]}（R = ${e.value}）</span><span class="why">为什么？</span></summary>
      <div class="body">
        <p>脆弱性 V = ${e.vulnerability}：相关控制项的加权差距占比为 ${pct(e.gapShare)}（低于 30% 为 1，不超过 60% 为 2，更高为 3；权重 ≥ 3 的题目不符合时 V 至少为 2）。</p>
        <p>威胁 T = ${e.threat}：${e.exposure.length ? `存在暴露因素：${e.exposure.map((x) => EXPOSURE_FACTOR_LABELS[x]).join('、')}` : '没有相关暴露因素'}（无为 1，一项为 2，两项及以上为 3）。</p>
        <p>可能性 L = ${e.likelihood}（由 V 和 T 查表得出）。</p>
        <p>影响 I = ${e.impact}：涉及的数据${e.dataLevel ? `最高为${DATA_LEVEL_LABELS[e.dataLevel]}` : '为一般数据或未识别'}${e.otFloor ? '；企业有生产控制系统，停产类风险影响不低于 3' : ''}。</p>
        <p>R = L × I = ${e.likelihood} × ${e.impact} = ${e.value}，为“${RISK_LEVEL_LABELS[e.level]}”。产生差距的作答：</p>
        ${this._answers(sources, `${e.title}的来源作答`)}
      </div>
    </details>`;
  }

  private _pa(p: ScoreResult['maturity']['processAreas'][number], maxLevel: number) {
    return html`<details data-figure="pa" data-pa=${p.pa}>
      <summary><strong>${p.pa} ${p.name}</strong><span>${p.assessed ? `${p.level} 级` : '不适用'}</span><span class="why">为什么？</span></summary>
      <div class="body">
        ${!p.assessed
          ? html`<p>该过程域的题目均为不适用，不参与评定。</p>`
          : html`<p>逐级判定：1 级要求加权符合程度 ≥ 50%；2、3 级要求 ≥ 75%、本级实践至少部分落实且权重 ≥ 3 的关键题目没有“不符合”；某一级题目少于 3 道时与相邻级别合并判定，不由一两道题决定；须从低到高逐级达到（本次最高 ${maxLevel} 级）。</p>
              ${p.levels.map(
                (l) => html`<p><strong>${l.level} 级：${l.met ? '达到' : '未达到'}</strong>，加权符合程度 ${l.fulfilment === null ? '—（无适用题目）' : pct(l.fulfilment)}${l.pooledWith.length ? `（本级 ${l.gatingItems} 道题，与 ${l.pooledWith.join('、')} 级合并判定）` : ''}</p>
                  ${this._answers(l.items, `${p.name} ${l.level} 级的作答`)}`,
              )}
              ${p.blocker ? html`<p class="alert info">${p.blocker.reason}</p>` : nothing}
              ${p.unanswered.length ? html`<p class="muted">未作答、未计入：${p.unanswered.map((u) => u.label).join('；')}</p>` : nothing}`}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-result-explain': DsdResultExplain;
  }
}
