// `coursewright verify` on cmi5 packages (the real CLI, Chromium): both of ours pass — the course structure
// against the XSD and its rules, and a scripted learner launched by the development LMS whose statements keep
// the cmi5 rules and meet each AU's moveOn — and a package whose cmi5.xml names a missing launch file fails
// with the rule's section.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { writeZip } from "../src/package/zip.js";
import type { Cmi5Summary } from "../src/standards/cmi5/verify/rules.js";
import type { PackageReport } from "../src/verify/verify.js";
import { CHROMIUM_PATH, chromiumAvailable } from "./helpers/browser.js";
import { REPO_ROOT, ScratchFolder } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { readZip } from "./helpers/unzip.js";

let scratch: ScratchFolder;
const zips = { single: "", multi: "", broken: "" };

beforeAll(async () => {
  scratch = new ScratchFolder("coursewright-cmi5-verify-");
  const out = scratch.dir("dist");
  const [single] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["cmi5"], scoPerSession: false });
  const [multi] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["cmi5"], scoPerSession: true });
  zips.single = path.join(out, single!.file);
  zips.multi = path.join(out, multi!.file);
  const files = readZip(zips.single);
  const xml = files.get("cmi5.xml")!.toString("utf8").replace("<url>index.html</url>", "<url>start.html</url>");
  zips.broken = path.join(out, "broken-cmi5.zip");
  await writeZip([...files].map(([name, data]) => ({ path: name, data: name === "cmi5.xml" ? Buffer.from(xml) : data })), zips.broken);
});
afterAll(() => scratch?.remove());

const verify = (...args: string[]) => runCli(["verify", ...args], { env: { CHROMIUM_PATH }, timeoutMs: 280_000 });

describe.skipIf(!chromiumAvailable)("verify on cmi5 packages", () => {
  it("passes both of ours: the XSD, and every AU's statements keep the cmi5 rules and meet its moveOn", async () => {
    const run = await verify("--json", zips.single, zips.multi);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const reports = (JSON.parse(run.stdout) as { packages: PackageReport[] }).packages;
    expect(reports.map((r) => [r.standard, r.played, r.errors, r.exitCode])).toEqual([
      ["cmi5", true, 0, 0],
      ["cmi5", true, 0, 0],
    ]);
    const [single, multi] = reports;
    const summary = (u: PackageReport["units"][number] | undefined): Cmi5Summary | undefined => u?.summary as Cmi5Summary | undefined;
    expect(summary(single?.units[0])).toMatchObject({ moveOn: "Passed", satisfied: true, rejectedRequests: 0, byVerb: { initialized: 1, terminated: 1 } });
    expect(multi?.units.length).toBe(13);
    expect(multi?.units.map((u) => summary(u)?.moveOn)).toEqual([...Array.from({ length: 12 }, () => "Completed"), "Passed"]);
    expect(multi?.units.at(-1) && summary(multi.units.at(-1))?.satisfied).toBe(true);
  }, 300_000);

  it("fails a package whose AU url names no file of it (cmi5 §14.1), naming the rule", async () => {
    const run = await verify("--json", zips.broken);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const [report] = (JSON.parse(run.stdout) as { packages: PackageReport[] }).packages;
    expect(report?.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^14\.1: AU .*'start\.html' names no file of the package/)]));
  }, 120_000);
});
