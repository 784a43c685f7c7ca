/**
 * The background queue of reports owed by issued assessments, with real Chromium: it makes each missing report once,
 * one at a time, while a user's draft preview gets through; it logs its progress; it stops when asked (shutdown) after
 * the report in hand, leaving the rest for the next start; an assessment that got its report meanwhile is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutstandingReports } from '../../server/services/outstanding-reports.js';
import { assessmentAt, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
let submitted: number;
beforeAll(async () => {
  w = await createWorld();
  submitted = await assessmentAt(w, w.own, 'submitted');
}, 60_000);
afterAll(() => w.close());

/** Reviewed assessments marked issued without a report, as the demo generator leaves them. */
async function issuedWithoutReport(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = await assessmentAt(w, i % 2 ? w.ownAuto : w.own, 'reviewed');
    w.app.db
      .prepare(`UPDATE assessments SET status = 'issued', issued_at = ?, issued_by = ? WHERE id = ?`)
      .run(`2026-11-0${i + 1}T02:00:00.000Z`, w.users.bureau.user.id, id);
    ids.push(id);
  }
  return ids;
}

const reportsOf = (ids: number[]) =>
  w.app.db.prepare(`SELECT COUNT(*) FROM reports WHERE assessment_id IN (${ids.map(() => '?').join(',')})`).pluck().get(...ids) as number;

function queue() {
  const lines: string[] = [];
  const q = new OutstandingReports(w.app.db, w.app.questionnaires, w.app.reportRenderer, w.dataDir, {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
  });
  return { q, lines };
}

describe('reports owed by issued assessments', () => {
  it('are made one by one in the background while a user’s draft preview gets through', async () => {
    const ids = await issuedWithoutReport(4);
    const { q, lines } = queue();
    const run = q.run('https://dsd.example.cn/api/verify/');
    const preview = await w.app.inject({ method: 'GET', url: `/api/assessments/${submitted}/report/preview`, headers: w.users.diagAssigned.headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The preview did not wait for the queue: reports were still owed when it arrived.
    expect(reportsOf(ids)).toBeLessThan(4);
    expect(await run).toBe(4);
    expect(reportsOf(ids)).toBe(4);
    // Each in the issuer's name, dated at the issue.
    const rows = w.app.db.prepare(`SELECT issued_by AS by, issued_at AS at FROM reports WHERE assessment_id = ?`).all(ids[2]);
    expect(rows).toEqual([{ by: w.users.bureau.user.id, at: '2026-11-03T02:00:00.000Z' }]);
    expect(lines).toEqual(['后台生成已出具诊断的报告 PDF：4 份待生成（逐份进行，用户的请求优先）', '后台生成报告 PDF 完成：本次生成 4 份']);
    // Nothing is owed any more: a second run makes nothing and says nothing.
    expect(await q.run('https://dsd.example.cn/api/verify/')).toBe(0);
    expect(reportsOf(ids)).toBe(4);
  }, 180_000);

  it('stops after the report in hand when the server shuts down, leaving the rest for the next start', async () => {
    const ids = await issuedWithoutReport(4);
    const { q, lines } = queue();
    const run = q.run('https://dsd.example.cn/api/verify/');
    while (reportsOf(ids) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await q.stop();
    const made = await run;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(4);
    expect(reportsOf(ids)).toBe(made);
    expect(w.app.reportRenderer.pending).toBe(0);
    expect(lines.at(-1)).toBe(`后台生成报告 PDF 已停止：本次生成 ${made} 份，其余在下次启动时继续`);
    expect(await q.run('https://dsd.example.cn/api/verify/')).toBe(0);

    // The next start makes the rest, each once.
    const next = queue();
    expect(await next.q.run('https://dsd.example.cn/api/verify/')).toBe(4 - made);
    expect(reportsOf(ids)).toBe(4);
  }, 180_000);
});
