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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRINT_FONTS = [
  { src: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', from: 'WenQuanYi Micro Hei', to: 'DSD Print Heiti WQY', file: 'dsd-print-heiti.ttf' },
  { src: '/usr/share/fonts/truetype/arphic/uming.ttc', from: 'AR PL UMing CN', to: 'DSD Print Song', file: 'dsd-print-song.ttf' },
  { src: '/usr/share/fonts/truetype/arphic/ukai.ttc', from: 'AR PL UKai CN', to: 'DSD Print Kai', file: 'dsd-print-kai.ttf' },
];

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

/** The face of a collection (or the single font) whose name table carries `family`, as a standalone TrueType file. */
export function deriveFont(collection, family, newFamily) {
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
    const kept = tables.filter((t) => !DROP.has(t.tag)).sort((a, b) => (a.tag < b.tag ? -1 : 1));
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
  throw new Error(`no face named ${family}`);
}

/** Writes the missing print fonts; returns the families written. */
export function ensurePrintFonts(dir = printFontDir()) {
  const written = [];
  for (const font of PRINT_FONTS) {
    const target = join(dir, font.file);
    if (existsSync(target) || !existsSync(font.src)) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(target, deriveFont(readFileSync(font.src), font.from, font.to));
    written.push(font.to);
  }
  if (written.length > 0) spawnSync('fc-cache', ['-f', dir], { stdio: 'ignore' });
  return written;
}
