/**
 * One assessment: filling the questionnaire (mode 'assessment'), the review before submit ('review') and the result
 * after submit ('result'). Every edit goes to IndexedDB and the outbox first (data/store.ts), then the outbox is sent
 * (data/sync.ts); visibility and validation come from the server's own domain code through data/contract.ts.
 * An assessment outside the user's scope is answered 404 by the server and shown as "no access", with none of its data.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { openAssessment } from '../data/assessments.js';
import {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS,
  availableActions,
  missingRequired,
  validateAnswers,
  visibleItems,
  type AnswerProblem,
  type AnswerValue,
  type AssessmentAction,
  type Questionnaire,
  type ScoreResult,
  type SessionUser,
} from '../data/contract.js';
import { displayValue, sectionHeading } from '../data/display.js';
import {
  entriesOf,
  getLocal,
  now,
  putLocal,
  removeEvidence,
  writeItem,
  writeEvidence,
  type LocalAssessment,
} from '../data/store.js';
import { SYNC_EVENT, announce, resolveConflict, syncAssessment } from '../data/sync.js';
import { navigate } from '../router.js';
import { shared } from '../styles/shared.js';
import '../components/dsd-answer-sheet.js';
import '../components/dsd-item-field.js';
import '../components/dsd-section-nav.js';
import '../components/dsd-sync-badge.js';
import '../components/dsd-conflict-view.js';
import '../components/dsd-result-summary.js';
import '../components/dsd-report-actions.js';
import type { SectionProgress } from '../components/dsd-section-nav.js';

type Mode = 'assessment' | 'review' | 'result';

/** Changes are sent after this pause, so quick successive answers travel in one batch. */
const SEND_DELAY_MS = 400;

