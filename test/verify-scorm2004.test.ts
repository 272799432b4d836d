// `coursewright verify` on SCORM 2004 4th edition packages: the real CLI on ours (single SCO and per
// session must pass) and on another tool's hand-written package (nested items, an asset, launch parameters,
// a 3rd-edition schemaversion), the reader, the CAM rules (4.x) each broken once, and the per-unit
// session check (5.x) on recorded call logs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { readZip } from "../src/package/read-zip.js";
import { writeZip, type PackageFile } from "../src/package/zip.js";
import { detectPackage } from "../src/standards/detect.js";
import { STANDARDS } from "../src/standards/registry.js";
import type { RecordedCall } from "../src/standards/common/scorm/call-recorder.js";
import { launchData } from "../src/standards/scorm2004/player-launch.js";
import { launchHref, scorm2004Reader } from "../src/standards/scorm2004/reader.js";
import { SCORM2004_SCHEMA_DIR, SCORM2004_SCHEMA_FILES } from "../src/standards/scorm2004/schema-files.js";
import { scorm2004 } from "../src/standards/scorm2004/standard.js";
import { scorm2004ManifestCheck, scorm2004SchemaFileViolations } from "../src/standards/scorm2004/verify/manifest-rules.js";
import { checkScorm2004Session, flattenCmi, type Scorm2004Summary } from "../src/standards/scorm2004/verify/session-check.js";
import { validateScorm2004Manifest } from "../src/standards/scorm2004/verify/xsd.js";
import type { PackageReport } from "../src/verify/verify.js";
import { CHROMIUM_PATH, chromiumAvailable } from "./helpers/browser.js";
import { contentFixture } from "./helpers/content-fixture.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(REPO_ROOT, "bin", "coursewright.js");
const summaryOf = (u: PackageReport["units"][number] | undefined): Scorm2004Summary | undefined => u?.summary as Scorm2004Summary | undefined;

function verify(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "verify", ...args], { cwd: REPO_ROOT, env: { ...process.env, CHROMIUM_PATH } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let tmpRoot = "";
const zips = { single: "", perSession: "", foreign: "", failing: "" };

// ---- another tool's package: nested items, an asset, parameters, 3rd edition ---------------------------

const NS_DECL = `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"`;

interface Foreign {
  readonly schemaversion?: string;
  readonly scormType?: string;
  readonly orgSequencing?: string;
  readonly extraFile?: string;
}

function foreignManifest(o: Foreign = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="ACME-COURSE" version="1.0" ${NS_DECL}>
  <metadata><schema>ADL SCORM</schema><schemaversion>${o.schemaversion ?? "2004 3rd Edition"}</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Acme safety</title>
      <item identifier="MODULE">
        <title>Module one</title>
        <item identifier="LESSON" identifierref="SCO" parameters="?lesson=1"><title>Lesson one</title>
          <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="lesson-1" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing>
        </item>
        <item identifier="HANDOUT" identifierref="PDF"><title>Handout</title></item>
        <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
      </item>
      ${o.orgSequencing ?? ""}
    </organization>
  </organizations>
  <resources>
    <resource identifier="SCO" type="webcontent" adlcp:${o.scormType ?? "scormType"}="sco" href="lesson.html">
      <file href="lesson.html"/>${o.extraFile ? `<file href="${o.extraFile}"/>` : ""}
    </resource>
    <resource identifier="PDF" type="webcontent" adlcp:scormType="asset" href="handout.txt"><file href="handout.txt"/></resource>
  </resources>
</manifest>
`;
}

/** A hand-written SCO: right by the 2004 rules. */
const FOREIGN_SCO = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lesson one</title></head>
<body><p>Another tool's SCO.</p>
<script>
var api = window.parent.API_1484_11;
api.Initialize("");
api.SetValue("cmi.completion_status", "completed");
api.SetValue("cmi.success_status", "passed");
api.SetValue("cmi.score.raw", "90");
api.SetValue("cmi.score.min", "0");
api.SetValue("cmi.score.max", "100");
api.SetValue("cmi.score.scaled", "0.9");
api.Commit("");
window.addEventListener("pagehide", function () {
  api.SetValue("cmi.session_time", "PT3.5S");
  api.SetValue("cmi.exit", "normal");
  api.Terminate("");
});
</script>
</body></html>
`;

const FILES = new Set(["imsmanifest.xml", "lesson.html", "handout.txt", ...SCORM2004_SCHEMA_FILES]);

beforeAll(async () => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cw-verify-2004-"));
  const out = path.join(tmpRoot, "dist");
  const [single] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["scorm2004"] });
  const [perSession] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["scorm2004"], scoPerSession: true });
  if (!single || !perSession) throw new Error("build produced no package");
  zips.single = path.join(out, single.file);
  zips.perSession = path.join(out, perSession.file);
  const files: PackageFile[] = [
    { path: "imsmanifest.xml", data: Buffer.from(foreignManifest()) },
    { path: "lesson.html", data: Buffer.from(FOREIGN_SCO) },
    { path: "handout.txt", data: Buffer.from("A handout.\n") },
    ...SCORM2004_SCHEMA_FILES.map((f) => ({ path: f, data: fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, f)) })),
  ];
  zips.foreign = path.join(tmpRoot, "acme-2004.zip");
  await writeZip(files, zips.foreign);
  // A course that reports a failed assessment as failed: the manifest carries the pass mark (primary objective).
  const failing = contentFixture();
  failing.mutate("course.yaml", (t) => t.replace("reporting: passed/incomplete", "reporting: passed/failed"));
  const failingOut = path.join(tmpRoot, "passed-failed");
  const [withMark] = await build({ contentDir: failing.dir, outDir: failingOut, targets: ["scorm2004"], scoPerSession: true });
  if (!withMark) throw new Error("build produced no package");
  zips.failing = path.join(failingOut, withMark.file);
}, 120_000);

