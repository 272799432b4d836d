// A minimal ZIP reader (no dependency): walks the central directory and inflates entries
// with node:zlib. Supports what our packages use: stored (0) and deflated (8) entries, no ZIP64.
import fs from "node:fs";
import zlib from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  /** Modification time decoded from the DOS date/time fields (local time, 2-second precision). */
  readonly date: Date;
  /** Compression method: 0 stored, 8 deflate. */
  readonly method: number;
}

interface RawEntry extends ZipEntry {
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function centralDirectory(buf: Buffer, file: string): RawEntry[] {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a ZIP file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error(`${file}: ZIP64 archives are not supported`);
  const entries: RawEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error(`${file}: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(at + 10);
    const time = buf.readUInt16LE(at + 12);
    const date = buf.readUInt16LE(at + 14);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({
      name,
      method,
      date: new Date(1980 + (date >> 9), ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2),
      crc,
      compressedSize,
      size,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Entries in archive (central directory) order. */
export function zipEntries(file: string): ZipEntry[] {
  return centralDirectory(fs.readFileSync(file), file).map(({ name, date, method }) => ({ name, date, method }));
}

/** Every file entry (directories skipped), name → uncompressed content. */
export function readZip(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  const files = new Map<string, Buffer>();
  for (const e of centralDirectory(buf, file)) {
    if (e.name.endsWith("/")) continue;
    if (buf.readUInt32LE(e.localOffset) !== LOCAL) throw new Error(`${file}: bad local header for ${e.name}`);
    const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    let data: Buffer;
    if (e.method === 0) data = Buffer.from(raw);
    else if (e.method === 8) data = zlib.inflateRawSync(raw);
    else throw new Error(`${file}: ${e.name} uses unsupported compression method ${e.method}`);
    if (data.length !== e.size) throw new Error(`${file}: ${e.name} is ${data.length} bytes, central directory says ${e.size}`);
    if (zlib.crc32(data) !== e.crc) throw new Error(`${file}: ${e.name} fails its CRC-32 check`);
    if (files.has(e.name)) throw new Error(`${file}: duplicate entry ${e.name}`);
    files.set(e.name, data);
  }
  return files;
}
