/**
 * The report's print fonts, derived from the Debian TrueType fonts (fonts-wqy-microhei, fonts-arphic-uming,
 * fonts-arphic-ukai). Chromium's PDF backend subsets a font only while HarfBuzz can subset it; with the GSUB/GPOS
 * tables of these fonts that fails beyond some 850 glyphs, and Chromium then embeds the whole 17–21 MB font (a report
 * of 1 000 distinct characters came out at 11 MB). So one face of each collection is copied to a plain .ttf without
 * the layout tables (CJK body text needs no shaping) and without the embedded bitmaps, under its own family name:
 *   DSD Print Heiti WQY (黑体, headings)  ← WenQuanYi Micro Hei
 *   DSD Print Song      (宋体, body)      ← AR PL UMing CN
 *   DSD Print Kai       (楷体)            ← AR PL UKai CN
 * The new family name replaces the old one byte for byte (same length), so no other table changes.
 * Uses only Node built-ins (it runs from scripts/ensure-setup.mjs before node_modules exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRINT_FONTS = [
  { src: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', from: 'WenQuanYi Micro Hei', to: 'DSD Print Heiti WQY', file: 'dsd-print-heiti.ttf' },
  { src: '/usr/share/fonts/truetype/arphic/uming.ttc', from: 'AR PL UMing CN', to: 'DSD Print Song', file: 'dsd-print-song.ttf' },
  { src: '/usr/share/fonts/truetype/arphic/ukai.ttc', from: 'AR PL UKai CN', to: 'DSD Print Kai', file: 'dsd-print-kai.ttf' },
  { src: '/usr/share/fonts/truetype/arphic/uming.ttc', from: 'AR PL UMing CN', to: 'DSD Basic Song', file: 'dsd-basic-song.ttf', chars: 'common' },
  { src: '/usr/share/fonts/truetype/arphic/ukai.ttc', from: 'AR PL UKai CN', to: 'DSD Basic Kai', file: 'dsd-basic-kai.ttf', chars: 'common' },
  { src: '/usr/share/fonts/truetype/arphic/uming.ttc', from: 'AR PL UMing CN', to: 'DSD First Song', file: 'dsd-first-song.ttf', chars: 'first' },
  { src: '/usr/share/fonts/truetype/arphic/ukai.ttc', from: 'AR PL UKai CN', to: 'DSD First Kai', file: 'dsd-first-kai.ttf', chars: 'first' },
  { src: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', from: 'WenQuanYi Micro Hei', to: 'DSD First Heiti WQY', file: 'dsd-first-heiti.ttf', chars: 'first' },
];

/** The character set a derived copy keeps: all of the face, GB 2312 (`common`), or the first level (`first`). */
const charsOf = (font) => (font.chars === 'common' ? commonChars() : font.chars === 'first' ? firstChars() : undefined);