afterAll(() => {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
});

const manifestOf = (zip: string): string => readZip(zip).get("imsmanifest.xml")?.toString("utf8") ?? "";
const namesOf = (zip: string): Set<string> => new Set(readZip(zip).keys());
const ASSET_WARNING = "warning 4.7: item 'HANDOUT' launches resource 'PDF' of scormtype 'asset', expected 'sco'";
const rules = (xml: string, files: ReadonlySet<string> = FILES): string[] => scorm2004ManifestCheck(xml, files).findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);

describe("SCORM 2004 reader", () => {
  it("is the registered standard between SCORM 1.2 and TinCan, and claims our packages alone", () => {
    expect(STANDARDS.map((s) => s.id)).toEqual(["scorm12", "scorm2004", "tincan", "cmi5", "web"]);
    for (const zip of [zips.single, zips.perSession, zips.foreign]) {
      const entries = readZip(zip);
      const text = (n: string): string | undefined => entries.get(n)?.toString("utf8");
      const detected = detectPackage([...entries.keys()], text);
      expect("standard" in detected && detected.standard.id, zip).toBe("scorm2004");
      const claims = STANDARDS.filter((s) => {
        const found = s.reader?.recognise([...entries.keys()], text);
        return found !== undefined && !("other" in found);
      });
      expect(claims.map((s) => s.id)).toEqual(["scorm2004"]);
    }
  });

  it("reads another tool's units: nested items in order, the asset flagged, parameters joined, the pass mark of the primary objective", () => {
    expect(scorm2004Reader.units(foreignManifest())).toEqual({
      title: "Acme safety",
      units: [
        { id: "LESSON", title: "Lesson one", href: "lesson.html?lesson=1", masteryScore: 70, objectiveIds: ["lesson-1"] },
        { id: "HANDOUT", title: "Handout", href: "handout.txt", asset: true },
      ],
    });
  });

  it("reads our units: one per session plus the assessment", () => {
    const read = scorm2004Reader.units(manifestOf(zips.perSession));
    expect(read.units.at(-1)).toMatchObject({ id: "ITEM-assessment", href: "sco-assessment.html" });
    expect(read.units).toHaveLength(13);
    expect(read.units.every((u) => !u.asset)).toBe(true);
  });

  it("our passed/failed package: the assessment unit carries the manifest's pass mark and primary objective, which the player hands over", () => {
    const assessment = scorm2004Reader.units(manifestOf(zips.failing)).units.at(-1);
    expect(assessment).toMatchObject({ id: "ITEM-assessment", masteryScore: 80, objectiveIds: [expect.stringMatching(/^urn:/)] });
    // A first launch lists the primary objective at index 0, as Moodle does; a relaunch has its own stored objectives.
    expect(launchData(undefined, null, assessment?.masteryScore, assessment?.objectiveIds)).toMatchObject({
      scaled_passing_score: "0.8",
      objectives: { "0": { id: assessment?.objectiveIds?.[0] } },
    });
  });

  it("joins launch parameters as CAM says: one separator, fragments kept", () => {
    expect(launchHref("a.html", "?x=1")).toBe("a.html?x=1");
    expect(launchHref("a.html?y=2", "&x=1")).toBe("a.html?y=2&x=1");
    expect(launchHref("a.html?y=2", "?x=1")).toBe("a.html?y=2&x=1");
    expect(launchHref("a.html", "#part")).toBe("a.html#part");
    expect(launchHref("a.html", null)).toBe("a.html");
  });

  it("a manifest in a wrapping folder is read there and reported (4.1)", () => {
    const found = scorm2004Reader.recognise(["course/imsmanifest.xml"], () => foreignManifest());
    expect(found && "root" in found && found.root).toBe("course/");
    expect(found && "findings" in found && found.findings.map((f) => f.rule)).toEqual(["4.1"]);
  });
});

