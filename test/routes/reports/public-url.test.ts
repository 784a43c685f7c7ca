/**
 * DSD_PUBLIC_URL: parsed at start-up with a message naming the variable, and the base of the verification address
 * printed on an issued report's cover (read back from the PDF), whatever host the issuing request came to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { publicBase, verifyBase } from '../../../server/http/public-url.js';
import { pdfPages } from '../../../server/report/document.js';
import { assessmentAt, createWorld, type World } from '../assessments/world.js';

describe('DSD_PUBLIC_URL', () => {
  it('is unset by default and takes an http(s) address, with or without a path, dropping a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ DSD_PUBLIC_URL: '' }).publicUrl).toBeNull();
    expect(loadConfig({ DSD_PUBLIC_URL: 'https://dsd.example.cn/' }).publicUrl).toBe('https://dsd.example.cn');
    expect(loadConfig({ DSD_PUBLIC_URL: ' http://10.1.2.3:8080/zhenduan/ ' }).publicUrl).toBe('http://10.1.2.3:8080/zhenduan');
  });

  it('refuses what cannot be printed as a link, naming the variable and the value', () => {
    for (const bad of ['dsd.example.cn', 'ftp://dsd.example.cn', 'https://dsd.example.cn/?a=1', 'https://dsd.example.cn/#top', 'https://user:pw@dsd.example.cn'])
      expect(() => loadConfig({ DSD_PUBLIC_URL: bad }), bad).toThrow(/DSD_PUBLIC_URL: 应为对外访问本系统的网址/);
  });

  it('falls back to the request’s own host when unset', () => {
    expect(verifyBase(publicBase(null, { protocol: 'http', host: '192.168.1.20:3000' }))).toBe('http://192.168.1.20:3000/api/verify/');
    expect(verifyBase(publicBase('https://dsd.example.cn', { protocol: 'http', host: '127.0.0.1:3000' }))).toBe('https://dsd.example.cn/api/verify/');
  });
});

describe('an issued report with DSD_PUBLIC_URL set', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ publicUrl: loadConfig({ DSD_PUBLIC_URL: 'https://dsd.example.cn/zhenduan/' }).publicUrl });
  }, 60_000);
  afterAll(() => w.close());

  it('prints the public verification address on the cover, not the host the request came to', async () => {
    const id = await assessmentAt(w, w.own, 'reviewed');
    const issued = await w.app.inject({ method: 'POST', url: `/api/assessments/${id}/report`, headers: { ...w.users.admin.headers, host: '127.0.0.1:3000' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const report = issued.json();
    const pdf = await w.app.inject({ method: 'GET', url: `/api/reports/${report.id}/pdf`, headers: w.users.admin.headers });
    const cover = (await pdfPages(pdf.rawPayload))[0].replace(/\s+/g, '');
    expect(cover).toContain(`https://dsd.example.cn/zhenduan/api/verify/${report.verificationCode}`);
    expect(cover).not.toContain('127.0.0.1');
  }, 120_000);
});
