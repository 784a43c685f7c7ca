/**
 * Section navigation with progress: per section the answered share and the required items still open, and the
 * overall progress on top. Fires `dsd-section` with {index}. On narrow screens it folds into a disclosure.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sectionHeading } from '../data/display.js';
import { shared } from '../styles/shared.js';

export interface SectionProgress {
  id: string;
  title: string;
  answered: number;
  total: number;
  requiredLeft: number;
  errors: number;
}

@customElement('dsd-section-nav')
export class DsdSectionNav extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .overall { margin-bottom: 0.6rem; }
      progress { width: 100%; height: 0.6rem; accent-color: var(--dsd-primary); }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.2rem; }
      button.section {
        width: 100%; text-align: left; background: transparent; color: var(--dsd-text); border: 1px solid transparent;
        display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0.1rem 0.4rem; padding: 0.45rem 0.55rem; white-space: normal; min-height: 2.75rem;
      }
      button.section:hover { background: #e8f0fa; }
      button.section[aria-current='step'] { background: #e8f0fa; border-color: var(--dsd-primary); font-weight: 600; }
      .count { font-size: 0.82rem; color: var(--dsd-muted); font-weight: normal; }
      .left { grid-column: 1 / -1; font-size: 0.8rem; color: var(--dsd-warning); font-weight: normal; }
      .left.error { color: var(--dsd-danger); }
      .done { color: var(--dsd-ok); }
      details > summary { cursor: pointer; font-weight: 600; padding: 0.4rem 0; }
      @media (min-width: 901px) { details > summary { display: none; } }
    `,
  ];

  @property({ attribute: false }) sections: SectionProgress[] = [];
  @property({ type: Number }) current = 0;
  /** Open on wide screens; on narrow ones the page folds it. */
  @property({ type: Boolean }) open = true;

  override render() {
    const answered = this.sections.reduce((n, s) => n + s.answered, 0);
    const total = this.sections.reduce((n, s) => n + s.total, 0);
    const left = this.sections.reduce((n, s) => n + s.requiredLeft, 0);
    const cur = this.sections[this.current];
    return html`<nav aria-label="问卷章节">
      <div class="overall">
        <div>总进度：已答 ${answered} / ${total}${left ? html`，<span class="warning">必答未答 ${left}</span>` : nothing}</div>
        <progress max=${Math.max(total, 1)} .value=${answered} aria-label="总进度"></progress>
      </div>
      <details ?open=${this.open}>
        <summary>章节 ${this.current + 1} / ${this.sections.length}：${cur?.title ?? ''}</summary>
        <ol>
          ${this.sections.map(
            (s, i) => html`<li>
              <button class="section" aria-current=${i === this.current ? 'step' : nothing}
                @click=${() => this.dispatchEvent(new CustomEvent('dsd-section', { detail: { index: i }, bubbles: true, composed: true }))}>
                <span>${sectionHeading(i, s.title)}</span>
                <span class="count ${s.answered === s.total ? 'done' : ''}">${s.answered}/${s.total}</span>
                ${s.errors ? html`<span class="left error">${s.errors} 处错误</span>` : nothing}
                ${s.requiredLeft ? html`<span class="left">必答未答 ${s.requiredLeft}</span>` : nothing}
              </button>
            </li>`,
          )}
        </ol>
      </details>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-section-nav': DsdSectionNav;
  }
}
