// The one ZIP reader (verify, preview; no dependency): walks the central directory and inflates entries
// with node:zlib. Supports what course packages use: stored (0) and deflated (8) entries, no ZIP64, no
// encryption. The ZIP may come from anyone, so it is read as hostile: every entry name must stay inside
// the package folder, and the sizes are capped from the central directory before anything is inflated,
// then again while inflating (an entry cannot produce more than its header declared).
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

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxTotalBytes: number;
  readonly maxEntryBytes: number;
  /** Uncompressed : compressed, checked for entries larger than ratioAboveBytes. */
  readonly maxRatio: number;
  readonly ratioAboveBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Generous for real packages: a large course has a few thousand files and some hundred MB of video; HTML,
 * CSS, JS and XML deflate 3–10:1, so 100:1 on a file over 1 MiB is a bomb (zeros deflate ~1000:1), not content.
 */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * MiB, maxEntryBytes: 256 * MiB, maxRatio: 100, ratioAboveBytes: MiB };

interface RawEntry extends ZipEntry {
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

// APPNOTE.TXT 6.3.x §4.3.16 (end of central directory), §4.3.12 (central header), §4.3.7 (local header).
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;

const show = (name: string): string => JSON.stringify(name);
const mib = (n: number): string => `${(n / MiB).toFixed(n < MiB ? 2 : 0)} MiB`;

/** Why an entry name cannot be unpacked as it says (APPNOTE §4.4.17: relative, forward slashes, no drive). */
export function unsafeEntryName(name: string): string | undefined {
  if (name === "") return "has an empty name";
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return "has a control character (e.g. NUL) in its name";
  if (name.includes("\\")) return "uses backslashes (not portable; Windows reads them as folders)";
  if (name.startsWith("/") || /^[a-z]:/i.test(name)) return "is an absolute path";
  if (name.split("/").includes("..")) return "has a '..' segment and would be written outside the package folder";
  return undefined;
}

class ZipFile {
  private readonly fd: number;
  readonly size: number;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "r");
    this.size = fs.fstatSync(this.fd).size;
  }

  /** Exactly `length` bytes at `position`, or a "truncated" error naming `what`. */
  read(position: number, length: number, what: string): Buffer {
    if (position < 0 || position + length > this.size) throw this.error(`${what} lies past the end of the file (truncated or corrupt ZIP)`);
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw this.error(`${what} lies past the end of the file (truncated or corrupt ZIP)`);
      done += n;
    }
    return buf;
  }

  error(message: string): Error {
    return new Error(`${this.file}: ${message}`);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function centralDirectory(zip: ZipFile, limits: ZipLimits): { entries: RawEntry[]; end: number } {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes.
  const tailLength = Math.min(zip.size, 22 + 0xffff);
  const tail = zip.read(zip.size - tailLength, tailLength, "the end of central directory");
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw zip.error("not a ZIP file (no end of central directory)");
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw zip.error("ZIP64 archives are not supported");
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 8) !== count) throw zip.error("multi-part (split) ZIP archives are not supported");
  if (count > limits.maxEntries) throw zip.error(`has ${count} entries; a package may have at most ${limits.maxEntries}`);
  const cdEnd = zip.size - tailLength + eocd;
  if (cdOffset + cdSize > cdEnd) throw zip.error("the central directory lies past its end record (truncated or corrupt ZIP)");
  const cd = zip.read(cdOffset, cdSize, "the central directory");

  const entries: RawEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) throw zip.error(`bad central directory entry ${n}`);
    const nameLength = cd.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    if (next > cd.length) throw zip.error(`bad central directory entry ${n}`);
    const time = cd.readUInt16LE(at + 12);
    const date = cd.readUInt16LE(at + 14);
    const e: RawEntry = {
      name: cd.toString("utf8", at + 46, at + 46 + nameLength),
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      date: new Date(1980 + (date >> 9), ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2),
      crc: cd.readUInt32LE(at + 16),
      compressedSize: cd.readUInt32LE(at + 20),
      size: cd.readUInt32LE(at + 24),
      localOffset: cd.readUInt32LE(at + 42),
    };
    at = next;
    const unsafe = unsafeEntryName(e.name);
    if (unsafe) throw zip.error(`entry ${show(e.name)} ${unsafe}`);
    if (names.has(e.name)) throw zip.error(`duplicate entry ${show(e.name)}`);
    names.add(e.name);
    if (e.flags & FLAG_ENCRYPTED) throw zip.error(`entry ${show(e.name)} is encrypted`);
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) throw zip.error("ZIP64 archives are not supported");
    if (e.size > limits.maxEntryBytes) throw zip.error(`entry ${show(e.name)} is ${mib(e.size)} uncompressed; a file may be at most ${mib(limits.maxEntryBytes)}`);
    if (e.compressedSize > limits.maxEntryBytes) throw zip.error(`entry ${show(e.name)} is ${mib(e.compressedSize)} compressed; a file may be at most ${mib(limits.maxEntryBytes)}`);
    if (e.size > limits.ratioAboveBytes && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      throw zip.error(`entry ${show(e.name)} expands ${Math.round(e.size / Math.max(1, e.compressedSize))}:1 (${mib(e.compressedSize)} to ${mib(e.size)}); more than ${limits.maxRatio}:1 is refused as a ZIP bomb`);
    }
    if (e.method === 0 && e.compressedSize !== e.size) throw zip.error(`entry ${show(e.name)} is stored, but its sizes disagree (${e.compressedSize} and ${e.size} bytes)`);
    total += e.size;
    if (total > limits.maxTotalBytes) throw zip.error(`unpacks to more than ${mib(limits.maxTotalBytes)}; a package may be at most that`);
    entries.push(e);
  }
  return { entries, end: cdOffset };
}

