// Deterministic ZIP: sorted entries, fixed timestamps and modes, so a rebuild is byte-identical.
import fs from "node:fs";
import archiver from "archiver";

export interface PackageFile {
  /** Path inside the package, `/`-separated, relative. */
  readonly path: string;
  readonly data: Buffer;
}

// Local-time constructor: DOS timestamps are local, so this encodes the same bytes in every time zone.
const FIXED_DATE = new Date(2020, 0, 1, 0, 0, 0);

export async function writeZip(files: readonly PackageFile[], outFile: string): Promise<void> {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path.startsWith("/") || f.path.split("/").includes("..") || f.path.includes("\\")) {
      throw new Error(`unsafe path in package: ${f.path}`);
    }
    if (seen.has(f.path)) throw new Error(`duplicate path in package: ${f.path}`);
    seen.add(f.path);
  }
  const archive = archiver("zip", { zlib: { level: 9 } });
  const out = fs.createWriteStream(outFile);
  const done = new Promise<void>((resolve, reject) => {
    out.on("close", resolve);
    out.on("error", reject);
    archive.on("error", reject);
  });
  archive.pipe(out);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    archive.append(f.data, { name: f.path, date: FIXED_DATE, mode: 0o644 });
  }
  await archive.finalize();
  await done;
}
