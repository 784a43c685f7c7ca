/**
 * A district's or an industry's issued reports as one ZIP (批量下载). The archive is built in the background, one
 * stored PDF after another, giving the event loop back between files so single downloads and everything else go on;
 * the requester polls its progress and may cancel it. Only the current report of each assessment is packed (not the
 * superseded ones).
 *
 * Who: bureau and administrators any district or industry; a district officer only their own district (another one
 * is 403, as on the dashboard); other roles 403. A batch is its requester's alone: anyone else asking for it gets 404.
 * Batches live in memory with their files under <data>/batches (emptied at start): one per user — a new request
 * replaces the previous one — and a finished archive is removed after an hour (expired) or when cancelled.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

interface Job extends ReportBatch {
  userId: number;
  path: string;
  cancelled: boolean;
  expiry?: NodeJS.Timeout;
}

interface PackedReport {
  number: string;
  filePath: string;
  enterpriseName: string;
}

/** A file name that every unzip tool accepts: no path separators, no characters Windows refuses. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);

const view = ({ userId: _u, path: _p, cancelled: _c, expiry: _e, ...batch }: Job): ReportBatch => ({ ...batch });

export class ReportBatches {
  private readonly jobs = new Map<string, Job>();
  private readonly dir: string;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {
    this.dir = join(dataDir, 'batches');
    rmSync(this.dir, { recursive: true, force: true });
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
        `SELECT r.number, r.file_path AS filePath, e.name AS enterpriseName
         FROM reports r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE r.superseded_by IS NULL AND ${own.sql}
           AND (? IS NULL OR e.district_id = ?) AND (? IS NULL OR e.industry_code = ?)
         ORDER BY r.number`,
      )
      .all(...own.params, scope.districtId, scope.districtId, industry?.code ?? null, industry?.code ?? null) as PackedReport[];
    const label = [scope.districtId === null ? '' : scope.label, industry?.name ?? ''].filter(Boolean).join('-');
    for (const old of this.jobs.values())
      if (old.userId === user.id) {
        this.discard(old, 'cancelled');
        this.jobs.delete(old.id);
      }
    const id = randomUUID();
    mkdirSync(this.dir, { recursive: true });
    const job: Job = {
      id,
      status: 'running',
      fileName: `诊断报告-${label}-${now.slice(0, 10).replace(/-/g, '')}.zip`,
      total: reports.length,
      packed: 0,
      missing: 0,
      bytes: 0,
      error: null,
      createdAt: now,
      userId: user.id,
      path: join(this.dir, `${id}.zip`),
      cancelled: false,
    };
    this.jobs.set(id, job);
    void this.pack(job, reports, new Date(now));
    return view(job);
  }

  private async pack(job: Job, reports: PackedReport[], at: Date): Promise<void> {
    const zip = new ZipWriter(job.path, at);
    try {
      for (const r of reports) {
        if (job.cancelled) break;
        const data = await readFile(join(this.dataDir, r.filePath)).catch(() => null);
        if (data) await zip.add(`${safeName(`${r.number}-${r.enterpriseName}`)}.pdf`, data);
        else job.missing++;
        job.packed++;
        job.bytes = zip.bytes;
        await yieldToEventLoop();
      }
      if (job.cancelled) throw new Error('cancelled');
      await zip.finish();
      job.bytes = zip.bytes;
      job.status = 'done';
      job.expiry = setTimeout(() => this.discard(job, 'expired'), KEEP_MS).unref();
    } catch (err) {
      await zip.abort();
      rmSync(job.path, { force: true });
      if (!job.cancelled) {
        job.status = 'failed';
        job.error = `打包失败：${(err as Error).message}`;
      }
    }
  }

  /**
   * Stops a running batch (its packing loop removes the partial file) or removes a finished archive; the record
   * stays, saying why, until the user starts another batch.
   */
  private discard(job: Job, why: 'cancelled' | 'expired'): void {
    clearTimeout(job.expiry);
    if (job.status === 'running') {
      job.cancelled = true;
      job.status = 'cancelled';
    } else if (job.status === 'done') {
      job.status = why;
      rmSync(job.path, { force: true });
    }
  }

  private own(user: SessionUser, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || job.userId !== user.id) throw notFound('批量下载任务');
    return job;
  }

  get(user: SessionUser, id: string): ReportBatch {
    return view(this.own(user, id));
  }

  /** The finished archive's path and name; 409 while it is still being packed or after it was cancelled. */
  file(user: SessionUser, id: string): { path: string; fileName: string } {
    const job = this.own(user, id);
    if (job.status !== 'done') throw conflict(job.status === 'running' ? '仍在打包，请稍候' : '该批量下载已取消、过期或失败，请重新打包');
    return { path: job.path, fileName: job.fileName };
  }

  cancel(user: SessionUser, id: string): ReportBatch {
    const job = this.own(user, id);
    this.discard(job, 'cancelled');
    return view(job);
  }

  /** Server shutdown: stops every batch and removes the files. */
  close(): void {
    for (const job of this.jobs.values()) this.discard(job, 'cancelled');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
