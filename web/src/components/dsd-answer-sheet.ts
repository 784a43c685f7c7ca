/**
 * The answers of a submitted assessment as a read-only sheet, section by section: each shown item with its answer
 * as a person reads it, its remark, its 待核实 flag, and an evidence item's files as download links. What a
 * diagnostician and the enterprise open once the questionnaire is no longer a draft; nothing here edits.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { visibleItems, type AnswerValue, type AssessmentDetail, type ItemDef, type Questionnaire } from '../data/contract.js';
import { displayValue, sectionHeading } from '../data/display.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-answer-sheet')
export class DsdAnswerSheet extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      section { margin-bottom: 1.2rem; }
      h2 { font-size: 1.15rem; margin: 1rem 0 0.4rem; }
      dl { margin: 0; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); background: var(--dsd-surface); }
      .entry { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 0.3rem 1rem; padding: 0.55rem 0.8rem; }
      .entry + .entry { border-top: 1px solid var(--dsd-border); }
      dt { font-weight: 600; overflow-wrap: anywhere; }
      dd { margin: 0; overflow-wrap: anywhere; }
      .none { color: var(--dsd-muted); }
      .note { margin: 0.25rem 0 0; color: var(--dsd-muted); white-space: pre-wrap; }
      .tag { display: inline-block; margin-left: 0.4rem; padding: 0 0.4rem; border-radius: 0.3rem; font-size: 0.8rem; font-weight: 600;
        color: #8a5a00; border: 1px solid #8a5a00; }
      ul.files { margin: 0; padding-left: 1.1rem; }
      @media (max-width: 640px) {
        .entry { grid-template-columns: 1fr; }
      }
    `,
  ];

  @property({ attribute: false }) questionnaire!: Questionnaire;
  /** The assessment as the server stores it: answers, remarks, flags and the evidence list. */
  @property({ attribute: false }) detail!: AssessmentDetail;

  override render() {
    const q = this.questionnaire;
    const answers = this.detail.answers as Record<string, AnswerValue>;
    const visible = visibleItems(q, answers);
    const sections = q.sections.filter((s) => s.items.some((i) => visible.has(i.id)));
    return sections.map(
      (s, index) => html`<section aria-labelledby="sheet-${s.id}">
        <h2 id="sheet-${s.id}">${sectionHeading(index, s.title)}</h2>
        <dl>${s.items.filter((i) => visible.has(i.id)).map((i) => this._row(i, answers[i.id]))}</dl>
      </section>`,
    );
  }

  private _row(def: ItemDef, value: AnswerValue | undefined) {
    const note = this.detail.notes[def.id];
    const flagged = this.detail.flags.includes(def.id);
    return html`<div class="entry" data-item=${def.id}>
      <dt>${def.label}${flagged ? html`<span class="tag">待核实</span>` : nothing}</dt>
      <dd>
        ${this._value(def, value)}
        ${note ? html`<p class="note">备注：${note}</p>` : nothing}
      </dd>
    </div>`;
  }

  private _value(def: ItemDef, value: AnswerValue | undefined) {
    if (def.kind === 'evidence') {
      const files = this.detail.evidence.filter((e) => e.itemId === def.id);
      return files.length
        ? html`<ul class="files">${files.map((f) => html`<li><a href="/api/evidence/${f.id}" download=${f.fileName}>${f.fileName}</a></li>`)}</ul>`
        : html`<span class="none">（未上传）</span>`;
    }
    const text = displayValue(def, value, this.questionnaire);
    return value === undefined ? html`<span class="none">${text}</span>` : html`${text}${def.kind === 'number' && def.unit ? ` ${def.unit}` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-answer-sheet': DsdAnswerSheet;
  }
}
