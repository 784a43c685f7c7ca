/**
 * One questionnaire item: its label (the accessible name of its control), help, guidance one tap away, the input
 * for its kind, its validation messages, a remark and the 待核实 flag. It edits nothing itself: it fires
 * `dsd-answer` (detail {itemId, value}; null clears), `dsd-note` ({itemId, note}) and `dsd-flag` ({itemId, flagged}).
 * Text and numbers are reported on change and after a short pause in typing, so typing never waits on storage.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CONTROL_ANSWER_LABELS, type AnswerProblem, type AnswerValue, type ItemDef, type Questionnaire } from '../data/contract.js';
import { shared } from '../styles/shared.js';
import './dsd-inventory-table.js';
import './dsd-evidence-field.js';

const TYPING_PAUSE_MS = 700;

@customElement('dsd-item-field')
export class DsdItemField extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .item { padding: 0.9rem 1rem; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); background: var(--dsd-surface); }
      .item.flagged { border-left: 4px solid var(--dsd-warning); }
      .item.has-error { border-color: var(--dsd-danger); }
      fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
      legend, .label { font-weight: 600; padding: 0; margin-bottom: 0.4rem; display: block; }
      .req { color: var(--dsd-danger); margin-left: 0.2rem; }
      .help { color: var(--dsd-muted); font-size: 0.92rem; margin: 0 0 0.5rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.4rem; }
      .choices label {
        display: inline-flex; align-items: center; gap: 0.35rem; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius);
        padding: 0.35rem 0.7rem; min-height: 2.5rem; background: #fafbfc;
      }
      .choices label:has(input:checked) { border-color: var(--dsd-primary); background: #e8f0fa; }
      .choices.vertical { flex-direction: column; align-items: stretch; }
      input[type='radio'], input[type='checkbox'] { width: 1.15rem; height: 1.15rem; min-height: 0; margin: 0; }
      input[type='text'], input[type='number'], input[type='date'] { width: min(100%, 24rem); }
      .unit { margin-left: 0.4rem; color: var(--dsd-muted); }
      details.guidance { margin: 0.3rem 0 0.5rem; font-size: 0.92rem; }
      details.guidance summary { cursor: pointer; color: var(--dsd-primary); width: fit-content; }
      details.guidance dl { margin: 0.4rem 0 0; padding: 0.5rem 0.7rem; background: #f3f6fa; border-radius: var(--dsd-radius); }
      details.guidance dt { font-weight: 600; }
      details.guidance dd { margin: 0 0 0.4rem; }
      .messages { margin: 0.4rem 0 0; padding: 0; list-style: none; font-size: 0.92rem; }
      .extras { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; align-items: center; margin-top: 0.6rem; font-size: 0.92rem; }
      .extras label { display: inline-flex; align-items: center; gap: 0.3rem; }
      .note { margin-top: 0.4rem; }
      .refs { font-size: 0.82rem; color: var(--dsd-muted); margin: 0.3rem 0 0; }
    `,
  ];

  @property({ attribute: false }) def!: ItemDef;
  @property({ attribute: false }) questionnaire!: Questionnaire;
  @property({ attribute: false }) value: AnswerValue | undefined;
  @property() note = '';
  @property({ type: Boolean }) flagged = false;
  @property({ attribute: false }) problems: AnswerProblem[] = [];
  /** Assessment id, for evidence thumbnails of files already on the server. */
  @property({ type: Number }) assessmentId = 0;
  @property({ attribute: false }) serverFiles: { id: number; sha256: string; itemId: string }[] = [];
  @property({ type: Boolean }) readonly = false;
  /** Who answers: the enterprise (self-assessment) reads what each answer means and what to prepare, not interview tips. */
  @property() audience: 'diagnostician' | 'enterprise' = 'diagnostician';
  @state() private _noteOpen = false;
  private _timers = new Map<string, { timer: number; send: () => void }>();
  /** Leaving the page or the section sends what was typed in the last pause. */
  private readonly _flush = () => {
    for (const { timer, send } of this._timers.values()) {
      clearTimeout(timer);
      send();
    }
    this._timers.clear();
  };

  private _fire(name: string, detail: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { itemId: this.def.id, ...detail }, bubbles: true, composed: true }));
  }

  private _answer(value: AnswerValue | null): void {
    this._fire('dsd-answer', { value });
  }

  /** Debounced while typing; flushed on change (blur, Enter) so the last keystrokes are never left behind. */
  private _typed(key: string, send: () => void, now = false): void {
    clearTimeout(this._timers.get(key)?.timer);
    this._timers.delete(key);
    if (now) send();
    else
      this._timers.set(key, {
        send,
        timer: window.setTimeout(() => {
          this._timers.delete(key);
          send();
        }, TYPING_PAUSE_MS),
      });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this._flush);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this._flush);
    this._flush();
  }

  private get _inputId(): string {
    return `in-${this.def.id}`;
  }

  override render() {
    const d = this.def;
    const errors = this.problems.filter((p) => p.level === 'error');
    const groupKinds = ['control', 'yesno', 'single', 'multi'];
    const labelled = groupKinds.includes(d.kind) || d.kind === 'inventory' || d.kind === 'evidence';
    const labelText = html`${d.label}${d.required ? html`<span class="req" aria-hidden="true">*</span><span class="visually-hidden">（必答）</span>` : nothing}`;
    const body = html`
      ${d.help ? html`<p class="help" id="help-${d.id}">${d.help}</p>` : nothing}
      ${this.audience === 'enterprise' ? this._selfGuidance() : d.guidance || this._rubric ? this._guidance() : nothing}
      ${this._input()}
    `;
    return html`<div class="item ${this.flagged ? 'flagged' : ''} ${errors.length ? 'has-error' : ''}" id="item-${d.id}">
      ${labelled
        ? html`<fieldset aria-describedby=${d.help ? `help-${d.id}` : nothing}><legend>${labelText}</legend>${body}</fieldset>`
        : html`<label class="label" for=${this._inputId}>${labelText}</label>${body}`}
      ${this.problems.length
        ? html`<ul class="messages" id="msg-${d.id}">
            ${this.problems.map((p) => html`<li class=${p.level}>${p.level === 'error' ? '错误' : '提示'}：${p.message.replace(/^题目 [^：]+：/, '')}</li>`)}
          </ul>`
        : nothing}
      <div class="extras">
        <label><input type="checkbox" .checked=${this.flagged} ?disabled=${this.readonly}
          @change=${(e: Event) => this._fire('dsd-flag', { flagged: (e.target as HTMLInputElement).checked })} />待核实</label>
        <button class="link" aria-expanded=${this._noteOpen || !!this.note ? 'true' : 'false'} @click=${() => (this._noteOpen = !this._noteOpen)}>
          ${this.note ? '备注（已填写）' : '添加备注'}
        </button>
        ${d.refs?.length ? html`<p class="refs">依据：${d.refs.map((r) => `${r.standard}${r.clause ? ' ' + r.clause : ''}`).join('；')}</p>` : nothing}
      </div>
      ${this._noteOpen || this.note
        ? html`<div class="note"><label class="visually-hidden" for="note-${d.id}">${d.label} 的备注</label>
            <textarea id="note-${d.id}" .value=${this.note} ?readonly=${this.readonly} placeholder="备注（现场情况、待补充材料等）"
              @input=${(e: Event) => this._typed('note', () => this._fire('dsd-note', { note: (e.target as HTMLTextAreaElement).value }))}
              @change=${(e: Event) => this._typed('note', () => this._fire('dsd-note', { note: (e.target as HTMLTextAreaElement).value }), true)}></textarea></div>`
        : nothing}
    </div>`;
  }

  /** What 符合 / 部分符合 / 不符合 mean for this item, so two diagnosticians rate the same site alike. */
  private get _rubric() {
    return 'rubric' in this.def ? this.def.rubric : undefined;
  }

  private _guidance() {
    const g = this.def.guidance;
    const r = this._rubric;
    return html`<details class="guidance">
      <summary>提问与查证要点${r ? '、评分细则' : ''}</summary>
      <dl>
        ${g?.ask ? html`<dt>怎么问</dt><dd>${g.ask}</dd>` : nothing}
        ${g?.evidence ? html`<dt>看什么证据</dt><dd>${g.evidence}</dd>` : nothing}
        ${r
          ? html`<dt>评分细则</dt>
              <dd class="rubric"><b>符合：</b>${r.full}<br /><b>部分符合：</b>${r.partial}<br /><b>不符合：</b>${r.none}</dd>`
          : nothing}
      </dl>
    </details>`;
  }

  /** For a self-assessment: what 符合 / 部分符合 / 不符合 look like (the rubric) and what to have at hand. */
  private _selfGuidance() {
    const rubric = this._rubric;
    const evidence = this.def.guidance?.evidence;
    if (!rubric && !evidence) return nothing;
    return html`<details class="guidance">
      <summary>如何作答</summary>
      <dl>
        ${rubric
          ? html`<dt>符合</dt><dd>${rubric.full}</dd><dt>部分符合</dt><dd>${rubric.partial}</dd><dt>不符合</dt><dd>${rubric.none}</dd>`
          : nothing}
        ${evidence ? html`<dt>可对照的材料</dt><dd>${evidence}</dd>` : nothing}
      </dl>
    </details>`;
  }

  private _radios(options: { value: string; label: string }[], current: string | undefined, onPick: (v: string) => void) {
    // A long list reads and types better as a drop-down (type-ahead by the first characters).
    if (options.length > 8)
      return html`<select aria-label=${this.def.label} ?disabled=${this.readonly}
        @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v) onPick(v);
          else this._answer(null);
        }}>
        <option value="" ?selected=${current === undefined}>请选择</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${current === o.value}>${o.label}</option>`)}
      </select>`;
    const vertical = options.some((o) => o.label.length > 8) || options.length > 5;
    return html`<div class="choices ${vertical ? 'vertical' : ''}">
      ${options.map(
        (o) => html`<label><input type="radio" name="r-${this.def.id}" value=${o.value} .checked=${current === o.value}
          ?disabled=${this.readonly} @change=${() => onPick(o.value)} />${o.label}</label>`,
      )}
    </div>`;
  }

  private _input() {
    const d = this.def;
    const v = this.value;
    const ro = this.readonly;
    switch (d.kind) {
      case 'control': {
        const codes = d.na_allowed ? (['full', 'partial', 'none', 'na'] as const) : (['full', 'partial', 'none'] as const);
        return this._radios(codes.map((c) => ({ value: c, label: CONTROL_ANSWER_LABELS[c] })), v as string | undefined, (x) => this._answer(x));
      }
      case 'yesno':
        return this._radios(
          [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }],
          v === true ? 'yes' : v === false ? 'no' : undefined,
          (x) => this._answer(x === 'yes'),
        );
      case 'single':
        return this._radios(d.options, v as string | undefined, (x) => this._answer(x));
      case 'multi': {
        const picked = new Set((v as string[] | undefined) ?? []);
        const exclusive = new Set(d.options.filter((o) => o.exclusive).map((o) => o.value));
        const toggle = (value: string, on: boolean) => {
          let next = d.options.map((o) => o.value).filter((x) => (x === value ? on : picked.has(x)));
          if (on && exclusive.has(value)) next = [value];
          else if (on) next = next.filter((x) => !exclusive.has(x));
          this._answer(next.length ? next : null);
        };
        return html`<div class="choices ${d.options.length > 4 ? 'vertical' : ''}">
          ${d.options.map(
            (o) => html`<label><input type="checkbox" value=${o.value} .checked=${picked.has(o.value)} ?disabled=${ro}
              @change=${(e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked)} />${o.label}</label>`,
          )}
        </div>`;
      }
      case 'number': {
        const send = (el: HTMLInputElement) => {
          if (el.value.trim() === '') return this._answer(null);
          const n = Number(el.value);
          if (Number.isFinite(n)) this._answer(n);
        };
        return html`<input id=${this._inputId} type="number" inputmode="decimal" step=${d.integer ? '1' : 'any'}
          min=${d.min ?? nothing} max=${d.max ?? nothing} .value=${v === undefined ? '' : String(v)} ?readonly=${ro}
          @input=${(e: Event) => this._typed('v', () => send(e.target as HTMLInputElement))}
          @change=${(e: Event) => this._typed('v', () => send(e.target as HTMLInputElement), true)} />${d.unit ? html`<span class="unit">${d.unit}</span>` : nothing}`;
      }
      case 'text': {
        const send = (el: HTMLInputElement | HTMLTextAreaElement) => this._answer(el.value === '' ? null : el.value);
        return d.multiline
          ? html`<textarea id=${this._inputId} maxlength=${d.max_length} .value=${(v as string | undefined) ?? ''} ?readonly=${ro}
              @input=${(e: Event) => this._typed('v', () => send(e.target as HTMLTextAreaElement))}
              @change=${(e: Event) => this._typed('v', () => send(e.target as HTMLTextAreaElement), true)}></textarea>`
          : html`<input id=${this._inputId} type="text" maxlength=${d.max_length} .value=${(v as string | undefined) ?? ''} ?readonly=${ro}
              @input=${(e: Event) => this._typed('v', () => send(e.target as HTMLInputElement))}
              @change=${(e: Event) => this._typed('v', () => send(e.target as HTMLInputElement), true)} />`;
      }
      case 'date':
        return html`<input id=${this._inputId} type="date" .value=${(v as string | undefined) ?? ''} ?readonly=${ro}
          @change=${(e: Event) => this._answer((e.target as HTMLInputElement).value || null)} />`;
      case 'inventory':
        return html`<dsd-inventory-table .rows=${(v as never) ?? []} .questionnaire=${this.questionnaire} .label=${d.label}
          ?readonly=${ro} @dsd-rows=${(e: CustomEvent<{ rows: AnswerValue }>) => {
            e.stopPropagation();
            const rows = e.detail.rows as unknown[];
            this._answer(rows.length ? e.detail.rows : null);
          }}></dsd-inventory-table>`;
      case 'evidence':
        return html`<dsd-evidence-field .def=${d} .files=${(v as never) ?? []} .assessmentId=${this.assessmentId}
          .serverFiles=${this.serverFiles.filter((f) => f.itemId === d.id)} ?readonly=${ro}></dsd-evidence-field>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-item-field': DsdItemField;
  }
}