const DROP = new Set(['EBDT', 'EBLC', 'EBSC', 'BDF ', 'GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'morx', 'DSIG']);

/** Where fontconfig finds them: system-wide as root, else the user's font folder. */
export function printFontDir() {
  return process.getuid?.() === 0 ? '/usr/local/share/fonts/dsd' : join(homedir(), '.local', 'share', 'fonts', 'dsd');
}

const checksum = (buf) => {
  const b = Buffer.concat([buf, Buffer.alloc((4 - (buf.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  return sum;
};

const utf16be = (s) => Buffer.from(s, 'utf16le').swap16();

function replaceAll(buf, from, to) {
  let at = buf.indexOf(from);
  while (at >= 0) {
    to.copy(buf, at);
    at = buf.indexOf(from, at + to.length);
  }
}

/** A TrueType file from its tables: directory sorted by tag, checksums, head.checkSumAdjustment. */
function writeFont(tables) {
  const kept = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = kept.length;
  const es = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * 2 ** es, 6);
  header.writeUInt16BE(es, 8);
  header.writeUInt16BE(n * 16 - 16 * 2 ** es, 10);
  let pos = header.length;
  const bodies = [];
  let headAt = -1;
  kept.forEach((t, i) => {
    if (t.tag === 'head') {
      t.data.writeUInt32BE(0, 8);
      headAt = pos;
    }
    header.write(t.tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(checksum(t.data), 12 + 16 * i + 4);
    header.writeUInt32BE(pos, 12 + 16 * i + 8);
    header.writeUInt32BE(t.data.length, 12 + 16 * i + 12);
    const padded = Buffer.concat([t.data, Buffer.alloc((4 - (t.data.length % 4)) % 4)]);
    bodies.push(padded);
    pos += padded.length;
  });
  const out = Buffer.concat([header, ...bodies]);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}

/** The face of a collection (or the single font) whose name table carries `family`, as a standalone TrueType file. */
export function deriveFont(collection, family, newFamily, chars) {
  if (family.length !== newFamily.length) throw new Error('family names must have the same length');
  const f = collection;
  const offsets = f.toString('latin1', 0, 4) === 'ttcf' ? Array.from({ length: f.readUInt32BE(8) }, (_, k) => f.readUInt32BE(12 + 4 * k)) : [0];
  for (const off of offsets) {
    const tables = [];
    for (let i = 0; i < f.readUInt16BE(off + 4); i++) {
      const rec = off + 12 + 16 * i;
      const tag = f.toString('latin1', rec, rec + 4);
      const at = f.readUInt32BE(rec + 8);
      tables.push({ tag, data: Buffer.from(f.subarray(at, at + f.readUInt32BE(rec + 12))) });
    }
    const name = tables.find((t) => t.tag === 'name');
    if (!name || name.data.indexOf(utf16be(family)) < 0) continue;
    replaceAll(name.data, utf16be(family), utf16be(newFamily));
    replaceAll(name.data, Buffer.from(family, 'latin1'), Buffer.from(newFamily, 'latin1'));
    const plain = tables.filter((t) => !DROP.has(t.tag));
    return writeFont(chars ? subsetTables(plain, chars) : plain);
  }
  throw new Error(`no face named ${family}`);
}

/**
 * The characters of GB 2312 (its 6 763 hanzi, kana, Greek, Cyrillic, full-width forms, symbols) plus ASCII, Latin-1
 * and the general and CJK punctuation blocks: what nearly every report is written in.
 */
export function commonChars() {
  const out = new Set();
  const add = (from, to) => {
    for (let c = from; c <= to; c++) out.add(c);
  };
  add(0x20, 0x7e);
  add(0xa0, 0xff);
  add(0x2000, 0x206f);
  add(0x3000, 0x303f);
  add(0xff00, 0xffef);
  const gbk = new TextDecoder('gbk');
  for (let hi = 0xa1; hi <= 0xf7; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const s = gbk.decode(Uint8Array.of(hi, lo));
      if (s.length === 1 && s !== '\ufffd') out.add(s.codePointAt(0));
    }
  return out;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the product's own Chinese texts are: questionnaires, reference data, templates and the server's sentences. */
const TEXT_DIRS = ['questionnaires', 'data', 'report-templates', 'server'];

/**
 * The first level of GB 2312 (its 3 755 most used hanzi) with its non-hanzi rows and the ASCII, Latin-1 and
 * punctuation blocks, plus every character the product's own texts use (TEXT_DIRS): a report's text is almost all
 * in this set, and a copy this small costs each print about half the time of the GB 2312 copy. Whatever is missing
 * comes from the next font of the stack.
 */
let first;
export function firstChars() {
  if (first) return first;
  const out = new Set();
  const common = commonChars();
  const gbk = new TextDecoder('gbk');
  for (const c of common) if (c < 0x2e80 || c > 0x9fff) out.add(c);
  for (let hi = 0xb0; hi <= 0xd7; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const s = gbk.decode(Uint8Array.of(hi, lo));
      if (s.length === 1 && s !== '\ufffd') out.add(s.codePointAt(0));
    }
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ya?ml|json|ts|js|css|csv)$/.test(entry.name))
        for (const ch of readFileSync(path, 'utf8')) {
          const c = ch.codePointAt(0);
          if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) out.add(c);
        }
    }
  };
  for (const d of TEXT_DIRS) walk(join(ROOT, d));
  // Three copies use the set: the tree is read once.
  first = out;
  return out;
}

/** cmap of a font as code point → glyph id, from its Unicode subtable (format 12 preferred, else format 4). */
function readCmap(cmap) {
  const map = new Map();
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => ({
    platform: cmap.readUInt16BE(4 + 8 * i),
    encoding: cmap.readUInt16BE(6 + 8 * i),
    at: cmap.readUInt32BE(8 + 8 * i),
  }));
  const pick = (format) => subtables.find((t) => (t.platform === 3 || t.platform === 0) && cmap.readUInt16BE(t.at) === format);
  const f12 = pick(12);
  if (f12) {
    const n = cmap.readUInt32BE(f12.at + 12);
    for (let i = 0; i < n; i++) {
      const g = f12.at + 16 + 12 * i;
      const [start, end, gid] = [cmap.readUInt32BE(g), cmap.readUInt32BE(g + 4), cmap.readUInt32BE(g + 8)];
      for (let c = start; c <= end; c++) map.set(c, gid + c - start);
    }
    return map;
  }
  const f4 = pick(4);
  if (!f4) throw new Error('no Unicode cmap');
  const segs = cmap.readUInt16BE(f4.at + 6) / 2;
  const ends = f4.at + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const [end, start, delta, range] = [cmap.readUInt16BE(ends + 2 * s), cmap.readUInt16BE(starts + 2 * s), cmap.readInt16BE(deltas + 2 * s), cmap.readUInt16BE(ranges + 2 * s)];
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const gid = range === 0 ? (c + delta) & 0xffff : cmap.readUInt16BE(ranges + 2 * s + range + 2 * (c - start));
      if (gid !== 0) map.set(c, range === 0 ? gid : (gid + delta) & 0xffff);
    }
  }
  return map;
}

