/**
 * The rendered diagnosis report, read back as a reader would: pdftotext finds the enterprise, the credit code, the
 * three dimension results, every chapter heading, the top findings and the page footer; pdffonts finds only embedded
 * subset TrueType fonts, never Type 3; typed HTML and URLs come out as text and no request leaves the page.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPages, pdfPages, renderReportPdf, type ReportPdf } from '../../server/report/document.js';
import { PdfRenderer } from '../../server/report/renderer.js';
import { CHAPTERS } from '../../report-templates/diagnosis/template.js';
import { reportInput } from './fixture.js';
import { buildReportModel } from '../../server/report/model.js';

const PAYLOADS = [
  '<script>document.title="x"</script>',
  '<img src="http://127.0.0.1:9/leak.png">',
  '<iframe src="file:///etc/passwd"></iframe>',
  '<div style="background:url(http://127.0.0.1:9/css)">',
];

const renderer = new PdfRenderer({ concurrency: 1, timeoutMs: 150_000 });
const input = reportInput({
  enterprise: { name: `长春测试企业峯${PAYLOADS[0]}`, creditCode: '91220174MA17K3Q592', district: '汽开区', industry: '汽车' },
});
// The payloads in answers a user typed: notes and a custom inventory row.
const firstItem = input.questionnaire.items.find((i) => i.def.kind === 'control' && input.answers.answers[i.def.id] !== undefined)!.def.id;
input.answers.notes[firstItem] = PAYLOADS[1];
input.evidence[firstItem] = [PAYLOADS[2]];
const model = buildReportModel(input);
model.cover.rows.push({ label: '地址', value: PAYLOADS[3] });

let out: ReportPdf;
let text: string;
beforeAll(async () => {
  out = await renderReportPdf(renderer, model);
  text = (await pdfPages(out.pdf)).join('\f');
}, 320_000);
afterAll(() => renderer.close());

describe('the rendered report', () => {
  it('contains the enterprise, its credit code, the three results, every chapter heading and the top findings', () => {
    expect(text).toContain('长春测试企业峯');
    expect(text).toContain('91220174MA17K3Q592');
    for (const d of model.conclusion.dimensions) expect(text).toContain(d.value);
    for (const c of CHAPTERS) expect(text).toMatch(new RegExp(`^\\s*${c.title}\\s*$`, 'm'));
    const flat = text.replace(/\s+/g, '');
    for (const p of model.conclusion.topProblems) expect(flat.includes(p.label.replace(/\s+/g, '').slice(0, 12)), p.label).toBe(true);
  });

  it('numbers its pages 第 N 页 共 M 页 and its table of contents points at the chapters', async () => {
    const pages = await pdfPages(out.pdf);
    const total = pages.filter((p) => p.trim() !== '').length;
    expect(text).toContain(`第 3 页 共 ${total} 页`);
    expect(out.pages).toBe(total);
    const found = chapterPages(pages);
    expect(Object.keys(found).length).toBe(CHAPTERS.length);
    const toc = pages[1];
    for (const c of CHAPTERS) expect(toc).toMatch(new RegExp(`${c.title}.*\\s${found[c.id]}\\s*$`, 'm'));
  });

  it('embeds subset TrueType fonts only, never Type 3', () => {
    const fonts = execFileSync('pdffonts', ['-'], { input: out.pdf }).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((l) => /Type 3/.test(l))).toEqual([]);
    for (const l of fonts) expect(l).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes/);
  });

  it('prints what users typed as text, and nothing leaves the page', () => {
    const flat = text.replace(/\s+/g, '');
    // Table cells wrap long strings, so each payload is looked for by a part that fits in a cell line.
    for (const part of ['<script>document.title="x"</script>', 'leak.png">', '<iframe', '/etc/passwd', 'background:url(']) expect(flat.includes(part), part).toBe(true);
    expect(out.blocked).toEqual([]);
  });

  it('stays small', () => {
    expect(out.pdf.length).toBeLessThan(2_500_000);
  });
});
