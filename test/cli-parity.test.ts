// The compiled CLI ships prebuilt runtime bundles; its packages must be byte-identical to an in-process build
// from src/ (which bundles the runtime with esbuild on the spot).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { build } from "../src/build.js";
import { STANDARD_IDS } from "../src/standards/registry.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-parity-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it("CLI and in-process builds produce the same bytes for every target", async () => {
  execFileSync(process.execPath, ["bin/coursewright.js", "build", "--target", "all", "--out", path.join(root, "cli")], { stdio: "pipe" });
  const reports = await build({ contentDir: "content", outDir: path.join(root, "lib"), targets: [...STANDARD_IDS] });
  // Every registered standard, as `--target all` builds them: its zip, and its folder where it is also unpacked.
  expect(reports.flatMap((r) => [r.file, ...(r.folder ? [r.folder.name] : [])]).sort()).toEqual(fs.readdirSync(path.join(root, "cli")).sort());
  const files = (rel: string): string[] =>
    fs.statSync(path.join(root, "cli", rel)).isDirectory() ? fs.readdirSync(path.join(root, "cli", rel), { recursive: true, encoding: "utf8" }).map((f) => path.join(rel, f)) : [rel];
  for (const r of reports) {
    for (const rel of [r.file, ...(r.folder ? files(r.folder.name) : [])]) {
      if (fs.statSync(path.join(root, "cli", rel)).isDirectory()) continue;
      const a = fs.readFileSync(path.join(root, "cli", rel));
      const b = fs.readFileSync(path.join(root, "lib", rel));
      expect(a.equals(b), rel).toBe(true);
    }
  }
}, 120_000);
