// Writes ZIP files byte by byte (APPNOTE.TXT §4.3) so a test can make every header say what it likes:
// lying sizes, names that leave the folder, more entries than a reader allows, and a 1 GiB deflate stream
// of zeros built from ~1 MB of real bytes (never 1 GiB on disk or in memory).
import fs from "node:fs";
import zlib from "node:zlib";

export interface HostileEntry {
  readonly name: string;
  /** The bytes stored in the archive (already deflated for method 8). */
  readonly data: Buffer;
  readonly method: 0 | 8;
  /** What the headers claim; default: the truth for stored data. */
  readonly size: number;
  readonly crc?: number;
  /** The local header's own claims, where they should differ from the central directory's. */
  readonly localName?: string;
  readonly localSize?: number;
  /** What the central directory claims as compressed size (default data.length). */
  readonly compressedSize?: number;
}

export function stored(name: string, text: string): HostileEntry {
  const data = Buffer.from(text);
  return { name, data, method: 0, size: data.length, crc: zlib.crc32(data) };
}

const MiB = 1024 * 1024;

/** A raw deflate stream of `mib` MiB of zeros, from one sync-flushed 1 MiB block repeated (each block is self-contained). */
export function deflatedZeros(mib: number): { data: Buffer; size: number; crc: number } {
  const zeros = Buffer.alloc(MiB);
  const block = zlib.deflateRawSync(zeros, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const final = zlib.deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(zeros, crc);
  return { data: Buffer.concat([...Array.from({ length: mib }, () => block), final]), size: mib * MiB, crc };
}

export function writeHostileZip(file: string, entries: readonly HostileEntry[]): void {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const localName = Buffer.from(e.localName ?? e.name);
    const compressed = e.compressedSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(e.localSize ?? e.size, 22);
    local.writeUInt16LE(localName.length, 26);
    parts.push(local, localName, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc ?? 0, 16);
    c.writeUInt32LE(compressed, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + localName.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...parts, cd, end]));
}
