/**
 * The ZIP writer's failure path: a file that cannot be written fails the writing (the batch then reports it)
 * rather than crashing the server with an unhandled stream error. Its archives are opened and checked in
 * test/routes/report-batches/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from '../../server/services/zip-writer.js';

describe('ZipWriter', () => {
  it('rejects (an entry or the finish, whichever comes after the error) when its file cannot be written', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'dsd-zip-')), 'a.pdf');
    writeFileSync(source, '%PDF-');
    const zip = new ZipWriter(join(tmpdir(), 'no-such-folder-dsd', 'x.zip'), new Date());
    const written = (async () => {
      await zip.addFile('a.pdf', source);
      await zip.addFile('b.pdf', source);
      await zip.finish();
    })();
    await expect(written).rejects.toThrow(/ENOENT/);
    await zip.abort();
  });
});