describe("SCORM 2004 static checks (4.x)", () => {
  it("our manifests pass the XSDs and every CAM rule", async () => {
    for (const zip of [zips.single, zips.perSession]) {
      const xml = manifestOf(zip);
      expect((await validateScorm2004Manifest(xml)).errors).toEqual([]);
      expect(scorm2004ManifestCheck(xml, namesOf(zip))).toEqual({ findings: [], notes: [] });
      expect(scorm2004SchemaFileViolations(xml, namesOf(zip))).toEqual([]);
    }
  });

  it("another tool's 3rd-edition manifest is valid and noted; its item launching an asset is a warning (4.7)", async () => {
    const xml = foreignManifest();
    expect((await validateScorm2004Manifest(xml)).valid).toBe(true);
    const checked = scorm2004ManifestCheck(xml, FILES);
    expect(checked.notes).toEqual(["metadata/schemaversion is '2004 3rd Edition': an earlier SCORM 2004 edition, checked with the 4th edition's rules"]);
    // MODULE has flow; the organization (one child) needs none.
    expect(rules(xml)).toEqual([ASSET_WARNING]);
  });

  it.each([
    ["an unknown schemaversion → 4.3", { schemaversion: "2004 5th Edition" }, /^error 4\.3: metadata\/schemaversion/],
    ["SCORM 1.2's lowercase scormtype → 4.7", { scormType: "scormtype" }, /^error 4\.7: resource 'SCO' has adlcp:scormtype/],
    ["a listed file that is missing → 4.8", { extraFile: "missing.js" }, /^error 4\.8: resource 'SCO' lists <file href="missing\.js">/],
  ] as const)("%s", (_name, o, expected) => {
    expect(rules(foreignManifest(o)).join("\n")).toMatch(new RegExp(expected.source, "m"));
  });

  it("sequencing between SCOs (4.9): a cluster without flow warns, one with neither choice nor flow fails", () => {
    const twoScos = (sequencing: string): string =>
      foreignManifest().replace('<item identifier="HANDOUT" identifierref="PDF"><title>Handout</title></item>\n        <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>', `<item identifier="HANDOUT" identifierref="PDF"><title>Handout</title></item>${sequencing}`);
    expect(rules(twoScos(""))).toEqual([ASSET_WARNING, `warning 4.9: item 'MODULE' holds several activities without imsss:controlMode flow="true": an LMS offers no Continue/Previous between them`]);
    expect(rules(twoScos('<imsss:sequencing><imsss:controlMode choice="false"/></imsss:sequencing>'))).toEqual([
      ASSET_WARNING,
      "error 4.9: item 'MODULE' holds several activities but its sequencing allows neither choice nor flow: the learner cannot reach them",
    ]);
  });

  it("a manifest in SCORM 1.2's namespace (4.2), not XML (4.11), a schema file missing (4.10, warning)", async () => {
    expect(rules('<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="M"/>')).toEqual([
      "error 4.2: root element is {http://www.imsproject.org/xsd/imscp_rootv1p1p2}manifest, not an IMS CP 1.1.4 manifest",
    ]);
    expect(rules("<manifest")[0]).toMatch(/^error 4\.11: imsmanifest\.xml.*not well-formed XML/);
    const lacking = new Set([...FILES].filter((f) => f !== "imsss_v1p0.xsd"));
    expect(scorm2004SchemaFileViolations(foreignManifest(), lacking).map((f) => `${f.severity} ${f.rule}: ${f.message}`)).toEqual([
      "warning 4.10: xsi:schemaLocation names 'imsss_v1p0.xsd', which is not in the package",
    ]);
    const invalid = await validateScorm2004Manifest(foreignManifest().replace('type="webcontent" adlcp:scormType="sco"', 'type="webcontent" adlcp:scormType="SCO"'));
    expect(invalid.valid).toBe(false);
    expect(invalid.lines[0]).toBeGreaterThan(0);
  });
});

