/**
 * HTML → PDF with one shared Chromium (Debian's /usr/bin/chromium through Puppeteer), kept warm between reports.
 * Each render gets a fresh browser context and page, closed in `finally`; at most `concurrency` renders run at once
 * and at most `queueLimit` wait (more is RendererBusyError → 503 with Retry-After). Every request the page makes is
 * aborted except data: URLs, so a report cannot reach the network or the file system whatever its content. A
 * `revise` step may change text of the laid-out page and print it once more (the table of contents' page numbers). The
 * browser is relaunched when it disconnects (a crash or kill -9 fails only the renders in flight) and recycled after
 * `recycleAfter` renders; `close()` ends it, leaving no Chromium process behind.
 */
import puppeteer, { type Browser, type BrowserContext } from 'puppeteer';

export interface RendererOptions {
  executablePath?: string;
  concurrency?: number;
  queueLimit?: number;
  /** Per render, from page creation to the PDF bytes. */
  timeoutMs?: number;
  recycleAfter?: number;
}

/**
 * Looks at a printed PDF and names the text to change before printing it again (element id → new text), or null
 * when it is final. The second print reuses the laid-out page: no new page, no second load of scripts and charts.
 */
export type Revise = (pdf: Buffer) => Promise<Record<string, string> | null>;

export interface RenderOutcome {
  pdf: Buffer;
  /** Requests the page tried to make and that were aborted. */
  blocked: string[];
  /** Times page.pdf() ran: 1, or 2 when `revise` asked for changes. */
  prints: number;
}

export class RendererBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('报告生成任务已满，请稍后再试');
  }
}

export class RenderError extends Error {}

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private renders = 0;
  private isClosed = false;
  readonly options: Required<RendererOptions>;

  constructor(options: RendererOptions = {}) {
    this.options = {
      executablePath: options.executablePath ?? process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
      concurrency: options.concurrency ?? 2,
      queueLimit: options.queueLimit ?? 20,
      timeoutMs: options.timeoutMs ?? 60_000,
      recycleAfter: options.recycleAfter ?? 200,
    };
  }

  /** True once close() was called: nothing more will be rendered. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The pid of the running Chromium, if one is running (tests kill it). */
  async pid(): Promise<number | undefined> {
    if (!this.browser) return undefined;
    return (await this.browser).process()?.pid;
  }

  private launch(): Promise<Browser> {
    const launching = puppeteer
      .launch({
        executablePath: this.options.executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none', '--no-first-run'],
      })
      .then((b) => {
        b.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return b;
      });
    launching.catch(() => {
      if (this.browser === launching) this.browser = null;
    });
    this.browser = launching;
    return launching;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.options.queueLimit) throw new RendererBusyError(5);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** Renders a self-contained page: waits for `window.__reportReady`, then prints with the page's own @page size. */
  async render(html: string, revise?: Revise): Promise<RenderOutcome> {
    if (this.isClosed) throw new RenderError('报告生成服务已关闭');
    await this.acquire();
    try {
      return await this.renderNow(html, revise);
    } finally {
      this.release();
    }
  }

  private async renderNow(html: string, revise?: Revise): Promise<RenderOutcome> {
    if (this.renders >= this.options.recycleAfter && this.browser && this.active === 1) {
      const old = this.browser;
      this.browser = null;
      this.renders = 0;
      await old.then((b) => b.close()).catch(() => undefined);
    }
    this.renders++;
    const blocked: string[] = [];
    let prints = 0;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = (async () => {
        browser = await (this.browser ?? this.launch());
        context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 2 });
        await page.setRequestInterception(true);
        page.on('request', (req) => {
          if (req.url().startsWith('data:')) void req.continue();
          else {
            blocked.push(req.url());
            void req.abort('blockedbyclient');
          }
        });
        await page.setContent(html, { waitUntil: 'load' });
        await page.waitForFunction('window.__reportReady === true', { timeout: this.options.timeoutMs });
        // Untagged and without an outline: the structure tree alone was 40 % of a report's bytes.
        const print = async () => {
          prints++;
          return Buffer.from(await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: false, outline: false }));
        };
        const pdf = await print();
        const changes = revise ? await revise(pdf) : null;
        if (!changes) return pdf;
        await page.evaluate((c: Record<string, string>) => {
          for (const [id, text] of Object.entries(c)) {
            const el = document.getElementById(id);
            if (el) el.textContent = text;
          }
        }, changes);
        return print();
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RenderError(`报告生成超时（${this.options.timeoutMs / 1000} 秒）`)), this.options.timeoutMs);
      });
      work.catch(() => undefined);
      return { pdf: await Promise.race([work, timeout]), blocked, prints };
    } catch (err) {
      if (err instanceof RenderError) throw err;
      const crashed = browser !== undefined && !browser.connected;
      throw new RenderError(crashed ? '报告生成失败：浏览器进程异常退出，请重试' : `报告生成失败：${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      await context?.close().catch(() => undefined);
    }
  }

  /** Ends the browser; renders still queued fail. */
  async close(): Promise<void> {
    this.isClosed = true;
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }
}
