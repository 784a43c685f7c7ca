/**
 * The rendered diagnosis report and its annex (附件), read back as a reader would: pdftotext finds in the report the
 * enterprise, the credit code, the three dimension results, every chapter heading, the top findings and the page
 * footer, and in the annex every finding, every catalogue row and every answered section; pdffonts finds only embedded
 * subset TrueType fonts, never Type 3; typed HTML and URLs come out as text and no request leaves either page.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPages, pdfPages, renderAnnexPdf, renderReportPdf, type ReportPdf } from '../../server/report/document.js';
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
let annex: ReportPdf;
let annexText: string;
const flat = (s: string) => s.replace(/\s+/g, '');
beforeAll(async () => {
  out = await renderReportPdf(renderer, model);
  text = (await pdfPages(out.pdf)).join('\f');
  annex = await renderAnnexPdf(renderer, model);
  annexText = (await pdfPages(annex.pdf)).join('\f');
}, 320_000);
afterAll(() => renderer.close());

describe('the rendered report', () => {
  it('contains the enterprise, its credit code, the three results, every chapter heading and the top findings', () => {
    expect(text).toContain('长春测试企业峯');
    expect(text).toContain('91220174MA17K3Q592');
    for (const d of model.conclusion.dimensions) expect(text).toContain(d.value);
    for (const c of CHAPTERS) expect(text).toMatch(new RegExp(`^\\s*${c.title}\\s*$`, 'm'));
    for (const p of model.findings.top) expect(flat(text).includes(flat(p.label).slice(0, 12)), p.label).toBe(true);
  });

  it('is the short report: the top problems in the body, the rest named as in the annex', () => {
    expect(model.findings.total).toBeGreaterThan(model.findings.top.length);
    expect(model.findings.top).toHaveLength(15);
    expect(out.pages).toBeLessThanOrEqual(20);
    expect(flat(text)).toContain(`共发现问题${model.findings.total}项`);
    expect(flat(text)).toContain('全部问题按领域分组列于附件一');
    // A finding beyond the top ones is not printed in the report itself.
    const last = model.findings.groups.flatMap((g) => g.items).find((f) => !model.findings.top.some((t) => t.id === f.id) && !text.includes(f.label.slice(0, 10)));
    expect(last).toBeDefined();
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

  it('embeds subset TrueType fonts only, never Type 3, in the report and in the annex', () => {
    for (const pdf of [out.pdf, annex.pdf]) {
      const fonts = execFileSync('pdffonts', ['-'], { input: pdf }).toString().split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((l) => /Type 3/.test(l))).toEqual([]);
      for (const l of fonts) expect(l).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes/);
    }
  });

  it('draws its charts as vectors and text: the PDF holds no image, and the labels of the charts can be read', () => {
    const images = execFileSync('pdfimages', ['-list', '-'], { input: out.pdf }).toString().split('\n').slice(2).filter(Boolean);
    expect(images).toEqual([]);
    expect(flat(text)).toContain('风险条目数（按等级）');
    for (const label of model.charts.processAreas.labels.slice(0, 3)) expect(flat(text)).toContain(flat(label));
  });

  it('prints what users typed as text, and nothing leaves the page', () => {
    const both = flat(text) + flat(annexText);
    // Table cells wrap long strings, so each payload is looked for by a part that fits in a cell line.
    for (const part of ['<script>document.title="x"</script>', 'leak.png">', '<iframe', '/etc/passwd', 'background:url(']) expect(both.includes(part), part).toBe(true);
    expect(flat(annexText)).toContain('<script>document.title="x"</script>');
    expect(out.blocked).toEqual([]);
    expect(annex.blocked).toEqual([]);
  });

  it('stays small', () => {
    // The bound for the standard report; fonts are most of it, the charts are vectors.
    expect(out.pdf.length).toBeLessThanOrEqual(400_000);
    expect(annex.pdf.length).toBeLessThan(2_500_000);
  });
});

describe('the annex', () => {
  it('names the report it belongs to and holds every finding, catalogue row, risk and answered section', () => {
    const a = flat(annexText);
    expect(a).toContain(flat(model.annex.title));
    expect(a).toContain('长春-2026-0042');
    expect(a).toContain('ABCD-EFGH-JKMN');
    // pdftotext prints the ideographic space between number and title as a plain one.
    for (const part of model.annex.parts) expect(annexText).toMatch(new RegExp(`^\\s*${part.replace('　', '\\s+')}\\s*$`, 'm'));
    for (const f of model.findings.groups.flatMap((g) => g.items)) expect(a.includes(flat(f.label).slice(0, 10)), f.label).toBe(true);
    for (const c of model.assets.catalogue) expect(a.includes(flat(c.name).slice(0, 8)), c.name).toBe(true);
    for (const r of model.risk.entries) expect(a).toContain(flat(r.title));
    for (const s of model.appendix.answers) expect(a).toContain(flat(s.section));
  });

  it('numbers its pages 第 N 页 共 M 页', async () => {
    const pages = (await pdfPages(annex.pdf)).filter((p) => p.trim() !== '');
    expect(annex.pages).toBe(pages.length);
    expect(annexText).toContain(`第 2 页 共 ${pages.length} 页`);
  });
});