describe("SCORM 2004 session check (5.x) on a recorded call log", () => {
  const call = (fn: string, args: string[] = [""], result = "true", error = "0"): RecordedCall => ({ fn, args, result, error });
  const clean: RecordedCall[] = [
    call("Initialize"),
    call("SetValue", ["cmi.completion_status", "completed"]),
    call("SetValue", ["cmi.success_status", "passed"]),
    call("SetValue", ["cmi.score.raw", "90"]),
    call("SetValue", ["cmi.score.scaled", "0.9"]),
    call("SetValue", ["cmi.suspend_data", "abc"]),
    call("Commit"),
    call("SetValue", ["cmi.session_time", "PT3.5S"]),
    call("Terminate"),
  ];
  const lms = { cmi: { completion_status: "completed", success_status: "passed", score: { raw: "90", scaled: "0.9", min: "", max: "" }, objectives: { "0": { id: "a" } }, interactions: {} } };

  it("accepts a clean session and summarises it", () => {
    const { summary, findings } = checkScorm2004Session(clean, lms);
    expect(findings).toEqual([]);
    expect(summary).toEqual({
      completionStatus: "completed",
      successStatus: "passed",
      scoreScaled: "0.9",
      scoreRaw: "90",
      objectives: 1,
      interactions: 0,
      apiCalls: 9,
      commits: 1,
      terminates: 1,
      suspendDataLength: 3,
      sessionTime: "PT3.5S",
    });
  });

  it("names each missing piece: no completion_status (5.4), no Commit (5.5, warning), no session_time (5.7, warning), no Terminate (5.2)", () => {
    const without = (pred: (c: RecordedCall) => boolean): string[] =>
      checkScorm2004Session(clean.filter((c) => !pred(c)), lms).findings.map((f) => `${f.severity} ${f.rule}`);
    expect(without((c) => c.args[0] === "cmi.completion_status")).toEqual(["error 5.4"]);
    expect(without((c) => c.fn === "Commit")).toEqual(["warning 5.5"]);
    expect(without((c) => c.args[0] === "cmi.session_time")).toEqual(["warning 5.7"]);
    expect(without((c) => c.fn === "Terminate")).toEqual(["error 5.2"]);
    expect(checkScorm2004Session([], lms).findings.map((f) => f.rule)).toEqual(["5.2"]);
  });

  it("the LMS's final CMI: a scaled score without raw fails (Moodle grades from raw alone); an empty scaled score is no score", () => {
    const noRaw = { cmi: { ...lms.cmi, score: { scaled: "0.9", raw: "" } } };
    expect(checkScorm2004Session(clean, noRaw).findings.map((f) => f.rule)).toContain("5.6");
    const unscored = { cmi: { ...lms.cmi, score: { scaled: "", raw: "" } } };
    expect(checkScorm2004Session(clean, unscored).findings.filter((f) => f.message.startsWith("final CMI"))).toEqual([]);
    expect(flattenCmi({ cmi: { score: { raw: "1" }, objectives: { "0": { id: "x" } } } })).toEqual({ "cmi.score.raw": "1", "cmi.objectives.0.id": "x" });
  });
});

