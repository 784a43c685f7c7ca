/**
 * The diagnosis report from model to PDF bytes: the template of report-templates/diagnosis with its print CSS, Chart.js
 * and the template's scripts inlined (their SHA-256 in the page's CSP), the verification QR code as SVG, printed
 * twice from one laid-out page: the first print finds the page each chapter starts on (pdftotext), the numbers go
 * into the table of contents and the page is printed again. The ToC is one page whatever the numbers, so the second
 * print paginates the same.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSVG } from 'uqr';
import { CHAPTERS, renderDiagnosis, type TemplateAssets } from '../../report-templates/diagnosis/template.js';
import type { ReportModel } from './model.js';
import type { PdfRenderer } from './renderer.js';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'report-templates', 'diagnosis');

let cached: Omit<TemplateAssets, 'qrSvg'> | undefined;

function staticAssets(): Omit<TemplateAssets, 'qrSvg'> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const scripts = [
      // The UMD build is not in the package's exports map: found next to its main entry.
      readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8'),
      readFileSync(join(TEMPLATE_DIR, 'charts.js'), 'utf8'),
    ];
    cached = {
      css: readFileSync(join(TEMPLATE_DIR, 'print.css'), 'utf8'),
      scripts,
      scriptHashes: scripts.map((s) => `sha256-${createHash('sha256').update(s).digest('base64')}`),
    };
  }
  return cached;
}

/** The report page as HTML. */
export function reportHtml(model: ReportModel): string {
  const qrSvg = model.cover.verifyUrl
    ? renderSVG(model.cover.verifyUrl, { ecc: 'M', border: 1, pixelSize: 4 }).replace(/^<\?xml[^>]*>\s*/, '')
    : '';
  return renderDiagnosis(model, { ...staticAssets(), qrSvg });
}

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
  let pages = 0;
  const { pdf, blocked } = await renderer.render(reportHtml(model), async (first) => {
    const texts = await pdfPages(first);
    pages = texts.filter((t) => t.trim() !== '').length;
    const found = chapterPages(texts);
    return Object.fromEntries(Object.entries(found).map(([id, n]) => [`toc-page-${id}`, String(n)]));
  });
  return { pdf, pages, blocked };
}
