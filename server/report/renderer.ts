/**
 * HTML → PDF with one shared Chromium (Debian's /usr/bin/chromium through Puppeteer), kept warm between reports.
 * Each render gets a fresh browser context and page, closed in `finally`; at most `concurrency` renders run at once
 * and at most `queueLimit` wait (more is RendererBusyError → 503 with Retry-After). Every request the page makes is
 * aborted except data: URLs, so a report cannot reach the network or the file system whatever its content.
 * A page is either whole HTML, or a shell (the same for every report of a kind: styles, scripts) filled with one
 * report's content: the next shell page is loaded ahead of time, so a request finds its scripts compiled and fonts
 * open. A `twoPass` render prints a cheap probe first (extra CSS that hides text without moving it), reads page numbers
 * from it, changes text of the laid-out page (the table of contents) and prints the final PDF.
 * The browser is relaunched when it disconnects (a crash or kill -9 fails only the renders in flight) and recycled
 * after `recycleAfter` renders or once its processes hold more than `memoryLimitMb`; `close()` ends it, leaving no
 * Chromium process behind (renders still queued then fail instead of launching another).
 */
import { readdir, readFile } from 'node:fs/promises';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';

export interface RendererOptions {
  executablePath?: string;
  concurrency?: number;
  queueLimit?: number;
  /** Per render, from page creation to the PDF bytes. */
  timeoutMs?: number;
  recycleAfter?: number;
  /** Recycle the browser once Chromium's processes together hold more resident memory than this. */
  memoryLimitMb?: number;
}

/**
 * A page made of a shell and content: the shell's script defines `window.__fill(content)`, which puts the content
 * into the page and sets `window.__reportReady` when it is ready to print. `content` must survive JSON.
 */
export interface ShellPage {
  shell: string;
  content: unknown;
}

/** Two prints of one laid-out page: a probe to read, then the final PDF. */
export interface TwoPass {
  /** CSS added for the probe only; it must not change the layout (visibility, colours), only make the print cheap. */
  probeCss: string;
  /** Reads the probe and names the text to change before the final print (element id → new text). */
  revise: (probe: Buffer) => Promise<Record<string, string>>;
}

export interface RenderOutcome {
  pdf: Buffer;
  /** Requests the page tried to make and that were aborted. */
  blocked: string[];
  /** Times page.pdf() ran: 1, or 2 for a two-pass render. */
  prints: number;
}

export class RendererBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('报告生成任务已满，请稍后再试');
  }
}

export class RenderError extends Error {}

