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
  // Every registered standard, as `--target all` builds them.
  expect(reports.map((r) => r.file).sort()).toEqual(fs.readdirSync(path.join(root, "cli")).sort());
  for (const r of reports) {
    const a = fs.readFileSync(path.join(root, "cli", r.file));
    const b = fs.readFileSync(path.join(root, "lib", r.file));
    expect(a.equals(b), r.file).toBe(true);
  }
}, 120_000);
