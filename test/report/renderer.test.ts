/**
 * The renderer under faults: requests out of the page are aborted, a full queue is refused, a page that never gets
 * ready times out, kill -9 of Chromium fails only the render in flight, and close() leaves no Chromium behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { PdfRenderer, RenderError, RendererBusyError } from '../../server/report/renderer.js';

const READY = '<script>window.__reportReady = true</script>';
const page = (body: string) => `<!doctype html><html><body>${body}${READY}</body></html>`;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A shell whose __fill writes the content into the page and flags it ready. */
const SHELL = `<!doctype html><html><body><script>
window.__fill = (c) => { document.body.innerHTML = '<p id="t">' + c.text + '</p><p id="n">?</p>'; window.__reportReady = true; };
</script></body></html>`;
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();

let r: PdfRenderer;
afterEach(() => r?.close());

describe('PdfRenderer', () => {
  it('renders a page and aborts every request that is not data:', async () => {
    r = new PdfRenderer();
    const out = await r.render(
      page('<img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="http://localhost:9/a.css"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'),
    );
    expect(out.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.blocked.sort()).toEqual(['http://127.0.0.1:9/x.png', 'http://localhost:9/a.css']);
  }, 60_000);

  it('refuses work beyond the queue with a busy error', async () => {
    r = new PdfRenderer({ concurrency: 1, queueLimit: 1 });
    const slow = page('<p>1</p>');
    const running = [r.render(slow), r.render(slow)];
    await expect(r.render(slow)).rejects.toBeInstanceOf(RendererBusyError);
    await Promise.all(running);
  }, 60_000);

  it('times out a page that never gets ready', async () => {
    r = new PdfRenderer({ timeoutMs: 8000 });
    await expect(r.render('<html><body>never ready</body></html>')).rejects.toThrow(/超时/);
    expect((await r.render(page('ok'))).pdf.length).toBeGreaterThan(0);
  }, 60_000);

  it('survives kill -9 of Chromium: that render fails, the next succeeds on a new browser', async () => {
    r = new PdfRenderer({ timeoutMs: 20_000 });
    await r.render(page('warm'));
    const pid = (await r.pid())!;
    const stuck = r.render('<html><body>waits</body></html>');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(pid, 'SIGKILL');
    await expect(stuck).rejects.toBeInstanceOf(RenderError);
    const next = await r.render(page('again'));
    expect(next.pdf.length).toBeGreaterThan(0);
    expect(await r.pid()).not.toBe(pid);
  }, 60_000);

  it('recycles the browser after `recycleAfter` renders and above its memory limit', async () => {
    r = new PdfRenderer({ recycleAfter: 2 });
    await r.render(page('1'));
    const first = (await r.pid())!;
    await r.render(page('2'));
    expect(await r.pid()).toBe(first);
    await r.render(page('3'));
    const second = (await r.pid())!;
    expect(second).not.toBe(first);
    expect(alive(first)).toBe(false);
    await r.close();

    r = new PdfRenderer({ memoryLimitMb: 1 });
    await r.render(page('a'));
    const before = (await r.pid())!;
    // Chromium's processes together hold far more than 1 MB.
    expect(await r.checkMemory()).toBeGreaterThan(1024 * 1024);
    await r.render(page('b'));
    expect(await r.pid()).not.toBe(before);
  }, 90_000);

  it('fails queued renders at close instead of launching another browser', async () => {
    r = new PdfRenderer({ concurrency: 1, timeoutMs: 30_000 });
    await r.render(page('warm'));
    const pid = (await r.pid())!;
    // Caught at once: they fail while the test still awaits close().
    const stuck = r.render('<html><body>never ready</body></html>').catch((e: unknown) => e);
    const queued = r.render(page('queued')).catch((e: unknown) => e);
    await r.close();
    expect(await stuck).toBeInstanceOf(RenderError);
    expect(String(await queued)).toMatch(/已关闭/);
    expect(await r.pid()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('leaves no Chromium process after close', async () => {
    r = new PdfRenderer();
    await r.render(page('x'));
    const pid = (await r.pid())!;
    expect(alive(pid)).toBe(true);
    await r.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('fills a shell page per render, each report alone on its page, and survives kill -9 with a page loaded ahead', async () => {
    r = new PdfRenderer({ timeoutMs: 20_000 });
    const a = await r.render({ shell: SHELL, content: { text: '报告甲' } });
    const b = await r.render({ shell: SHELL, content: { text: '报告乙' } });
    expect(pdfText(a.pdf)).toContain('报告甲');
    expect(pdfText(b.pdf)).toContain('报告乙');
    expect(pdfText(b.pdf)).not.toContain('报告甲');
    // The next shell page is already open on this browser: a kill takes it down too, and the next render still works.
    process.kill((await r.pid())!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const c = await r.render({ shell: SHELL, content: { text: '报告丙' } });
    expect(pdfText(c.pdf)).toContain('报告丙');
  }, 60_000);

  it('prints a probe, changes text from what it read, and prints the final page', async () => {
    r = new PdfRenderer();
    let probeText = '';
    const out = await r.render(
      { shell: SHELL, content: { text: '正文' } },
      {
        probeCss: '#t { visibility: hidden; }',
        revise: async (probe) => {
          probeText = pdfText(probe);
          return { n: '第二次' };
        },
      },
    );
    expect(probeText).not.toContain('正文');
    expect(out.prints).toBe(2);
    expect(pdfText(out.pdf)).toMatch(/正文\s+第二次/);
  }, 60_000);
});