@customElement('dsd-questionnaire-page')
export class DsdQuestionnairePage extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .top { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline; justify-content: space-between; margin-bottom: 0.8rem; }
      .top h1 { margin: 0; }
      .meta { color: var(--dsd-muted); font-size: 0.9rem; }
      .layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 1rem; align-items: start; }
      aside { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow: auto; background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.7rem; }
      .items { display: grid; gap: 0.7rem; }
      .section-head p { margin: 0 0 0.6rem; color: var(--dsd-muted); }
      .pager { display: flex; justify-content: space-between; gap: 0.5rem; margin-top: 1rem; flex-wrap: wrap; }
      .review ul { padding-left: 1.2rem; }
      .review li { margin: 0.25rem 0; }
      .review section { margin-bottom: 1rem; }
      .result-extra { display: grid; gap: 1rem; margin: 1rem 0; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: 1fr; }
        aside { position: static; max-height: none; }
      }
    `,
  ];

  @property({ attribute: false }) user!: SessionUser;
  @property({ type: Number }) assessmentId = 0;
  @property() mode: Mode = 'assessment';

  @state() private _local: LocalAssessment | null = null;
  @state() private _q: Questionnaire | null = null;
  @state() private _error: { title: string; text: string } | null = null;
  @state() private _section = 0;
  @state() private _pending = 0;
  @state() private _offline = false;
  @state() private _submitProblems: { itemId: string; message: string }[] = [];
  @state() private _submitMessage = '';
  /** The server's reason when it withholds the result from this user (403 results_not_issued). */
  @state() private _resultWithheld = '';
  @state() private _score: ScoreResult | null = null;
  @state() private _busy = false;
  private _visible = new Set<string>();
  private _problems = new Map<string, AnswerProblem[]>();
  private _sendTimer = 0;
  private readonly _onSync = (e: Event) => {
    if ((e as CustomEvent<{ assessmentId: number }>).detail.assessmentId === this.assessmentId) void this._reloadLocal();
  };
  private readonly _onHash = () => this._goToHash();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SYNC_EVENT, this._onSync);
    window.addEventListener('dsd-route', this._onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SYNC_EVENT, this._onSync);
    window.removeEventListener('dsd-route', this._onHash);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('assessmentId')) void this._load();
    if (changed.has('mode') && this.mode === 'result' && this._local) void this._loadScore();
  }

  private async _load(): Promise<void> {
    this._error = null;
    this._local = null;
    try {
      const open = await openAssessment(this.assessmentId, this.user);
      this._q = open.questionnaire;
      this._offline = open.offline;
      this._setLocal(open.local);
      this._pending = (await entriesOf(this.assessmentId)).filter((e) => e.userId === this.user.id).length;
      // Once submitted there is nothing to check before submit: the assessment's page shows the answers read-only.
      if (open.local.detail.status !== 'draft' && this.mode === 'review') navigate(`/assessments/${this.assessmentId}`, { replace: true });
      else if (this.mode === 'result') await this._loadScore();
      if (this._pending && !open.offline) void syncAssessment(this.assessmentId);
      await this.updateComplete;
      this._goToHash();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403))
        this._error = { title: '无权访问', text: '您无权查看此诊断，或该诊断不存在。' };
      else this._error = { title: '无法打开诊断', text: err instanceof ApiError ? err.message : String(err) };
    }
  }

  private async _loadScore(): Promise<void> {
    this._resultWithheld = '';
    // The explanations, the next-level plan and the comparison load with the first result shown (their own chunks).
    void import('../components/dsd-result-explain.js');
    void import('../components/dsd-next-level.js');
    void import('../components/dsd-result-compare.js');
    try {
      this._score = await api.score(this.assessmentId);
    } catch (err) {
      // An enterprise sees a field assessment's scores only once the report is issued: not an error, a wait.
      if (err instanceof ApiError && err.status === 403 && err.code === 'results_not_issued') this._resultWithheld = err.message;
      else this._submitMessage = err instanceof ApiError ? err.message : String(err);
    }
  }

  private async _reloadLocal(): Promise<void> {
    const local = await getLocal(this.assessmentId);
    if (local) this._setLocal(local);
    this._pending = (await entriesOf(this.assessmentId)).filter((e) => e.userId === this.user.id).length;
  }

  private _setLocal(local: LocalAssessment): void {
    const q = this._q!;
    this._visible = visibleItems(q, local.answers);
    const problems = new Map<string, AnswerProblem[]>();
    // Unanswered required items are listed on the review page; inline, only what the answers themselves say.
    for (const p of validateAnswers(q, local.answers).problems)
      if (!p.message.startsWith('必答题目')) problems.set(p.itemId, [...(problems.get(p.itemId) ?? []), p]);
    this._problems = problems;
    this._local = local;
  }

  /** What the server would let this user do to the assessment now (the server's own workflow table). */
  private _may(action: AssessmentAction): boolean {
    return !!this._local && availableActions(this.user.role, this._local.detail).includes(action);
  }

  private get _author() {
    return { id: this.user.id, displayName: this.user.displayName };
  }

  private _scheduleSend(): void {
    clearTimeout(this._sendTimer);
    this._sendTimer = window.setTimeout(() => void syncAssessment(this.assessmentId), SEND_DELAY_MS);
  }

  private _afterWrite(local: LocalAssessment): void {
    this._setLocal(local);
    announce(this.assessmentId, { otherTabsOnly: true });
    // The exact count follows with the next sync event; until then each write adds one at most.
    this._pending += 1;
    void requestPersistence();
    this._scheduleSend();
  }

  private async _onAnswer(e: CustomEvent<{ itemId: string; value: AnswerValue | null }>): Promise<void> {
    this._afterWrite(await writeItem(this.assessmentId, this._author, e.detail.itemId, { value: e.detail.value }));
  }

  private async _onNote(e: CustomEvent<{ itemId: string; note: string }>): Promise<void> {
    this._afterWrite(await writeItem(this.assessmentId, this._author, e.detail.itemId, { note: e.detail.note }));
  }

  private async _onFlag(e: CustomEvent<{ itemId: string; flagged: boolean }>): Promise<void> {
    this._afterWrite(await writeItem(this.assessmentId, this._author, e.detail.itemId, { flagged: e.detail.flagged }));
  }

  private async _onEvidenceAdd(e: CustomEvent<{ itemId: string; files: File[] }>): Promise<void> {
    let local = this._local!;
    for (const f of e.detail.files) local = await writeEvidence(this.assessmentId, this._author, e.detail.itemId, f);
    this._afterWrite(local);
  }

  private async _onEvidenceRemove(e: CustomEvent<{ itemId: string; sha256: string }>): Promise<void> {
    this._afterWrite(await removeEvidence(this.assessmentId, this._author, e.detail.itemId, e.detail.sha256));
  }

  private _sectionsInView() {
    return this._q!.sections.filter((s) => s.items.some((i) => this._visible.has(i.id)));
  }

  private _progress(): SectionProgress[] {
    const answers = this._local!.answers;
    const missing = new Set(missingRequired(this._q!, answers, this._visible));
    return this._sectionsInView().map((s) => {
      const items = s.items.filter((i) => this._visible.has(i.id));
      return {
        id: s.id,
        title: s.title,
        total: items.length,
        answered: items.filter((i) => answered(answers[i.id])).length,
        requiredLeft: items.filter((i) => missing.has(i.id)).length,
        errors: items.filter((i) => this._problems.get(i.id)?.some((p) => p.level === 'error')).length,
      };
    });
  }

  /** #item-id in the URL (links from the review page) opens that item's section and focuses the item. */
  private _goToHash(): void {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id || !this._q || this.mode !== 'assessment') return;
    const sectionId = this._q.itemById.get(id)?.sectionId;
    const index = this._sectionsInView().findIndex((s) => s.id === sectionId);
    if (index < 0) return;
    this._section = index;
    void this.updateComplete.then(() => {
      const field = this.renderRoot.querySelector<HTMLElement>(`dsd-item-field[data-item="${CSS.escape(id)}"]`);
      field?.scrollIntoView({ block: 'center' });
      // The item's own control first (also inside the inventory and evidence components), not its 待核实 box.
      const root = field?.shadowRoot;
      const nested = root?.querySelector('dsd-inventory-table, dsd-evidence-field')?.shadowRoot;
      const control =
        nested?.querySelector<HTMLElement>('button, input, select') ??
        root?.querySelector<HTMLElement>('fieldset input, fieldset select, fieldset textarea, input[id^="in-"], textarea[id^="in-"], select') ??
        root?.querySelector<HTMLElement>('input, select, textarea, button');
      control?.focus();
    });
  }

  private _goSection(index: number): void {
    this._section = index;
    if (location.hash) history.replaceState(null, '', location.pathname);
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('.section-head h2')?.focus();
    });
  }

  override render() {
    if (this._error)
      return html`<section><h1>${this._error.title}</h1><p class="alert error" role="alert">${this._error.text}</p><p><a href="/">返回首页</a></p></section>`;
    if (!this._local || !this._q) return html`<p role="status">正在打开诊断…</p>`;
    const d = this._local.detail;
    const sheet = this.mode === 'assessment' && d.status !== 'draft';
    return html`
      <div class="top">
        <div>
          <h1>${d.enterpriseName}</h1>
          <div class="meta">${this._q.title} · 问卷版本 ${d.questionnaireVersion} · ${ASSESSMENT_KIND_LABELS[d.kind]} · ${ASSESSMENT_STATUS_LABELS[d.status]}</div>
        </div>
        ${this.mode !== 'result' && (!sheet || this._pending)
          ? html`<dsd-sync-badge .sync=${this._local.sync} .pending=${this._pending} @dsd-retry=${this._retry}></dsd-sync-badge>`
          : nothing}
      </div>
      ${this._offline ? html`<p class="alert warning" role="status">服务器暂时无法连接：显示的是本机保存的内容，可以继续填写。</p>` : nothing}
      ${this._local.conflict
        ? html`<dsd-conflict-view .conflicts=${this._local.conflict.items} .questionnaire=${this._q} .assessmentId=${this.assessmentId}
            @dsd-resolve=${this._resolve}></dsd-conflict-view>`
        : nothing}
      ${sheet ? this._sheet() : this.mode === 'assessment' ? this._fill() : this.mode === 'review' ? this._review() : this._result()}
    `;
  }

  /** A submitted (or later) assessment: its answers read-only, section by section, with the way to the result. */
  private _sheet() {
    const local = this._local!;
    return html`<p class="alert info" role="status">此诊断已提交，以下是提交的答案（只读）。</p>
      <p><a class="button secondary" href="/assessments/${this.assessmentId}/result">查看${local.detail.kind === 'self' ? '自评估' : '诊断'}结果</a></p>
      <dsd-answer-sheet .questionnaire=${this._q!}
        .detail=${{ ...local.detail, answers: local.answers, notes: local.notes, flags: local.flags }}></dsd-answer-sheet>`;
  }

  private async _retry(): Promise<void> {
    const local = await getLocal(this.assessmentId);
    if (local && local.sync.state === 'failed') await putLocal({ ...local, sync: { state: 'local', at: now() } });
    await syncAssessment(this.assessmentId);
  }

  private async _resolve(e: CustomEvent<{ choices: Record<string, 'mine' | 'server'> }>): Promise<void> {
    await resolveConflict(this.assessmentId, e.detail.choices);
    await this._reloadLocal();
  }

  private _fill() {
    const sections = this._sectionsInView();
    const index = Math.min(this._section, sections.length - 1);
    const section = sections[index];
    const local = this._local!;
    const narrow = window.matchMedia('(max-width: 900px)').matches;
    const serverFiles = local.detail.evidence;
    const readonly = !this._may('edit');
    return html`${readonly
        ? html`<p class="alert info" role="status">此诊断由${local.detail.kind === 'field' ? '诊断人员现场填写' : '企业填写'}，当前账号只能查看，不能修改。</p>`
        : nothing}
      <div class="layout">
      <aside>
        <dsd-section-nav .sections=${this._progress()} .current=${index} .open=${!narrow}
          @dsd-section=${(e: CustomEvent<{ index: number }>) => this._goSection(e.detail.index)}></dsd-section-nav>
        ${readonly ? nothing : html`<p><a class="button secondary" href="/assessments/${this.assessmentId}/review">检查并提交</a></p>`}
      </aside>
      <section aria-labelledby="section-title"
        @dsd-answer=${this._onAnswer} @dsd-note=${this._onNote} @dsd-flag=${this._onFlag}
        @dsd-evidence-add=${this._onEvidenceAdd} @dsd-evidence-remove=${this._onEvidenceRemove}>
        <div class="section-head">
          <h2 id="section-title" tabindex="-1">${sectionHeading(index, section.title)}</h2>
          ${section.description ? html`<p>${section.description}</p>` : nothing}
        </div>
        <div class="items">
          ${section.items
            .filter((i) => this._visible.has(i.id))
            .map(
              (i) => html`<dsd-item-field data-item=${i.id} .def=${i} .questionnaire=${this._q!} .value=${local.answers[i.id]}
                .note=${local.notes[i.id] ?? ''} ?flagged=${local.flags.includes(i.id)} .problems=${this._problems.get(i.id) ?? []}
                .assessmentId=${this.assessmentId} .serverFiles=${serverFiles} ?readonly=${readonly}
                .audience=${local.detail.kind === 'self' ? 'enterprise' : 'diagnostician'}></dsd-item-field>`,
            )}
        </div>
        <div class="pager">
          ${index > 0 ? html`<button class="secondary" @click=${() => this._goSection(index - 1)}>← 上一章：${sections[index - 1].title}</button>` : html`<span></span>`}
          ${index < sections.length - 1
            ? html`<button @click=${() => this._goSection(index + 1)}>下一章：${sections[index + 1].title} →</button>`
            : readonly
              ? html`<span></span>`
              : html`<a class="button" href="/assessments/${this.assessmentId}/review">检查并提交 →</a>`}
        </div>
      </section>
    </div>`;
  }

  private _review() {
    const q = this._q!;
    const local = this._local!;
    const all = validateAnswers(q, local.answers).problems;
    const errors = all.filter((p) => p.level === 'error');
    const warnings = all.filter((p) => p.level === 'warning' && !p.message.startsWith('必答题目'));
    const missing = missingRequired(q, local.answers, this._visible);
    const flagged = local.flags.filter((id) => this._visible.has(id));
    const link = (itemId: string, text: string) =>
      html`<li><a href="/assessments/${this.assessmentId}#${itemId}">${q.itemById.get(itemId)?.def.label ?? itemId}</a>${text ? html`：${text}` : nothing}</li>`;
    const strip = (m: string) => m.replace(/^题目 [^：]+：/, '');
    const blocked = errors.length > 0 || missing.length > 0;
    const maySubmit = this._may('submit');
    return html`<div class="review">
      <h2>提交前检查</h2>
      ${this._submitProblems.length
        ? html`<section class="alert error" role="alert">
            <h3>服务器校验未通过（${this._submitProblems.length} 处）</h3>
            <ul>${this._submitProblems.map((p) => link(p.itemId, strip(p.message)))}</ul>
          </section>`
        : nothing}
      ${this._submitMessage ? html`<p class="alert error" role="alert">${this._submitMessage}</p>` : nothing}
      <section>
        <h3>必答未答（${missing.length}）</h3>
        ${missing.length ? html`<ul>${missing.map((id) => link(id, ''))}</ul>` : html`<p class="ok">必答题目均已作答。</p>`}
      </section>
      <section>
        <h3>错误（${errors.length}）</h3>
        ${errors.length ? html`<ul>${errors.map((p) => link(p.itemId, strip(p.message)))}</ul>` : html`<p class="ok">没有错误。</p>`}
      </section>
      <section>
        <h3>提示（${warnings.length}，不影响提交）</h3>
        ${warnings.length ? html`<ul>${warnings.map((p) => link(p.itemId, strip(p.message)))}</ul>` : html`<p class="muted">没有提示。</p>`}
      </section>
      <section>
        <h3>标记为待核实（${flagged.length}）</h3>
        ${flagged.length
          ? html`<ul>${flagged.map((id) => link(id, `当前答案：${displayValue(q.itemById.get(id)?.def, local.answers[id], q)}${local.notes[id] ? `；备注：${local.notes[id]}` : ''}`))}</ul>`
          : html`<p class="muted">没有待核实的题目。</p>`}
      </section>
      <div class="row">
        <a class="button secondary" href="/assessments/${this.assessmentId}">← 返回填写</a>
        <button @click=${this._submit} ?disabled=${this._busy || blocked || !maySubmit}>${this._busy ? '正在提交…' : '提交诊断'}</button>
        ${!maySubmit
          ? html`<span class="muted">当前账号不能提交此诊断。</span>`
          : blocked
            ? html`<span class="muted">请先处理必答未答和错误。</span>`
            : nothing}
      </div>
    </div>`;
  }

  private async _submit(): Promise<void> {
    this._busy = true;
    this._submitMessage = '';
    this._submitProblems = [];
    try {
      await syncAssessment(this.assessmentId);
      await this._reloadLocal();
      if (this._pending > 0) {
        this._submitMessage = `还有 ${this._pending} 项修改尚未同步到服务器（${this._local?.sync.reason ?? '请联网后重试'}），同步完成后才能提交。`;
        return;
      }
      await api.submit(this.assessmentId);
      this._setLocal((await openAssessment(this.assessmentId, this.user)).local);
      navigate(`/assessments/${this.assessmentId}/result`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422)
        this._submitProblems = (err.details as { problems: { itemId: string; message: string }[] }).problems;
      else this._submitMessage = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _result() {
    const d = this._local!.detail;
    return html`<section aria-labelledby="result-title">
      <h2 id="result-title">${d.kind === 'self' ? '自评估结果' : '诊断结果'}</h2>
      ${d.status !== 'draft' ? html`<p><a href="/assessments/${this.assessmentId}">查看提交的答案</a></p>` : nothing}
      ${d.kind === 'self' && d.status !== 'draft'
        ? html`<p class="alert ${d.status === 'submitted' ? 'warning' : 'info'}" role="note" data-self-mark>
            ${d.status === 'submitted' ? '自评估（未经复核）：以下结果由企业自行填报计算，尚未经诊断人员复核。' : '自评估（已复核）：诊断人员已审核本次自评估。'}</p>`
        : nothing}
      ${d.status === 'draft'
        ? html`<p>此诊断尚未提交。<a href="/assessments/${this.assessmentId}">继续填写</a></p>`
        : this._score
          ? html`<dsd-result-summary .score=${this._score}></dsd-result-summary>
              <dsd-report-actions .assessmentId=${this.assessmentId} .status=${d.status} .kind=${d.kind} .userRole=${this.user.role}
                @report-issued=${() => void this._load()}></dsd-report-actions>
              <div class="result-extra">
                <dsd-next-level .assessmentId=${this.assessmentId} .questionnaire=${this._q}></dsd-next-level>
                <dsd-result-compare .assessment=${d} .score=${this._score}></dsd-result-compare>
              </div>
              <dsd-result-explain .score=${this._score} .questionnaire=${this._q}></dsd-result-explain>
              ${d.status === 'reviewed' || d.status === 'issued' ? html`<p><a class="button secondary" href="/rectifications?assessmentId=${this.assessmentId}">查看整改进度</a></p>` : nothing}`
          : this._resultWithheld
            ? html`<p class="alert info" role="status">${this._resultWithheld}。</p>`
            : html`<p role="status">${this._submitMessage || '正在加载结果…'}</p>`}
      <p><a href="/">返回首页</a></p>
    </section>`;
  }
}

function answered(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Asks once that the browser keep this site's storage under pressure; the offline page shows the outcome. */
let persistenceAsked = false;
async function requestPersistence(): Promise<void> {
  if (persistenceAsked || !navigator.storage?.persist) return;
  persistenceAsked = true;
  await navigator.storage.persist();
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-questionnaire-page': DsdQuestionnairePage;
  }
}