describe("what the player's SCORM 2004 LMS hands a SCO at launch", () => {
  const saved = (exit: string, completion: string) => ({ cmi: { exit, completion_status: completion, success_status: "unknown", location: "s/p", suspend_data: "state", score: {}, objectives: {}, interactions: {} } });

  it("a first launch: normal mode, for credit, the manifest's pass mark as scaled_passing_score", () => {
    expect(launchData(undefined, null, 70)).toEqual({ mode: "normal", credit: "credit", scaled_passing_score: "0.7" });
  });

  it("after exit=suspend the attempt resumes with its location and suspend_data", () => {
    expect(launchData(saved("suspend", "incomplete"), null, undefined)).toMatchObject({ entry: "resume", location: "s/p", suspend_data: "state", mode: "normal" });
  });

  it("a completed attempt that ended reopens in review (Moodle); an ended incomplete one starts again without them", () => {
    expect(launchData(saved("normal", "completed"), null, undefined)).toMatchObject({ entry: "", mode: "review", credit: "no-credit", location: "s/p" });
    const again = launchData(saved("normal", "incomplete"), null, undefined);
    expect(again).toMatchObject({ entry: "", mode: "normal" });
    expect(again).not.toHaveProperty("suspend_data");
  });

  it("the player's ?mode= wins; an unknown mode is ignored", () => {
    expect(launchData(undefined, "browse", undefined)).toEqual({ mode: "browse", credit: "no-credit" });
    expect(launchData(undefined, "bogus", undefined)).toEqual({ mode: "normal", credit: "credit" });
  });
});

describe.skipIf(!chromiumAvailable)("verify: SCORM 2004 packages (real CLI, Chromium)", () => {
  it("ours, single SCO and per session, pass: XSDs, CAM rules, the journey with a retake, every call, completed and passed", async () => {
    const run = await verify("--json", zips.single, zips.perSession);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { packages } = JSON.parse(run.stdout) as { packages: PackageReport[] };
    for (const report of packages) {
      expect(report).toMatchObject({ standard: scorm2004.id, schema: "valid", played: true, errors: 0, warnings: 0, exitCode: 0 });
      for (const u of report.units) {
        expect(u.kind, u.id).toBe("coursewright");
        expect(summaryOf(u), u.id).toMatchObject({ completionStatus: "completed", successStatus: "passed", terminates: 1 });
      }
      const assessment = report.units.at(-1);
      expect(summaryOf(assessment)).toMatchObject({ scoreRaw: "100", scoreScaled: "1" });
      expect(assessment?.journey.join("; ")).toMatch(/wrong answers \(0%\), retake, right answers \(100%\)/);
    }
    expect(packages.map((p) => p.units.length)).toEqual([1, 13]);
  }, 180_000);

  it("passed/failed per session: the LMS judges the assessment by the manifest's pass mark; fail, retake, pass still passes", async () => {
    const run = await verify("--json", zips.failing);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [report] = (JSON.parse(run.stdout) as { packages: PackageReport[] }).packages;
    expect(summaryOf(report?.units.at(-1))).toMatchObject({ completionStatus: "completed", successStatus: "passed", scoreRaw: "100" });
  }, 120_000);

  it("another tool's package: its SCO played and judged, the asset listed, the 3rd edition noted", async () => {
    const run = await verify(zips.foreign);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/SCORM 2004 4th Edition · "Acme safety"/);
    expect(run.stdout).toMatch(/against the ADL SCORM 2004 4th edition XSDs \(4\.11\): valid/);
    expect(run.stdout).toMatch(/an earlier SCORM 2004 edition/);
    expect(run.stdout).toMatch(/LESSON\s+foreign\s+completed\s+passed\s+90 \(0\.9\)/);
    expect(run.stdout).toMatch(/HANDOUT\s+asset/);
  }, 60_000);
});
