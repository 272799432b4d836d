// Deterministic ZIP: sorted entries, fixed timestamps and modes, so a rebuild is byte-identical.
// Written here with node:zlib rather than by a zip library: the one such library (archiver and its streams)
// was the largest part of the CLI's bundled code, parsed on every start for a few dozen lines of format.
// The layout is APPNOTE.TXT 6.3.x (PKWARE's ZIP File Format Specification): §4.3.7 local file header,
// §4.3.9 data descriptor, §4.3.12 central directory header, §4.3.16 end of central directory record.
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import { TextMemo } from "../text-memo.js";

export interface PackageFile {
  /** Path inside the package, `/`-separated, relative. */
  readonly path: string;
  readonly data: Buffer;
}

// 2020-01-01 00:00:00 as an MS-DOS date and time (APPNOTE §4.4.6), the same in every time zone.
const FIXED_DOS_TIME = ((2020 - 1980) << 25) | (1 << 21) | (1 << 16);
const VERSION_NEEDED = 20; // deflate and data descriptors (APPNOTE §4.4.3.2)
const VERSION_MADE_BY = (3 << 8) | 45; // made on UNIX (§4.4.2.2), so the external attributes carry a mode
const FLAG_DATA_DESCRIPTOR = 0x0008; // sizes and CRC follow the data (§4.4.4 bit 3)
const FLAG_UTF8 = 0x0800; // names in UTF-8 (§4.4.4 bit 11, appendix D)
const STORED = 0;
const DEFLATED = 8;
/** A regular file, rw-r--r--, in the high word; the MS-DOS archive bit in the low one. */
const EXTERNAL_ATTRIBUTES = ((0o100000 | 0o644) << 16) | 0x20;
/** No ZIP64 (§4.4.1.4): a package is far below 4 GB and 65,535 files; beyond that the build stops. */
const MAX_32 = 0xffffffff;

/**
 * Level-9 raw deflate of `data`, once per process for the same bytes: every target of a build packs the same
 * stylesheet, images and schema files (found by their SHA-1, which the build computes far faster than it deflates).
 */
function deflated(data: Buffer): Buffer {
  if (data.length < 4096) return zlib.deflateRawSync(data, { level: 9 });
  return deflates.get(`${crypto.createHash("sha1").update(data).digest("hex")}:${data.length}`, () => zlib.deflateRawSync(data, { level: 9 }));
}
const deflates = new TextMemo<Buffer>(256);

export async function writeZip(files: readonly PackageFile[], outFile: string): Promise<void> {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path.startsWith("/") || f.path.split("/").includes("..") || f.path.includes("\\")) {
      throw new Error(`unsafe path in package: ${f.path}`);
    }
    if (seen.has(f.path)) throw new Error(`duplicate path in package: ${f.path}`);
    seen.add(f.path);
  }
  if (files.length > 0xffff) throw new Error(`a package holds at most 65,535 files; this one has ${files.length}`);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const name = Buffer.from(f.path, "utf8");
    const flags = FLAG_DATA_DESCRIPTOR | (name.length !== f.path.length ? FLAG_UTF8 : 0);
    // An empty file is stored: deflate would make 2 bytes of nothing.
    const method = f.data.length === 0 ? STORED : DEFLATED;
    const body = method === DEFLATED ? deflated(f.data) : f.data;
    const crc = zlib.crc32(f.data) >>> 0;
    if (offset > MAX_32 || body.length > MAX_32 || f.data.length > MAX_32) throw new Error(`${f.path}: too large for a package (4 GB at most)`);

    // Local file header (§4.3.7): CRC and sizes stay 0 there, they follow in the data descriptor (§4.3.9).
    const local = record([4, 0x04034b50], [2, VERSION_NEEDED], [2, flags], [2, method], [4, FIXED_DOS_TIME], [4, 0], [4, 0], [4, 0], [2, name.length], [2, 0]);
    const descriptor = record([4, 0x08074b50], [4, crc], [4, body.length], [4, f.data.length]);
    chunks.push(local, name, body, descriptor);
    // Central directory header (§4.3.12): no extra field, comment, disk number or internal attributes.
    const header = record(
      [4, 0x02014b50], [2, VERSION_MADE_BY], [2, VERSION_NEEDED], [2, flags], [2, method], [4, FIXED_DOS_TIME], [4, crc], [4, body.length], [4, f.data.length],
      [2, name.length], [2, 0], [2, 0], [2, 0], [2, 0], [4, EXTERNAL_ATTRIBUTES >>> 0], [4, offset],
    );
    central.push(header, name);
    offset += local.length + name.length + body.length + descriptor.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX_32) throw new Error("the package is too large (4 GB at most)");
  const count = central.length / 2;
  const end = record([4, 0x06054b50], [2, 0], [2, 0], [2, count], [2, count], [4, centralSize], [4, offset], [2, 0]);
  fs.writeFileSync(outFile, Buffer.concat([...chunks, ...central, end]));
}

/** Little-endian fields (APPNOTE §4.4: every value is stored little-endian), each [bytes, value]. */
function record(...fields: readonly (readonly [2 | 4, number])[]): Buffer {
  const buf = Buffer.alloc(fields.reduce((n, [size]) => n + size, 0));
  let at = 0;
  for (const [size, value] of fields) at = size === 2 ? buf.writeUInt16LE(value, at) : buf.writeUInt32LE(value, at);
  return buf;
}
