/**
 * The result of a scored assessment at a glance: the three dimensions (classification & grading readiness, risk,
 * protection maturity), the enterprise risk level, maturity level and mean, red lines and the number of findings.
 * Takes the server's ScoreResult as is; meant for the questionnaire, the enterprise portal and the report preview.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MATURITY_LEVEL_LABELS, RISK_LEVEL_LABELS, type ScoreResult } from '../data/contract.js';
import { shared } from '../styles/shared.js';

const RISK_COLOURS: Record<string, string> = { major: '#8b0000', high: '#b3261e', medium: '#8a5a00', low: '#1e6b35', none: '#1e6b35' };

@customElement('dsd-result-summary')
export class DsdResultSummary extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.8rem; }
      .tile { background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.9rem; }
      .tile h3 { font-size: 0.95rem; color: var(--dsd-muted); font-weight: 600; margin: 0 0 0.3rem; }
      .big { font-size: 1.8rem; font-weight: 700; line-height: 1.2; }
      .sub { font-size: 0.9rem; color: var(--dsd-muted); }
      ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
      .redlines { margin-top: 0.8rem; }
    `,
  ];

  /** The stored score of the assessment (GET /api/assessments/:id/score). */
  @property({ attribute: false }) score!: ScoreResult;

  override render() {
    const s = this.score;
    if (!s) return nothing;
    const m = s.maturity;
    const level = Math.max(0, Math.min(5, m.level)) as 0 | 1 | 2 | 3 | 4 | 5;
    return html`
      <div class="tiles" role="list">
        <section class="tile" role="listitem" aria-label="数据分类分级">
          <h3>数据分类分级</h3>
          <div class="big">${s.classification.score.toFixed(1)}<span class="sub"> / 100</span></div>
          ${s.classification.capped ? html`<div class="sub warning">${s.classification.gate.reason ?? '未备案数据目录，得分受限'}</div>` : nothing}
        </section>
        <section class="tile" role="listitem" aria-label="风险">
          <h3>企业风险等级</h3>
          <div class="big" style="color:${RISK_COLOURS[s.risk.level] ?? 'inherit'}">${RISK_LEVEL_LABELS[s.risk.level]}</div>
          <div class="sub">重大 ${s.risk.counts.major} · 高 ${s.risk.counts.high} · 中 ${s.risk.counts.medium} · 低 ${s.risk.counts.low}</div>
        </section>
        <section class="tile" role="listitem" aria-label="防护成熟度">
          <h3>防护成熟度（DSMM）</h3>
          <div class="big">${level} 级</div>
          <div class="sub">${MATURITY_LEVEL_LABELS[level]} · 过程域平均 ${m.mean.toFixed(2)}${m.cappedByRedline ? ' · 因触及红线封顶' : ''}</div>
        </section>
        <section class="tile" role="listitem" aria-label="问题">
          <h3>发现的问题</h3>
          <div class="big">${s.findings.length} 项</div>
          <div class="sub">红线 ${s.redlines.length} 项</div>
        </section>
      </div>
      ${s.redlines.length
        ? html`<div class="redlines alert error"><strong>触及红线：</strong>
            <ul>${s.redlines.map((r) => html`<li>${r.label}</li>`)}</ul></div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-result-summary': DsdResultSummary;
  }
}