/**
 * The font cut down to the glyphs of `chars` (and the components of composite glyphs), glyph ids kept: other glyphs
 * become empty, the cmap lists only `chars` (one format 12 subtable), glyph names go (post format 3). Chromium's PDF
 * backend reads the whole font for every PDF it prints, so a 17 MB font costs time on each report; the cut copy is
 * listed first in the CSS and the full font catches the rare character it lacks.
 */
function subsetTables(tables, chars) {
  const get = (tag) => tables.find((t) => t.tag === tag).data;
  const head = get('head');
  const loca = get('loca');
  const glyf = get('glyf');
  const longLoca = head.readInt16BE(50) === 1;
  const glyphs = get('maxp').readUInt16BE(4);
  const offset = (g) => (longLoca ? loca.readUInt32BE(4 * g) : 2 * loca.readUInt16BE(2 * g));
  const cmap = [...readCmap(get('cmap'))].filter(([c, g]) => chars.has(c) && g < glyphs).sort((a, b) => a[0] - b[0]);
  const keep = new Set([0, ...cmap.map(([, g]) => g)]);
  // Composite glyphs draw other glyphs: keep those too.
  for (const g of [...keep]) {
    const stack = [g];
    while (stack.length) {
      const at = offset(stack.pop());
      if (glyf.length <= at || glyf.readInt16BE(at) >= 0) continue;
      let p = at + 10;
      for (let more = true; more; ) {
        const flags = glyf.readUInt16BE(p);
        const component = glyf.readUInt16BE(p + 2);
        if (!keep.has(component)) keep.add(component), stack.push(component);
        p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
        more = (flags & 0x20) !== 0;
      }
    }
  }
  const newLoca = Buffer.alloc(4 * (glyphs + 1));
  const parts = [];
  let pos = 0;
  for (let g = 0; g < glyphs; g++) {
    newLoca.writeUInt32BE(pos, 4 * g);
    if (!keep.has(g)) continue;
    const data = glyf.subarray(offset(g), offset(g + 1));
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    parts.push(padded);
    pos += padded.length;
  }
  newLoca.writeUInt32BE(pos, 4 * glyphs);
  head.writeInt16BE(1, 50);
  // cmap: runs of consecutive code points with consecutive glyph ids as format 12 groups.
  const groups = [];
  for (const [c, g] of cmap) {
    const last = groups.at(-1);
    if (last && c === last[1] + 1 && g === last[2] + c - last[0]) last[1] = c;
    else groups.push([c, c, g]);
  }
  const sub = Buffer.alloc(16 + 12 * groups.length);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([s, e, g], i) => {
    sub.writeUInt32BE(s, 16 + 12 * i);
    sub.writeUInt32BE(e, 20 + 12 * i);
    sub.writeUInt32BE(g, 24 + 12 * i);
  });
  const cmapHeader = Buffer.alloc(12);
  cmapHeader.writeUInt16BE(1, 2);
  cmapHeader.writeUInt16BE(3, 4);
  cmapHeader.writeUInt16BE(10, 6);
  cmapHeader.writeUInt32BE(12, 8);
  const post = Buffer.from(get('post').subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);
  const replaced = { glyf: Buffer.concat(parts), loca: newLoca, cmap: Buffer.concat([cmapHeader, sub]), post };
  return tables.map((t) => (t.tag in replaced ? { tag: t.tag, data: replaced[t.tag] } : t));
}

/** Writes the missing print fonts; returns the families written. */
export function ensurePrintFonts(dir = printFontDir()) {
  const written = [];
  for (const font of PRINT_FONTS) {
    const target = join(dir, font.file);
    if (existsSync(target) || !existsSync(font.src)) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(target, deriveFont(readFileSync(font.src), font.from, font.to, charsOf(font)));
    written.push(font.to);
  }
  if (written.length > 0) spawnSync('fc-cache', ['-f', dir], { stdio: 'ignore' });
  return written;
}
