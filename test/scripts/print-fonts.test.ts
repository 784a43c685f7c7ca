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
import { PRINT_FONTS, deriveFont } from '../../scripts/print-fonts.mjs';

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

  it('refuses a new name of another length (the name table is patched in place)', () => {
    const f = (PRINT_FONTS as { from: string; to: string }[])[0];
    expect(() => deriveFont(Buffer.alloc(16), f.from, `${f.to}x`)).toThrow(/same length/);
  });
});
