/**
 * The report's print fonts: a plain TrueType copy of one face of each Debian font, renamed, without the layout and
 * bitmap tables that keep Chromium from subsetting it — and installed where fontconfig finds it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the set-up script is plain JavaScript run by Node before node_modules exists
import { PRINT_FONTS, commonChars, deriveFont, firstChars } from '../../scripts/print-fonts.mjs';

const tags = (font: Buffer) => Array.from({ length: font.readUInt16BE(4) }, (_, i) => font.toString('latin1', 12 + 16 * i, 16 + 16 * i));

describe('print fonts', () => {
  for (const f of (PRINT_FONTS as { src: string; from: string; to: string; file: string }[]).filter((x) => existsSync(x.src)))
    it(`derives ${f.to} from ${f.from}`, () => {
      const font = deriveFont(readFileSync(f.src), f.from, f.to) as Buffer;
      expect(font.readUInt32BE(0)).toBe(0x00010000);
      expect(tags(font)).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'loca', 'name']));
      for (const dropped of ['GSUB', 'GPOS', 'EBDT', 'EBLC']) expect(tags(font)).not.toContain(dropped);
      const dir = mkdtempSync(join(tmpdir(), 'dsd-font-'));
      try {
        writeFileSync(join(dir, f.file), font);
        expect(execFileSync('fc-scan', ['--format', '%{family}', join(dir, f.file)]).toString()).toContain(f.to);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

  const song = (PRINT_FONTS as { src: string; from: string }[]).find((f) => f.from === 'AR PL UMing CN')!;
  it.skipIf(!existsSync(song.src))('cuts the basic and first copies down to the common characters; a rare one is left to the next font', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsd-font-'));
    try {
      const coverage = (font: Buffer) => {
        writeFileSync(join(dir, 'f.ttf'), font);
        const ranges = execFileSync('fc-scan', ['--format', '%{charset}', join(dir, 'f.ttf')]).toString().trim().split(' ');
        const bounds = ranges.map((r) => r.split('-').map((x) => parseInt(x, 16)));
        return { bytes: font.length, has: (ch: string) => bounds.some(([a, b = a]) => a <= ch.codePointAt(0)! && ch.codePointAt(0)! <= b) };
      };
      const full = coverage(deriveFont(readFileSync(song.src), song.from, 'DSD Print Song') as Buffer);
      const basic = coverage(deriveFont(readFileSync(song.src), song.from, 'DSD Basic Song', commonChars()) as Buffer);
      for (const ch of '数据安全诊断报告，（一）A9·—') expect(basic.has(ch), ch).toBe(true);
      // 峯 is outside GB 2312: only the full font has it.
      expect(full.has('峯')).toBe(true);
      expect(basic.has('峯')).toBe(false);
      expect(basic.bytes).toBeLessThan(full.bytes / 3);
      // The first-level copy: GB 2312's first level and whatever the product's own texts use (钢 of 钢铁, 轧 of 轧制
      // in the steel questionnaire), not the second level's 亍; about half the GB 2312 copy.
      const first = coverage(deriveFont(readFileSync(song.src), song.from, 'DSD First Song', firstChars()) as Buffer);
      for (const ch of '数据安全诊断报告，（一）A9·—钢铁轧制') expect(first.has(ch), ch).toBe(true);
      expect(basic.has('亍')).toBe(true);
      expect(first.has('亍')).toBe(false);
      expect(first.bytes).toBeLessThan(basic.bytes * 0.65);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a new name of another length (the name table is patched in place)', () => {
    const f = (PRINT_FONTS as { from: string; to: string }[])[0];
    expect(() => deriveFont(Buffer.alloc(16), f.from, `${f.to}x`)).toThrow(/same length/);
  });
});