/** The entry's compressed bytes, after checking that its local header agrees with the central directory. */
function entryData(zip: ZipFile, e: RawEntry, dataEnd: number): Buffer {
  const local = zip.read(e.localOffset, 30, `the local header of ${show(e.name)}`);
  if (local.readUInt32LE(0) !== LOCAL) throw zip.error(`bad local header for ${show(e.name)}`);
  const nameLength = local.readUInt16LE(26);
  const start = e.localOffset + 30 + nameLength + local.readUInt16LE(28);
  // A streaming unzipper reads the local header, not the central directory: both must say the same.
  const localName = zip.read(e.localOffset + 30, nameLength, `the local header of ${show(e.name)}`).toString("utf8");
  if (localName !== e.name) throw zip.error(`entry ${show(e.name)} is named ${show(localName)} in its local header`);
  const sizesKnown = !(local.readUInt16LE(6) & FLAG_DATA_DESCRIPTOR);
  if (local.readUInt16LE(8) !== e.method || (sizesKnown && (local.readUInt32LE(18) !== e.compressedSize || local.readUInt32LE(22) !== e.size))) {
    throw zip.error(`entry ${show(e.name)}: its local header and the central directory disagree on method or sizes`);
  }
  if (start + e.compressedSize > dataEnd) throw zip.error(`the data of ${show(e.name)} runs into the central directory (truncated or corrupt ZIP)`);
  return zip.read(start, e.compressedSize, `the data of ${show(e.name)}`);
}

function inflate(zip: ZipFile, e: RawEntry, raw: Buffer): Buffer {
  if (e.method === 0) return raw;
  if (e.method !== 8) throw zip.error(`${show(e.name)} uses unsupported compression method ${e.method}`);
  try {
    // Never more than the declared size (+1 to tell "too long" from "exact"): a lying header gains nothing.
    return zlib.inflateRawSync(raw, { maxOutputLength: e.size + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw zip.error(`entry ${show(e.name)} inflates to more than the ${e.size} bytes its header declares`);
    throw zip.error(`entry ${show(e.name)} is corrupt: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function withZip<T>(file: string, use: (zip: ZipFile) => T): T {
  const zip = new ZipFile(file);
  try {
    return use(zip);
  } finally {
    zip.close();
  }
}

/** Entries in archive (central directory) order; throws on a ZIP that readZip would refuse by its directory. */
export function zipEntries(file: string, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  return withZip(file, (zip) => centralDirectory(zip, limits).entries.map(({ name, date, method }) => ({ name, date, method })));
}

/** Every file entry (directories skipped), name → uncompressed content. Throws `file: reason` on any ZIP it refuses. */
export function readZip(file: string, limits: ZipLimits = ZIP_LIMITS): Map<string, Buffer> {
  return withZip(file, (zip) => {
    const { entries, end } = centralDirectory(zip, limits);
    const files = new Map<string, Buffer>();
    for (const e of entries) {
      if (e.name.endsWith("/")) continue;
      const data = inflate(zip, e, entryData(zip, e, end));
      if (data.length !== e.size) throw zip.error(`${show(e.name)} is ${data.length} bytes, central directory says ${e.size}`);
      if (zlib.crc32(data) !== e.crc) throw zip.error(`${show(e.name)} fails its CRC-32 check`);
      files.set(e.name, data);
    }
    return files;
  });
}
