/**
 * Writes a ZIP archive to a file, one entry at a time, entries stored as they are (method 0): the files packed here
 * are PDFs, already compressed, so deflating them again costs time and saves nothing. Names are UTF-8 (flag bit 11)
 * so Chinese file names survive. No ZIP64: an archive stops at 4 GB and 65 535 entries (addFile() refuses beyond). Entries are streamed from their files, never held whole.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';

const LIMIT = 0xffffffff;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = (3 << 8) | 20;
/** rw-r--r-- regular file, in the high half of the external attributes as Unix zips keep it. */
const FILE_MODE = (0o100644 << 16) >>> 0;

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

/**
 * The fields a local file header and its central directory record share, in the same order (from "version needed to
 * extract" to "extra field length"), written at `at`: after the signature in the one, after "version made by" in the other.
 */
function writeEntryFields(b: Buffer, at: number, e: Written, stamp: DosTime): void {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(UTF8_NAMES, at + 2);
  b.writeUInt16LE(0, at + 4); // stored
  b.writeUInt16LE(stamp.time, at + 6);
  b.writeUInt16LE(stamp.date, at + 8);
  b.writeUInt32LE(e.crc, at + 10);
  b.writeUInt32LE(e.size, at + 14);
  b.writeUInt32LE(e.size, at + 18);
  b.writeUInt16LE(e.name.length, at + 22);
  b.writeUInt16LE(0, at + 24);
}

interface DosTime {
  time: number;
  date: number;
}

/** DOS date and time of a moment, in China time (what an unzip tool shows as the file's date). */
function dosTime(at: Date): DosTime {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private readonly out: WriteStream;
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp: DosTime;
  /** A write error (a full disk): kept, so it fails the next addFile() instead of crashing the process. */
  private failure: Error | null = null;

  constructor(path: string, at: Date) {
    this.out = createWriteStream(path);
    this.out.on('error', (err) => (this.failure = err));
    this.stamp = dosTime(at);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.offset;
  }

  /**
   * Adds a file as the next entry, streamed from disk: a first read takes its CRC, a second copies it (entries are
   * stored, and a stored entry's header must carry the CRC and size before its data). Only one chunk is held at a time.
   * False, with nothing written, when there is no such file.
   */
  async addFile(name: string, path: string): Promise<boolean> {
    const nameBytes = Buffer.from(name, 'utf8');
    let size: number;
    let crc = 0;
    try {
      size = (await stat(path)).size;
      for await (const chunk of createReadStream(path)) crc = crc32(chunk as Buffer, crc);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return false;
      throw err;
    }
    if (this.entries.length >= 0xffff || this.offset + size + 30 + nameBytes.length > LIMIT) {
      throw new Error('ZIP 文件超过 4 GB 或 65535 个文件的上限');
    }
    const entry = { name: nameBytes, crc, size, offset: this.offset };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(head, 4, entry, this.stamp);
    await this.write(Buffer.concat([head, nameBytes]));
    let copied = 0;
    for await (const chunk of createReadStream(path)) {
      copied += (chunk as Buffer).length;
      await this.write(chunk as Buffer);
    }
    if (copied !== size) throw new Error(`文件在打包时被改动：${name}`);
    this.entries.push(entry);
    return true;
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset;
    const records = this.entries.map((e) => {
      const r = Buffer.alloc(46);
      r.writeUInt32LE(0x02014b50, 0);
      // Made by Unix: unzip tools then take the names as the UTF-8 they are, not as a DOS code page.
      r.writeUInt16LE(MADE_BY_UNIX, 4);
      writeEntryFields(r, 6, e, this.stamp);
      r.writeUInt32LE(FILE_MODE, 38);
      r.writeUInt32LE(e.offset, 42);
      return Buffer.concat([r, e.name]);
    });
    const directory = Buffer.concat(records);
    if (start + directory.length + 22 > LIMIT) throw new Error('ZIP 文件超过 4 GB 的上限');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.write(Buffer.concat([directory, end]));
    this.out.end();
    await once(this.out, 'finish');
  }

  /** Stops writing (a cancelled or failed archive); the caller removes the file. */
  async abort(): Promise<void> {
    if (this.out.closed) return;
    this.out.destroy();
    await once(this.out, 'close').catch(() => undefined);
  }
}
