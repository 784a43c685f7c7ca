/**
 * A district's or an industry's issued reports as one ZIP (批量下载). The archive is written to a file under
 * <data>/batches in the background, one stored PDF streamed after another (each report and its annex, 附件), giving the event loop back between files
 * so single downloads and everything else go on; the requester polls its progress and may cancel it. Only the current
 * report of each assessment is packed (not the superseded ones).
 *
 * Who: bureau and administrators any district or industry; a district officer only their own district (another one
 * is 403, as on the dashboard); other roles 403. A batch is its requester's alone: anyone else asking for it gets 404.
 *
 * Batches are rows of report_batches (who asked, the scope, status, progress, the file, when it expires), so a finished
 * archive outlives a restart. One per user: a new request replaces the previous one. A finished archive is removed an
 * hour after it was made (checked at start, every few minutes and whenever it is asked for) or when cancelled. A batch
 * still packing when the server stops, or found packing at start (the process died), is marked failed with the reason,
 * and its partial file removed; files no batch accounts for are removed at start, and a finished batch whose file is
 * gone counts as expired.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../domain/roles.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import type { ReportBatch } from '../schemas/reports.js';
import { dashboardScope } from './dashboard.js';
import { enterpriseScope } from './access.js';
import { ZipWriter } from './zip-writer.js';

/** How long a finished archive stays downloadable. */
const KEEP_MS = 60 * 60 * 1000;
/** How often expired archives are looked for. */
const SWEEP_EVERY_MS = 5 * 60 * 1000;

const INTERRUPTED_BY_RESTART = '服务器重启，打包中断，请重新打包';
const INTERRUPTED_BY_SHUTDOWN = '服务器关闭，打包中断，请重新打包';

const BATCHES = 'batches';

interface PackedReport {
  number: string;
  filePath: string;
  /** Null for a report issued as one file, before annexes existed. */
  annexFilePath: string | null;
  enterpriseName: string;
}

interface BatchRow extends ReportBatch {
  filePath: string;
  expiresAt: string | null;
}

/** A batch being packed by this process: the loop stops at its next file once `cancelled` is set. */
interface Packing {
  cancelled: boolean;
  finished: Promise<void>;
}

const SELECT_BATCH = `
  SELECT id, status, file_name AS fileName, total, packed, missing, bytes, error, created_at AS createdAt,
         file_path AS filePath, expires_at AS expiresAt
  FROM report_batches`;