/** Renders between two memory checks: reading /proc costs some tens of milliseconds on a busy machine. */
const MEMORY_CHECK_EVERY = 10;

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private renders = 0;
  private recycleDue = false;
  private isClosed = false;
  /** Renders asked and not yet finished (running or queued). */
  private asked = 0;
  /** Background work waiting for a slot to spare (`spareSlot`). */
  private readonly spareWaiters = new Set<() => void>();
  /** The next shell page, loaded ahead of the render that will use it. */
  private spare: { shell: string; page: Promise<OpenPage> } | null = null;
  readonly options: Required<RendererOptions>;

  constructor(options: RendererOptions = {}) {
    this.options = {
      executablePath: options.executablePath ?? process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
      concurrency: options.concurrency ?? 2,
      queueLimit: options.queueLimit ?? 20,
      timeoutMs: options.timeoutMs ?? 60_000,
      recycleAfter: options.recycleAfter ?? 200,
      memoryLimitMb: options.memoryLimitMb ?? 1536,
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

  /** Renders a page: waits for `window.__reportReady`, then prints with the page's own @page size. */
  async render(doc: string | ShellPage, twoPass?: TwoPass): Promise<RenderOutcome> {
    if (this.isClosed) throw new RenderError('报告生成服务已关闭');
    this.asked++;
    try {
      await this.acquire();
      try {
        // Closed while this render waited in the queue: launching a browser now would outlive the server.
        if (this.isClosed) throw new RenderError('报告生成服务已关闭');
        const out = await this.renderNow(doc, twoPass);
        if (this.renders % MEMORY_CHECK_EVERY === 0) void this.checkMemory();
        return out;
      } finally {
        this.release();
      }
    } finally {
      this.asked--;
      this.wakeSpareWaiters();
    }
  }

  /** Renders asked and not yet finished. */
  get pending(): number {
    return this.asked;
  }

  /**
   * For background work: resolves once fewer renders are asked than all slots but one (none with a single slot), or
   * once closed. Such work then never waits in the queue, and a slot stays free for the people who ask for a report.
   */
  async spareSlot(): Promise<void> {
    const limit = Math.max(1, this.options.concurrency - 1);
    while (!this.isClosed && this.asked >= limit) await new Promise<void>((resolve) => this.spareWaiters.add(resolve));
  }

  private wakeSpareWaiters(): void {
    const all = [...this.spareWaiters];
    this.spareWaiters.clear();
    for (const w of all) w();
  }

  /**
   * Measures the browser's memory and marks it for recycling (before the next render that runs alone) when above
   * the limit; returns the bytes measured. Linux only: elsewhere it measures 0 and never recycles.
   */
  async checkMemory(): Promise<number> {
    const pid = await this.pid().catch(() => undefined);
    const bytes = pid === undefined ? 0 : await processTreeMemory(pid);
    if (bytes > this.options.memoryLimitMb * 1024 * 1024) this.recycleDue = true;
    return bytes;
  }

  private async renderNow(doc: string | ShellPage, twoPass?: TwoPass): Promise<RenderOutcome> {
    if ((this.renders >= this.options.recycleAfter || this.recycleDue) && this.browser && this.active === 1) {
      const old = this.browser;
      this.browser = null;
      this.spare = null;
      this.renders = 0;
      this.recycleDue = false;
      await old.then((b) => b.close()).catch(() => undefined);
    }
    this.renders++;
    let prints = 0;
    let open: OpenPage | undefined;
    let timer: NodeJS.Timeout | undefined;
    const opening = typeof doc === 'string' ? this.openPage() : this.takeShellPage(doc.shell);
    try {
      const work = (async () => {
        open = await opening;
        const { page } = open;
        if (typeof doc === 'string') await page.setContent(doc, { waitUntil: 'load' });
        else await page.evaluate((content) => void (window as unknown as { __fill(c: unknown): void }).__fill(content), doc.content as never);
        await page.waitForFunction('window.__reportReady === true', { timeout: this.options.timeoutMs });
        // Untagged and without an outline: the structure tree alone was 40 % of a report's bytes.
        const print = async () => {
          prints++;
          return Buffer.from(await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: false, outline: false }));
        };
        if (!twoPass) return print();
        const probeStyle = await page.addStyleTag({ content: twoPass.probeCss });
        const changes = await twoPass.revise(await print());
        await probeStyle.evaluate((el) => el.remove());
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
      const pdf = await Promise.race([work, timeout]);
      return { pdf, blocked: open!.blocked, prints };
    } catch (err) {
      if (err instanceof RenderError) throw err;
      const crashed = open !== undefined && !open.browser.connected;
      throw new RenderError(crashed ? '报告生成失败：浏览器进程异常退出，请重试' : `报告生成失败：${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      // A page still opening when the render timed out is closed once it is open.
      void opening.then((o) => o.context.close()).catch(() => undefined);
    }
  }

  /** A fresh context and page on the current browser, every request but data: aborted and recorded. */
  private async openPage(shell?: string): Promise<OpenPage> {
    const browser = await (this.browser ?? this.launch());
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 2 });
      await page.setRequestInterception(true);
      const blocked: string[] = [];
      page.on('request', (req) => {
        if (req.url().startsWith('data:')) void req.continue();
        else {
          blocked.push(req.url());
          void req.abort('blockedbyclient');
        }
      });
      if (shell !== undefined) await page.setContent(shell, { waitUntil: 'load' });
      return { browser, context, page, blocked };
    } catch (err) {
      await context.close().catch(() => undefined);
      throw err;
    }
  }

  /** The spare shell page when it is of this shell and its browser still runs, else a new one; then the next spare. */
  private async takeShellPage(shell: string): Promise<OpenPage> {
    const spare = this.spare?.shell === shell ? this.spare.page : null;
    this.spare = null;
    const ready = spare ? await spare.catch(() => null) : null;
    const page = ready && ready.browser.connected && this.browser && ready.browser === (await this.browser.catch(() => null)) ? ready : null;
    if (ready && !page) await ready.context.close().catch(() => undefined);
    if (!this.isClosed) {
      const next = this.openPage(shell);
      next.catch(() => undefined);
      this.spare = { shell, page: next };
    }
    return page ?? this.openPage(shell);
  }

  /** Ends the browser; renders still queued fail. */
  async close(): Promise<void> {
    this.isClosed = true;
    const b = this.browser;
    this.browser = null;
    this.spare = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
    this.wakeSpareWaiters();
  }
}

interface OpenPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make and that were aborted. */
  blocked: string[];
}

/**
 * A process and all its descendants from /proc, each with the fields of its stat line after the command name
 * (which may hold spaces and parentheses): [0] state, [1] parent pid, [11] utime, [12] stime, [13] cutime, [14] cstime.
 * Empty where there is no /proc.
 */
export async function processTree(root: number): Promise<{ pid: number; stat: string[] }[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((e) => /^\d+$/.test(e));
  const all = await Promise.all(
    pids.map(async (pid) => {
      const line = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      return { pid: Number(pid), stat: line.slice(line.lastIndexOf(')') + 2).split(' ') };
    }),
  );
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!tree.has(p.pid) && tree.has(Number(p.stat[1]))) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => tree.has(p.pid) && p.stat.length > 14);
}

/**
 * Memory of a process and all its descendants, in bytes: the proportional set size (shared pages split between the
 * processes that map them, so Chromium's shared libraries count once, not once per process).
 */
export async function processTreeMemory(root: number): Promise<number> {
  const sizes = await Promise.all(
    (await processTree(root)).map(async ({ pid }) => {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
      return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    }),
  );
  return sizes.reduce((a, b) => a + b, 0);
}
