/**
 * The diagnosis report from model to PDF bytes: the shell of report-templates/diagnosis (print CSS, Chart.js and the
 * template's scripts inlined, their SHA-256 in the page's CSP) filled with the report's content and the verification
 * QR code as SVG, printed twice from one laid-out page: a probe showing only the chapter headings finds the page each
 * chapter starts on (pdftotext), the numbers go into the table of contents and the page is printed for real. The ToC
 * is one page whatever the numbers, and the probe hides text without moving it, so both prints paginate the same.
 * The annex (附件) of the same report is printed once from the same shell: it has no table of contents.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSVG } from 'uqr';
import { annexContent, CHAPTERS, reportContent, reportShell, type ReportContent, type TemplateAssets } from '../../report-templates/diagnosis/template.js';
import type { ReportModel } from './model.js';
import type { PdfRenderer } from './renderer.js';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'report-templates', 'diagnosis');

let cached: (Omit<TemplateAssets, 'qrSvg'> & { shell: string }) | undefined;

function staticAssets(): Omit<TemplateAssets, 'qrSvg'> & { shell: string } {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const scripts = [
      // The UMD build is not in the package's exports map: found next to its main entry.
      readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8'),
      readFileSync(join(TEMPLATE_DIR, 'charts.js'), 'utf8'),
    ];
    const assets = {
      css: readFileSync(join(TEMPLATE_DIR, 'print.css'), 'utf8'),
      scripts,
      scriptHashes: scripts.map((s) => `sha256-${createHash('sha256').update(s).digest('base64')}`),
    };
    cached = { ...assets, shell: reportShell(assets) };
  }
  return cached;
}

/** The report as the shell page and this report's content for it. */
export function reportPage(model: ReportModel): { shell: string; content: ReportContent } {
  const qrSvg = model.cover.verifyUrl
    ? renderSVG(model.cover.verifyUrl, { ecc: 'M', border: 1, pixelSize: 4 }).replace(/^<\?xml[^>]*>\s*/, '')
    : '';
  return { shell: staticAssets().shell, content: reportContent(model, qrSvg) };
}

/** The annex as the same shell page and its content (no QR code: the annex carries the code as text). */
export function annexPage(model: ReportModel): { shell: string; content: ReportContent } {
  return { shell: staticAssets().shell, content: annexContent(model) };
}

/** Pages of a PDF: the largest /Count of its page tree (the root's). */
export function pdfPageCount(pdf: Buffer): number {
  return Math.max(0, ...[...pdf.toString('latin1').matchAll(/\/Type \/Pages\b[^>]*?\/Count (\d+)/g)].map((m) => Number(m[1])));
}

/**
 * The probe print shows nothing but the chapter headings: same layout, a fraction of the glyphs to print, and one
 * font (the headings' 黑体) to embed, as the running header and footer sit in the page margins and go too.
 */
const PROBE_CSS = `body * { visibility: hidden !important; } h1 { visibility: visible !important; }
@page { @top-center { content: none; } @bottom-center { content: none; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }`;

/** The text of each page of a PDF (poppler's pdftotext). */
export function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) =>
      err ? reject(err) : resolve(stdout.split('\f')),
    );
    child.stdin!.end(pdf);
  });
}

/** Page number (1-based) of each chapter heading: the first page after the ToC with a line that is the heading. */
export function chapterPages(pages: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of CHAPTERS) {
    const i = pages.findIndex((text, n) => n >= 2 && text.split('\n').some((line) => line.trim() === c.title));
    if (i >= 0) out[c.id] = i + 1;
  }
  return out;
}

export interface ReportPdf {
  pdf: Buffer;
  pages: number;
  blocked: string[];
}

export async function renderReportPdf(renderer: PdfRenderer, model: ReportModel): Promise<ReportPdf> {
  const { pdf, blocked } = await renderer.render(reportPage(model), {
    probeCss: PROBE_CSS,
    revise: async (probe) => {
      const found = chapterPages(await pdfPages(probe));
      return Object.fromEntries(Object.entries(found).map(([id, n]) => [`toc-page-${id}`, String(n)]));
    },
  });
  return { pdf, pages: pdfPageCount(pdf), blocked };
}

/** The annex (附件): printed once, as it has no table of contents to number. */
export async function renderAnnexPdf(renderer: PdfRenderer, model: ReportModel): Promise<ReportPdf> {
  const { pdf, blocked } = await renderer.render(annexPage(model));
  return { pdf, pages: pdfPageCount(pdf), blocked };
}
