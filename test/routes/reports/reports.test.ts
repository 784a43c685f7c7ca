/**
 * Issuing, listing, downloading and verifying diagnosis reports through the API, with real Chromium rendering:
 * who may issue, who may read (404 outside the scope), what the public verification shows, and re-issuing.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../../../server/report/document.js';
import { fileUpload } from '../../helpers/multipart.js';
import { assessmentAt, createWorld, type World } from '../assessments/world.js';

let w: World;
let reviewed: number;
let report: any;
beforeAll(async () => {
  w = await createWorld();
  reviewed = await assessmentAt(w, w.own, 'reviewed');
  const r = await w.call(w.users.districtOwn, 'POST', `/api/assessments/${reviewed}/report`);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  report = r.body;
}, 120_000);
afterAll(() => w.close());

const pdfOf = async (as: World['users'][keyof World['users']] | null, id: number, file: 'pdf' | 'annex' = 'pdf') =>
  w.app.inject({ method: 'GET', url: `/api/reports/${id}/${file}`, headers: as?.headers ?? {} });

describe('issuing a report', () => {
  it('numbers it city-year-serial, gives it a verification code and moves the assessment to issued', async () => {
    expect(report).toMatchObject({ assessmentId: reviewed, enterpriseId: w.own, kind: 'field', supersededBy: null });
    expect(report.number).toMatch(/^长春-\d{4}-0001$/);
    expect(report.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const a = await w.call(w.users.admin, 'GET', `/api/assessments/${reviewed}`);
    expect(a.body.status).toBe('issued');
  });

  it('serves the stored PDF, byte for byte what the SHA-256 says', async () => {
    const res = await pdfOf(w.users.admin, report.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(report.sha256);
    expect(res.rawPayload.length).toBe(report.size);
  });

  it('stores the annex (附件) beside it: its own PDF, SHA-256 and size, with every finding the report only counts', async () => {
    const res = await pdfOf(w.users.admin, report.id, 'annex');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('诊断报告附件'));
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(report.annexSha256);
    expect(res.rawPayload.length).toBe(report.annexSize);
    expect(report.annexSha256).not.toBe(report.sha256);
    const text = (await pdfPages(res.rawPayload)).join('').replace(/\s+/g, '');
    expect(text).toContain(report.number);
    expect(text).toContain(report.verificationCode);
    expect(text).toContain('附件一问题清单');
  });

  it('is refused to diagnosticians and enterprise users (403), outside the district (404), before review (409)', async () => {
    const submitted = await assessmentAt(w, w.own, 'submitted');
    expect((await w.call(w.users.diagAssigned, 'POST', `/api/assessments/${reviewed}/report`)).status).toBe(403);
    expect((await w.call(w.users.entOwn, 'POST', `/api/assessments/${reviewed}/report`)).status).toBe(403);
    expect((await w.call(w.users.districtOther, 'POST', `/api/assessments/${reviewed}/report`)).status).toBe(404);
    const early = await w.call(w.users.admin, 'POST', `/api/assessments/${submitted}/report`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('审核通过后');
  });
});

describe('reading reports', () => {
  it('lists and downloads them only within the scope; everything else is 404', async () => {
    for (const who of ['admin', 'bureau', 'districtOwn', 'diagAssigned', 'entOwn'] as const) {
      const list = await w.call(w.users[who], 'GET', `/api/reports?enterpriseId=${w.own}`);
      expect(list.body.map((r: { id: number }) => r.id), who).toContain(report.id);
      expect((await pdfOf(w.users[who], report.id)).statusCode, who).toBe(200);
      expect((await pdfOf(w.users[who], report.id, 'annex')).statusCode, who).toBe(200);
    }
    for (const who of ['districtOther', 'diagOther', 'entOther'] as const) {
      expect((await w.call(w.users[who], 'GET', `/api/reports?enterpriseId=${w.own}`)).body, who).toEqual([]);
      expect((await pdfOf(w.users[who], report.id)).statusCode, who).toBe(404);
      expect((await pdfOf(w.users[who], report.id, 'annex')).statusCode, who).toBe(404);
    }
    expect((await pdfOf(null, report.id)).statusCode).toBe(401);
    expect((await pdfOf(null, report.id, 'annex')).statusCode).toBe(401);
    expect((await pdfOf(w.users.admin, 999999)).statusCode).toBe(404);
  });
});

describe('public verification', () => {
  it('shows only the number, the enterprise name, the issue date and the two SHA-256, without a login', async () => {
    const r = await w.call(null, 'GET', `/api/verify/${report.verificationCode.toLowerCase()}`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['annexSha256', 'enterpriseName', 'issuedAt', 'number', 'sha256']);
    expect(r.body).toMatchObject({ number: report.number, enterpriseName: '长春测试机械有限公司', sha256: report.sha256, annexSha256: report.annexSha256 });
    expect((await w.call(null, 'GET', '/api/verify/0000-0000-0000')).status).toBe(404);
    expect((await w.call(null, 'GET', '/api/verify/%3Cscript%3E')).status).toBe(400);
  });

  it('answers a browser with a small Chinese page', async () => {
    const res = await w.app.inject({ method: 'GET', url: `/api/verify/${report.verificationCode}`, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(report.number);
    expect(res.body).toContain(report.sha256);
    expect(res.body).toContain(report.annexSha256);
  });
});

describe('verifying an uploaded PDF', () => {
  const upload = (data: Buffer, headers: Record<string, string> = {}) => {
    const form = fileUpload('报告.pdf', data, 'application/pdf');
    return w.app.inject({ method: 'POST', url: '/api/verify', payload: form.payload, headers: { ...form.headers, ...headers } });
  };

  it('names the report number and the enterprise only for the issued file, byte for byte, without a login', async () => {
    const original = (await pdfOf(w.users.admin, report.id)).rawPayload;
    const ok = await upload(original);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ match: true, number: report.number, enterpriseName: '长春测试机械有限公司', part: 'report' });
    const annex = await upload((await pdfOf(w.users.admin, report.id, 'annex')).rawPayload);
    expect(annex.json()).toEqual({ match: true, number: report.number, enterpriseName: '长春测试机械有限公司', part: 'annex' });
    // One byte changed, or one appended: not the issued file, and nothing about any report.
    const changed = Buffer.from(original);
    changed[changed.length - 10] ^= 1;
    for (const other of [changed, Buffer.concat([original, Buffer.from('\n')])]) {
      const r = await upload(other);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ match: false });
    }
  });

  it('works for a logged-in user posting a plain form (no CSRF token needed) and answers a browser in Chinese', async () => {
    const original = (await pdfOf(w.users.admin, report.id)).rawPayload;
    const page = await upload(original, { ...w.users.districtOther.headers, accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('核验通过');
    expect(page.body).toContain(report.number);
    const bad = await upload(Buffer.from('%PDF-1.4 not a report'), { accept: 'text/html' });
    expect(bad.body).toContain('核验未通过');
    expect(bad.body).not.toContain(report.number);
    const form = await w.app.inject({ method: 'GET', url: '/api/verify' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<form method="post" action="\/api\/verify" enctype="multipart\/form-data">/);
  });

  it('refuses an empty upload (400), a file over 20 MB (413) and a post from another site (403)', async () => {
    expect((await upload(Buffer.alloc(0))).statusCode).toBe(400);
    const big = await upload(Buffer.alloc(20 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('20 MB');
    expect((await upload(Buffer.from('%PDF-'), { origin: 'http://evil.example' })).statusCode).toBe(403);
  });
});

describe('draft preview', () => {
  it('lets the assigned diagnostician see a watermarked draft of a submitted assessment, not the enterprise', async () => {
    const submitted = await assessmentAt(w, w.own, 'submitted');
    const res = await w.app.inject({ method: 'GET', url: `/api/assessments/${submitted}/report/preview`, headers: w.users.diagAssigned.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(res.rawPayload)).join('');
    expect(text).toContain('草稿');
    expect(text).toContain('长春测试机械有限公司');
    const annex = await w.app.inject({ method: 'GET', url: `/api/assessments/${submitted}/report/preview?part=annex`, headers: w.users.diagAssigned.headers });
    expect(annex.statusCode).toBe(200);
    const annexText = (await pdfPages(annex.rawPayload)).join('').replace(/\s+/g, '');
    expect(annexText).toContain('数字安全诊断报告附件');
    expect(annexText).toContain('草稿');
    expect(annexText).toContain('附件六调研答案');
    expect((await w.call(w.users.diagAssigned, 'GET', `/api/assessments/${submitted}/report/preview?part=all`)).status).toBe(400);
    for (const url of [`/api/assessments/${submitted}/report/preview`, `/api/assessments/${submitted}/report/preview?part=annex`]) {
      expect((await w.call(w.users.entOwn, 'GET', url)).status).toBe(403);
      expect((await w.call(w.users.diagOther, 'GET', url)).status).toBe(404);
    }
    // Nothing is stored for a preview.
    expect((await w.call(w.users.admin, 'GET', `/api/reports?assessmentId=${submitted}`)).body).toEqual([]);
  }, 120_000);
});

describe('re-issuing', () => {
  it('makes a new number and marks the previous report superseded', async () => {
    const again = await w.call(w.users.bureau, 'POST', `/api/assessments/${reviewed}/report`);
    expect(again.status).toBe(201);
    expect(again.body.number).not.toBe(report.number);
    const list = (await w.call(w.users.admin, 'GET', `/api/reports?assessmentId=${reviewed}`)).body;
    expect(list.find((r: { id: number }) => r.id === report.id).supersededBy).toBe(again.body.id);
    expect(list.find((r: { id: number }) => r.id === again.body.id).supersededBy).toBeNull();
    // The old file stays downloadable: it is what the enterprise was given.
    expect((await pdfOf(w.users.admin, report.id)).statusCode).toBe(200);
  }, 120_000);
});

describe('issuing through the workflow (出具)', () => {
  it('renders the report in the background, once, so the enterprise can download it without a restart', async () => {
    const other = await assessmentAt(w, w.own, 'reviewed');
    const issued = await w.call(w.users.districtOwn, 'POST', `/api/assessments/${other}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body.status).toBe('issued');
    let reports: { id: number; assessmentId: number }[] = [];
    for (let i = 0; i < 240 && reports.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      reports = (await w.call(w.users.entOwn, 'GET', `/api/reports?assessmentId=${other}`)).body;
    }
    expect(reports).toHaveLength(1);
    expect((await pdfOf(w.users.entOwn, reports[0]!.id)).statusCode).toBe(200);
  }, 150_000);
});