/** A file name that every unzip tool accepts: no path separators, no characters Windows refuses. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);

const view = ({ filePath: _f, expiresAt: _e, ...batch }: BatchRow): ReportBatch => batch;

export class ReportBatches {
  private readonly packing = new Map<string, Packing>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly now: () => string,
  ) {
    mkdirSync(join(dataDir, BATCHES), { recursive: true });
    const at = now();
    for (const b of db.prepare(`SELECT id, file_path AS filePath FROM report_batches WHERE status = 'running'`).all() as { id: string; filePath: string }[]) {
      db.prepare(`UPDATE report_batches SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(INTERRUPTED_BY_RESTART, at, b.id);
      this.remove(b.filePath);
    }
    this.sweep();
    // Files a crash left behind, or whose row is gone with a restored database; and finished batches whose file is gone
    // (a database restored from a backup, which holds no archives).
    const files = new Set(readdirSync(join(dataDir, BATCHES)).map((f) => join(BATCHES, f)));
    for (const b of db.prepare(`SELECT id, file_path AS filePath FROM report_batches WHERE status = 'done'`).all() as { id: string; filePath: string }[])
      if (!files.delete(b.filePath)) db.prepare(`UPDATE report_batches SET status = 'expired' WHERE id = ?`).run(b.id);
    for (const f of files) this.remove(f);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
  }

  /** Removes the archives whose time is up; their batches say 已过期. */
  sweep(): void {
    const due = this.db
      .prepare(`SELECT id, file_path AS filePath FROM report_batches WHERE status = 'done' AND expires_at <= ?`)
      .all(this.now()) as { id: string; filePath: string }[];
    for (const b of due) {
      this.db.prepare(`UPDATE report_batches SET status = 'expired' WHERE id = ? AND status = 'done'`).run(b.id);
      this.remove(b.filePath);
    }
  }

  private remove(relative: string): void {
    rmSync(join(this.dataDir, relative), { force: true });
  }

  /** Starts packing; the reply comes at once with the batch's total, the work goes on in the background. */
  start(user: SessionUser, filter: { district?: string; industry?: string }, now: string): ReportBatch {
    const scope = dashboardScope(this.db, user, filter.district, now);
    const industry = filter.industry
      ? (this.db.prepare('SELECT code, name FROM industries WHERE code = ?').get(filter.industry) as { code: string; name: string } | undefined)
      : undefined;
    if (filter.industry && !industry) throw badRequest(`行业 ‘${filter.industry}’ 无法识别`);
    if (scope.districtId === null && !industry) throw badRequest('请选择区县或行业：批量下载按区县或按行业打包');
    const own = enterpriseScope(user);
    const reports = this.db
      .prepare(
        `SELECT r.number, r.file_path AS filePath, r.annex_file_path AS annexFilePath, e.name AS enterpriseName
         FROM reports r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE r.superseded_by IS NULL AND ${own.sql}
           AND (? IS NULL OR e.district_id = ?) AND (? IS NULL OR e.industry_code = ?)
         ORDER BY r.number`,
      )
      .all(...own.params, scope.districtId, scope.districtId, industry?.code ?? null, industry?.code ?? null) as PackedReport[];
    const label = [scope.districtId === null ? '' : scope.label, industry?.name ?? ''].filter(Boolean).join('-');
    const previous = this.db
      .prepare(`SELECT id FROM report_batches WHERE user_id = ? AND status IN ('running', 'done')`)
      .pluck()
      .all(user.id) as string[];
    for (const id of previous) this.discard(id, 'cancelled', null);
    const id = randomUUID();
    const filePath = join(BATCHES, `${id}.zip`);
    this.db
      .prepare(
        `INSERT INTO report_batches (id, user_id, district_id, industry_code, status, file_name, file_path, total, created_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
      )
      .run(id, user.id, scope.districtId, industry?.code ?? null, `诊断报告-${label}-${now.slice(0, 10).replace(/-/g, '')}.zip`, filePath, reports.length, now);
    const job: Packing = { cancelled: false, finished: Promise.resolve() };
    this.packing.set(id, job);
    job.finished = this.pack(id, job, filePath, reports, new Date(now)).finally(() => this.packing.delete(id));
    return this.get(user, id);
  }

  private async pack(id: string, job: Packing, filePath: string, reports: PackedReport[], at: Date): Promise<void> {
    const zip = new ZipWriter(join(this.dataDir, filePath), at);
    const progress = this.db.prepare('UPDATE report_batches SET packed = ?, missing = ?, bytes = ? WHERE id = ?');
    let packed = 0;
    let missing = 0;
    try {
      for (const r of reports) {
        if (job.cancelled) break;
        const name = safeName(`${r.number}-${r.enterpriseName}`);
        let complete = await zip.addFile(`${name}.pdf`, join(this.dataDir, r.filePath));
        if (r.annexFilePath) complete = (await zip.addFile(`${name}-附件.pdf`, join(this.dataDir, r.annexFilePath))) && complete;
        if (!complete) missing++;
        packed++;
        progress.run(packed, missing, zip.bytes, id);
        await yieldToEventLoop();
      }
      if (job.cancelled) throw new Error('cancelled');
      await zip.finish();
      // Cancelled while the directory was written: the catch below removes the file.
      if (job.cancelled) throw new Error('cancelled');
      const now = this.now();
      this.db
        .prepare(`UPDATE report_batches SET status = 'done', bytes = ?, finished_at = ?, expires_at = ? WHERE id = ? AND status = 'running'`)
        .run(zip.bytes, now, new Date(Date.parse(now) + KEEP_MS).toISOString(), id);
    } catch (err) {
      await zip.abort();
      this.remove(filePath);
      if (!job.cancelled)
        this.db
          .prepare(`UPDATE report_batches SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'running'`)
          .run(`打包失败：${(err as Error).message}`, this.now(), id);
    }
  }

  /**
   * Stops a running batch (its packing loop removes the partial file) or removes a finished archive; the record
   * stays, saying why.
   */
  private discard(id: string, status: 'cancelled' | 'failed', error: string | null): void {
    const job = this.packing.get(id);
    if (job) job.cancelled = true;
    const row = this.db.prepare(`SELECT status, file_path AS filePath FROM report_batches WHERE id = ?`).get(id) as { status: string; filePath: string };
    if (row.status !== 'running' && row.status !== 'done') return;
    this.db.prepare(`UPDATE report_batches SET status = ?, error = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?`).run(status, error, this.now(), id);
    if (!job) this.remove(row.filePath);
  }

  /** The user's batch, after removing its archive if its time is up; anyone else's is 404. */
  private own(user: SessionUser, id: string): BatchRow {
    const read = () => this.db.prepare(`${SELECT_BATCH} WHERE id = ? AND user_id = ?`).get(id, user.id) as BatchRow | undefined;
    const row = read();
    if (!row) throw notFound('批量下载任务');
    if (row.status === 'done' && row.expiresAt !== null && row.expiresAt <= this.now()) {
      this.sweep();
      return read()!;
    }
    return row;
  }

  get(user: SessionUser, id: string): ReportBatch {
    return view(this.own(user, id));
  }

  /** The finished archive's path and name; 409 while it is still being packed or after it was cancelled. */
  file(user: SessionUser, id: string): { path: string; fileName: string } {
    const batch = this.own(user, id);
    if (batch.status !== 'done') throw conflict(batch.status === 'running' ? '仍在打包，请稍候' : '该批量下载已取消、过期或失败，请重新打包');
    return { path: join(this.dataDir, batch.filePath), fileName: batch.fileName };
  }

  cancel(user: SessionUser, id: string): ReportBatch {
    this.discard(this.own(user, id).id, 'cancelled', null);
    return this.get(user, id);
  }

  /** Server shutdown: batches being packed fail, saying so, and their partial files are removed; finished ones stay. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const running = [...this.packing.entries()];
    for (const [id] of running) this.discard(id, 'failed', INTERRUPTED_BY_SHUTDOWN);
    await Promise.all(running.map(([, job]) => job.finished));
  }
}
