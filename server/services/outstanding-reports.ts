/**
 * The reports of issued assessments that have none yet — the demo's, those issued before reports were stored, and
 * those issued through the workflow's 出具 action, which answers at once and leaves the PDF to this — rendered in the
 * background at low priority: one at a time, and only when the renderer has a slot to spare beyond one kept for users
 * (PdfRenderer.spareSlot), so the draft previews and issues people ask for never wait behind thousands of these nor
 * find the renderer's queue full. An assessment just issued through the workflow comes first; then enterprises with
 * an active account of their own (they are the ones who will look), newest first. Each report is issued in the name
 * of the user who issued the assessment and dated at its issue time (services/reports.ts). A failure is logged and
 * not retried until the next start; progress goes to the log every PROGRESS_EVERY reports; `stop()` at shutdown ends
 * the run after the report in hand.
 */
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import type { PdfRenderer } from '../report/renderer.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import { issueReport } from './reports.js';

const PROGRESS_EVERY = 50;

export interface OutstandingLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Issued assessments without a report, with the user who issued them. */
const OUTSTANDING_FROM = `FROM assessments a JOIN users u ON u.id = a.issued_by
  WHERE a.status = 'issued' AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.assessment_id = a.id)`;
const OUTSTANDING = `SELECT a.id, a.issued_at AS issuedAt, u.id AS userId, u.username, u.display_name AS displayName, u.role,
    u.district_id AS districtId, u.enterprise_id AS enterpriseId ${OUTSTANDING_FROM}`;

type Outstanding = { id: number; issuedAt: string; userId: number } & Omit<SessionUser, 'id'>;

export class OutstandingReports {
  private running: Promise<number> | null = null;
  private stopped = false;
  private verifyBase = '';
  /** Asked for by the workflow's 出具 action: these go before the rest. */
  private readonly first: number[] = [];
  /** Failed in this process: not tried again until a restart. */
  private readonly failed = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly registry: QuestionnaireRegistry,
    private readonly renderer: PdfRenderer,
    private readonly dataDir: string,
    private readonly log: OutstandingLog,
  ) {}

  /**
   * Starts a run, or has the run in progress take `assessmentId` next and look for more before it ends.
   * `verifyBase` is the verification address printed on the reports made from now on. Resolves, when the run ends,
   * with how many reports it made.
   */
  run(verifyBase: string, assessmentId?: number): Promise<number> {
    this.verifyBase = verifyBase;
    if (assessmentId !== undefined) this.first.push(assessmentId);
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.loop().finally(() => (this.running = null));
    return this.running;
  }

  /** Shutdown: no report is started after this; resolves once the one in hand is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  private async loop(): Promise<number> {
    let made = 0;
    let tried = 0;
    // Passes until nothing is left: assessments issued meanwhile are found by the next pass.
    for (let queue = this.pending(); !this.stopped && !this.renderer.closed && (queue.length > 0 || this.first.length > 0); queue = this.pending()) {
      const total = tried + queue.length + this.first.length;
      if (tried === 0) this.log.info(`后台生成已出具诊断的报告 PDF：${total} 份待生成（逐份进行，用户的请求优先）`);
      for (let id = this.first.shift() ?? queue.shift(); id !== undefined; id = this.first.shift() ?? queue.shift()) {
        await this.renderer.spareSlot();
        if (this.stopped || this.renderer.closed) break;
        const p = this.db.prepare(`${OUTSTANDING} AND a.id = ?`).get(id) as Outstanding | undefined;
        if (!p || this.failed.has(id)) continue;
        const user: SessionUser = { id: p.userId, username: p.username, displayName: p.displayName, role: p.role, districtId: p.districtId, enterpriseId: p.enterpriseId };
        try {
          await issueReport(this.db, this.registry, user, p.id, p.issuedAt, { renderer: this.renderer, dataDir: this.dataDir, verifyBase: this.verifyBase });
          made++;
        } catch (err) {
          if (this.stopped || this.renderer.closed) break;
          this.failed.add(id);
          this.log.warn(`诊断 ${id} 的报告未能生成：${(err as Error).message}`);
        }
        if (++tried % PROGRESS_EVERY === 0) this.log.info(`后台生成报告 PDF：已处理 ${tried} / ${Math.max(total, tried)} 份`);
      }
    }
    if (tried > 0)
      this.log.info(this.stopped || this.renderer.closed ? `后台生成报告 PDF 已停止：本次生成 ${made} 份，其余在下次启动时继续` : `后台生成报告 PDF 完成：本次生成 ${made} 份`);
    return made;
  }

  /** The outstanding assessments not failed in this process, in the order they are made. */
  private pending(): number[] {
    const ids = this.db
      .prepare(
        `SELECT a.id ${OUTSTANDING_FROM}
         ORDER BY EXISTS (SELECT 1 FROM users o WHERE o.enterprise_id = a.enterprise_id AND o.disabled = 0) DESC, a.issued_at DESC, a.id`,
      )
      .pluck()
      .all() as number[];
    return ids.filter((id) => !this.failed.has(id));
  }
}
