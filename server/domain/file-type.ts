/**
 * What an uploaded file really is, from its bytes (the declared MIME type and the file name are the uploader's
 * claim and are ignored), and a file name that is safe to keep and to send back in Content-Disposition.
 */

export type FileCategory = 'image' | 'pdf' | 'office' | 'text';

export interface FileType {
  mime: string;
  category: FileCategory;
  /** Extension without the dot, used when the uploaded name lacks a fitting one. */
  ext: string;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const contains = (b: Buffer, s: string) => b.includes(s, 0, 'latin1');

const isOoxml = (b: Buffer) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && contains(b, '[Content_Types].xml');

/**
 * A macro-enabled Office package (.docm/.xlsm/.pptm, or one renamed to .docx): its VBA project is a part of the
 * ZIP whose name, like every entry name, is stored uncompressed. Such files are refused, not stored as docx/xlsx.
 */
export function isMacroEnabledOffice(b: Buffer): boolean {
  return isOoxml(b) && (contains(b, 'vbaProject.bin') || contains(b, 'vbaData.xml') || contains(b, 'macroEnabled'));
}

export function detectFileType(b: Buffer): FileType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', category: 'image', ext: 'jpg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', category: 'image', ext: 'png' };
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { mime: 'image/webp', category: 'image', ext: 'webp' };
  if (startsWith(b, ascii('%PDF-'))) return { mime: 'application/pdf', category: 'pdf', ext: 'pdf' };
  if (isOoxml(b)) {
    if (isMacroEnabledOffice(b)) return undefined;
    // OOXML packages are ZIP files whose entry names (stored uncompressed in the headers) say what they are.
    if (contains(b, 'word/document.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', category: 'office', ext: 'docx' };
    if (contains(b, 'xl/workbook.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', category: 'office', ext: 'xlsx' };
    return undefined;
  }
  if (isPlainText(b)) return { mime: 'text/plain; charset=utf-8', category: 'text', ext: 'txt' };
  return undefined;
}

/** UTF-8 without control characters other than tab, CR, LF and form feed. */
function isPlainText(b: Buffer): boolean {
  if (b.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

export const CATEGORY_LABELS: Record<FileCategory, string> = {
  image: '图片（JPEG/PNG/WebP）',
  pdf: 'PDF',
  office: 'Word/Excel（docx/xlsx）',
  text: '纯文本（UTF-8 txt）',
};

/**
 * Bidirectional formatting characters: a right-to-left override makes "报告\u202Efdp.exe" display as "报告exe.pdf",
 * so they have no place in a file name.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The last path component of the uploaded name, without control characters (bidi controls included), characters
 * that are special in file systems or headers, or leading dots; at most 100 characters, with an extension matching
 * the real type.
 */
export function sanitizeFileName(name: string | undefined, type: FileType): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*;]/g, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .trim();
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(clean)?.[1]?.toLowerCase();
  const fitting = ext === type.ext || (type.ext === 'jpg' && ext === 'jpeg');
  if (!fitting) clean = `${clean || '附件'}.${type.ext}`;
  if (clean.length > 100) {
    const suffix = clean.slice(clean.lastIndexOf('.'));
    // By code points, so a character outside the BMP (emoji, rare CJK) is never cut in half.
    let head = '';
    for (const ch of clean.slice(0, clean.length - suffix.length)) {
      if (head.length + ch.length > 100 - suffix.length) break;
      head += ch;
    }
    clean = head + suffix;
  }
  return clean;
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
