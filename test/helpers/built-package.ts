// Builds the real course into a temporary folder and unpacks the zip, as an LMS does on import.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "../../src/build.js";
import { readZip } from "./unzip.js";

export interface BuiltPackage {
  readonly zip: string;
  /** Unpacked package root. */
  readonly dir: string;
  cleanup(): void;
}

export async function buildAndUnpack(options: { target: string; scoPerSession?: boolean; contentDir?: string }): Promise<BuiltPackage> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-pkg-"));
  const [report] = await build({
    contentDir: options.contentDir ?? "content",
    outDir: path.join(root, "dist"),
    targets: [options.target],
    scoPerSession: Boolean(options.scoPerSession),
  });
  if (!report) throw new Error("build produced no package");
  const zip = path.join(root, "dist", report.file);
  const dir = path.join(root, "unpacked");
  for (const [name, data] of readZip(zip)) {
    const file = path.join(dir, ...name.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  return { zip, dir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
