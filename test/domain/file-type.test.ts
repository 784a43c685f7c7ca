import { describe, expect, it } from 'vitest';
import { attachmentDisposition, detectFileType, isMacroEnabledOffice, sanitizeFileName } from '../../server/domain/file-type.js';

const bytes = (...xs: (number[] | string)[]) => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from(x))));

describe('detectFileType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'image/png'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['docx', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['utf-8 text', Buffer.from('数据安全管理制度\r\n第一条\t总则\n'), 'text/plain; charset=utf-8'],
  ])('recognises %s', (_, data, mime) => {
    expect(detectFileType(data)?.mime).toBe(mime);
  });

  it.each([
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['a plain zip', bytes([0x50, 0x4b, 3, 4], 'readme.txt')],
    ['an OOXML package of another kind', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'ppt/presentation.xml')],
    ['GBK text', Buffer.from([0xca, 0xfd, 0xbe, 0xdd, 0xb0, 0xb2, 0xc8, 0xab])],
    ['text with NUL bytes', Buffer.from('abc\u0000def')],
    ['an empty file', Buffer.alloc(0)],
    ['a macro-enabled Word document (docm)', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin')],
    ['a macro-enabled workbook (xlsm)', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin')],
    ['a macro-enabled presentation (pptm)', bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'ppt/presentation.xml', 'ppt/vbaProject.bin')],
  ])('refuses %s', (_, data) => {
    expect(detectFileType(data)).toBeUndefined();
  });

  it('tells macro-enabled Office files apart from docx/xlsx', () => {
    expect(isMacroEnabledOffice(bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin'))).toBe(true);
    expect(isMacroEnabledOffice(bytes([0x50, 0x4b, 3, 4], '[Content_Types].xml', 'xl/workbook.xml'))).toBe(false);
  });
});

describe('sanitizeFileName', () => {
  const pdf = detectFileType(Buffer.from('%PDF-1.4'))!;
  const jpeg = detectFileType(bytes([0xff, 0xd8, 0xff]))!;
  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\windows\\system32\\a.pdf', 'a.pdf'],
    ['evil\u0000.pdf', 'evil.pdf'],
    ['.htaccess', 'htaccess.pdf'],
    ['报告<script>.pdf', '报告script.pdf'],
    ['a"b;c.pdf', 'abc.pdf'],
    ['', '附件.pdf'],
    [undefined, '附件.pdf'],
    ['....', '附件.pdf'],
    ['报告\u202Efdp.exe', '报告fdp.exe.pdf'],
    ['\u2067合同\u2069\u200f.pdf', '合同.pdf'],
    ['a\u202ab\u202bc\u202cd\u202de\u2066f\u2068g\u200eh\u061c.pdf', 'abcdefgh.pdf'],
  ])('%j → %j', (name, expected) => {
    expect(sanitizeFileName(name, pdf)).toBe(expected);
  });

  it('keeps .jpeg for JPEG files and caps the length with the extension kept', () => {
    expect(sanitizeFileName('照片.JPEG', jpeg)).toBe('照片.JPEG');
    const long = sanitizeFileName(`${'长'.repeat(300)}.pdf`, pdf);
    expect(long).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name, with quotes and apostrophes encoded', () => {
    expect(attachmentDisposition("制度'(1).pdf")).toBe(`attachment; filename="__'(1).pdf"; filename*=UTF-8''%E5%88%B6%E5%BA%A6%27%281%29.pdf`);
  });
});
