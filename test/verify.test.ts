// `coursewright verify`: the real CLI on our three packages (each must pass) and on deliberately broken
// packages written here (each must fail naming its rule), plus the rule modules it is made of.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { JsonObject } from "../src/lrs/index.js";
import { SCORM12_SCHEMA_FILES } from "../src/standards/scorm12/manifest.js";
import { SCORM12_SCHEMA_DIR } from "../src/standards/scorm12/packager.js";
import { writeZip, type PackageFile } from "../src/package/zip.js";
import { manifestViolations } from "../src/standards/scorm12/verify/manifest-rules.js";
import type { ApiCall } from "../src/standards/scorm12/verify/call-rules.js";
import { checkScorm12Session } from "../src/standards/scorm12/verify/session-check.js";
import type { Scorm12Summary } from "../src/standards/scorm12/verify/session-check.js";
import { tincanRoot } from "../src/standards/tincan/reader.js";
import { checkXapiStatements, type XapiSummary } from "../src/standards/common/xapi/statement-check.js";
import { tincanViolations } from "../src/standards/tincan/verify/tincan-rules.js";
import type { PackageReport, UnitReport } from "../src/verify/verify.js";
import { failureText } from "../src/verify/journey.js";
import { validateScorm12Manifest } from "../src/standards/scorm12/verify/xsd.js";
import { readZip } from "../src/package/read-zip.js";
import { detectPackage } from "../src/standards/detect.js";
import { findStandard, STANDARDS } from "../src/standards/registry.js";
import { CHROMIUM_PATH, chromiumAvailable } from "./helpers/browser.js";

/** The JSON report's unit summary, as the standard that made it shapes it. */
const scormOf = (u: UnitReport | undefined): Scorm12Summary | undefined => u?.summary as Scorm12Summary | undefined;
const xapiOf = (u: UnitReport | undefined): XapiSummary | undefined => u?.summary as XapiSummary | undefined;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(REPO_ROOT, "bin", "coursewright.js");
/** Whether this machine can play packages (chromiumAvailable is also true on CI, where a missing browser must fail). */
const chromiumOnDisk = fs.existsSync(CHROMIUM_PATH);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function verify(...args: string[]): Promise<Run> {
  return verifyWith(CHROMIUM_PATH, ...args);
}

function verifyWith(chromiumPath: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "verify", ...args], { cwd: REPO_ROOT, env: { ...process.env, CHROMIUM_PATH: chromiumPath } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function jsonReport(run: Run): { exitCode: number; packages: PackageReport[] } {
  try {
    return JSON.parse(run.stdout) as { exitCode: number; packages: PackageReport[] };
  } catch {
    throw new Error(`verify --json printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

const errorRules = (r: PackageReport): string[] => r.findings.filter((f) => f.severity === "error").map((f) => f.rule);

let tmpRoot = "";
const zips = { single: "", multi: "", xapi: "" };

beforeAll(async () => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "coursewright-verify-test-"));
  const out = path.join(tmpRoot, "dist");
  const [scorm, xapi] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["scorm12", "xapi"] });
  const [multi] = await build({ contentDir: path.join(REPO_ROOT, "content"), outDir: out, targets: ["scorm12"], scoPerSession: true });
  if (!scorm || !xapi || !multi) throw new Error("build produced no package");
  zips.single = path.join(out, scorm.file);
  zips.xapi = path.join(out, xapi.file);
  zips.multi = path.join(out, multi.file);
});

afterAll(() => {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// A tiny hand-written SCO package, right by default; each broken package changes one thing.

interface TinyOptions {
  readonly scormtype?: string;
  readonly extraFileHref?: string;
  readonly setStatus?: boolean;
  readonly suspendData?: string;
  readonly sessionTime?: string;
}

function tinyManifest(o: TinyOptions): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="tiny" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Tiny</title>
      <item identifier="ITEM" identifierref="RES"><title>Tiny SCO</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES" type="webcontent" adlcp:scormtype="${o.scormtype ?? "sco"}" href="sco.html">
      <file href="sco.html"/>${o.extraFileHref ? `\n      <file href="${o.extraFileHref}"/>` : ""}
    </resource>
  </resources>
</manifest>
`;
}

function tinySco(o: TinyOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tiny SCO</title></head>
<body><p>A hand-written SCO.</p>
<script>
var api = window.parent.API;
api.LMSInitialize("");
${o.setStatus === false ? "" : 'api.LMSSetValue("cmi.core.lesson_status", "completed");'}
api.LMSSetValue("cmi.suspend_data", ${JSON.stringify(o.suspendData ?? "state")});
api.LMSCommit("");
window.addEventListener("pagehide", function () {
  api.LMSSetValue("cmi.core.session_time", ${JSON.stringify(o.sessionTime ?? "00:00:03.50")});
  api.LMSCommit("");
  api.LMSFinish("");
});
</script>
</body></html>
`;
}

async function tinyPackage(name: string, o: TinyOptions = {}): Promise<string> {
  const files: PackageFile[] = [
    { path: "imsmanifest.xml", data: Buffer.from(tinyManifest(o)) },
    { path: "sco.html", data: Buffer.from(tinySco(o)) },
    ...SCORM12_SCHEMA_FILES.map((f) => ({ path: f, data: fs.readFileSync(path.join(SCORM12_SCHEMA_DIR, f)) })),
  ];
  const dir = path.join(tmpRoot, "fixtures");
  fs.mkdirSync(dir, { recursive: true });
  const zip = path.join(dir, `verify-${name}.zip`);
  await writeZip(files, zip);
  return zip;
}

// ---------------------------------------------------------------------------------------------------

/** What the scripted learner meets in the real course: pages (check and assessment pages included), check questions. */
function courseCounts(): { pages: number; checks: number; assessment: number } {
  const c = loadCourse("content");
  return {
    pages: c.sessions.reduce((n, s) => n + s.pages.length + (s.check ? 1 : 0), 0) + (c.assessment ? 1 : 0),
    checks: c.sessions.reduce((n, s) => n + (s.check?.questions.length ?? 0), 0),
    assessment: c.assessment?.questions.length ?? 0,
  };
}

describe.concurrent("verify: usage and unreadable input (exit 2)", () => {
  it("rejects an unknown flag", async ({ expect }) => {
    const run = await verify("--bogus");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bogus/);
  });

  it("needs a package", async ({ expect }) => {
    const run = await verify();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no package/);
  });

  it("reports a missing file", async ({ expect }) => {
    const run = await verify(path.join(tmpRoot, "nope.zip"));
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/no such file/);
  });

  it("reports a file that is not a ZIP, and a ZIP that is no package", async ({ expect }) => {
    const text = path.join(tmpRoot, "not-a-zip.zip");
    fs.writeFileSync(text, "hello");
    const empty = path.join(tmpRoot, "no-package.zip");
    await writeZip([{ path: "index.html", data: Buffer.from("<p>hi</p>") }], empty);
    const run = await verify("--json", text, empty);
    expect(run.code).toBe(2);
    const [a, b] = jsonReport(run).packages;
    expect(a?.fatal).toMatch(/not a ZIP/);
    expect(b?.fatal).toMatch(/neither imsmanifest\.xml .* nor tincan\.xml/);
  });

  it("prints its help", async ({ expect }) => {
    const run = await verify("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: coursewright verify <package\.zip>/);
    expect(run.stdout).toMatch(/Exit status/);
  });
});

describe.concurrent("verify: static checks of broken manifests", () => {
  // Without a browser on this machine verify stops after the static checks with exit 2, still naming the rules.
  const failing = chromiumOnDisk ? 1 : 2;

  it("without Chromium: the static checks run, a clear message, exit 2 (never a download)", async ({ expect }) => {
    const run = await verifyWith(path.join(tmpRoot, "no-chromium-here"), await tinyPackage("no-chromium", { scormtype: "SCO" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Chromium not found at .*no-chromium-here.*CHROMIUM_PATH/);
    expect(run.stdout).toMatch(/Learner journey: not run — Chromium not found/);
    expect(run.stdout).toMatch(/\[1\.7\] resource 'RES' adlcp:scormtype is 'SCO'/);
    expect(run.stdout).toMatch(/NOT VERIFIED \(exit 2\)/);
  });

  it('scormtype="SCO" fails the XSD (1.11) and the scormtype rule (1.7)', async ({ expect }) => {
    const run = await verify(await tinyPackage("uppercase-scormtype", { scormtype: "SCO" }));
    expect(run.code, run.stdout + run.stderr).toBe(failing);
    expect(run.stdout).toMatch(/\[1\.7\] resource 'RES' adlcp:scormtype is 'SCO', expected 'sco' or 'asset'/);
    expect(run.stdout).toMatch(/\[1\.11\] imsmanifest\.xml line \d+: .*scormtype/);
    expect(run.stdout).toMatch(/against the ADL XSDs \(1\.11\): invalid/);
  });

  it("a <file> that is not in the ZIP fails rule 1.8", async ({ expect }) => {
    const run = await verify("--json", await tinyPackage("missing-file", { extraFileHref: "missing.js" }));
    expect(run.code, run.stdout + run.stderr).toBe(failing);
    const [report] = jsonReport(run).packages;
    expect(report?.findings).toContainEqual(expect.objectContaining({ rule: "1.8", severity: "error", message: expect.stringMatching(/missing\.js.*not in the package/) as unknown }));
    expect(report?.schema).toBe("valid");
  });
});

describe.skipIf(!chromiumAvailable)("verify: our packages pass (real CLI, Chromium)", () => {
  it("SCORM 1.2, single SCO: every page, checks, failed then passed assessment", async () => {
    const run = await verify(zips.single);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/SCORM 1\.2 · "Peer Support Training"/);
    expect(out).toMatch(/against the ADL XSDs \(1\.11\): valid/);
    expect(out).toMatch(/manifest rules \(1\.1, 1\.3–1\.8, 1\.10\): ok/);
    expect(out).toMatch(/ITEM-course\s+Coursewright\s+passed\s+100\s+13\s+\d+\s+\d+\s+\d+\s+1\s+\d+ \/ 4096\s+\d{2}:\d{2}:\d{2}(\.\d{1,2})? ok/);
    const { pages, checks } = courseCounts();
    expect(out).toMatch(new RegExp(`${pages} pages visited; ${checks} knowledge-check answers checked; Final assessment:`));
    expect(out).toMatch(/knowledge-check answers checked; Final assessment: wrong answers \(0%\), retake, right answers \(100%\); closed \(pagehide\)/);
    expect(out).toMatch(/Violations: none/);
    expect(out).toMatch(/Result: PASS \(exit 0\)/);
  }, 120_000);

  it("SCORM 1.2, one SCO per session: every unit completed, the assessment passed", async () => {
    const run = await verify("--json", zips.multi);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { exitCode, packages } = jsonReport(run);
    expect(exitCode).toBe(0);
    const report = packages[0];
    if (!report) throw new Error("no report");
    expect(report).toMatchObject({ standard: "scorm12", schema: "valid", played: true, errors: 0, exitCode: 0 });
    expect(report.units).toHaveLength(13);
    for (const u of report.units) {
      expect(u.kind, u.id).toBe("coursewright");
      expect(u.findings, u.id).toEqual([]);
      expect(scormOf(u)).toMatchObject({ finishes: 1, sessionTimeOk: true });
      expect(scormOf(u)?.commits, u.id).toBeGreaterThan(0);
      expect(scormOf(u)?.suspendDataLength, u.id).toBeLessThanOrEqual(4096);
    }
    const assessment = report.units.at(-1);
    expect(assessment?.id).toBe("ITEM-assessment");
    expect(scormOf(assessment)).toMatchObject({ lessonStatus: "passed", scoreRaw: "100" });
    expect(assessment?.journey.join("; ")).toMatch(/wrong answers \(0%\), retake, right answers \(100%\)/);
    expect(report.units.slice(0, 12).map((u) => scormOf(u)?.lessonStatus)).toEqual(Array.from({ length: 12 }, () => "completed"));
  }, 120_000);

  it("xAPI: valid statements with the registration, initialized first, terminated last", async () => {
    const run = await verify("--json", zips.xapi);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const report = jsonReport(run).packages[0];
    if (!report) throw new Error("no report");
    expect(report).toMatchObject({ standard: "tincan", played: true, errors: 0, exitCode: 0 });
    const unit = report.units[0];
    expect(unit?.kind).toBe("coursewright");
    expect(xapiOf(unit)?.rejectedRequests).toBe(0);
    const { pages, checks, assessment } = courseCounts();
    // Every page experienced; an answered statement per check answer and per assessment question.
    expect(xapiOf(unit)?.byVerb).toMatchObject({ initialized: 1, terminated: 1, experienced: pages, answered: checks + assessment });
    expect(xapiOf(unit)?.byVerb["passed"]).toBeGreaterThanOrEqual(1);
    expect(xapiOf(unit)?.statements).toBeGreaterThan(60);
  }, 120_000);
});

describe.skipIf(!chromiumAvailable).concurrent("verify: broken SCOs fail naming the rule (real CLI, Chromium)", () => {
  it("a right tiny SCO passes, so each failure below is the one thing changed", async ({ expect }) => {
    const run = await verify("--json", await tinyPackage("good"));
    const report = jsonReport(run).packages[0];
    expect(run.code, JSON.stringify(report?.findings)).toBe(0);
    expect(report?.units[0]).toMatchObject({ kind: "foreign", summary: { lessonStatus: "completed", commits: 2, finishes: 1, sessionTime: "00:00:03.50", sessionTimeOk: true } });
  }, 60_000);

  it("status never set → 3.2", async ({ expect }) => {
    const run = await verify("--json", await tinyPackage("no-status", { setStatus: false }));
    expect(run.code).toBe(1);
    const report = jsonReport(run).packages[0];
    if (!report) throw new Error("no report");
    expect(errorRules(report)).toEqual(["3.2"]);
    expect(scormOf(report.units[0])?.lessonStatus).toBe("not attempted");
  }, 60_000);

  it("suspend_data of 5,000 characters → 3.7", async ({ expect }) => {
    const run = await verify("--json", await tinyPackage("suspend-overflow", { suspendData: "x".repeat(5000) }));
    expect(run.code).toBe(1);
    const report = jsonReport(run).packages[0];
    if (!report) throw new Error("no report");
    expect(errorRules(report)).toEqual(["3.7"]);
    expect(report.findings.find((f) => f.rule === "3.7")?.message).toMatch(/5000 characters, more than 4096/); // a tiny SCO also gets the csp warning
    expect(scormOf(report.units[0])?.suspendDataLength).toBe(5000);
  }, 60_000);

  it("session_time as an ISO 8601 duration → 3.5 (and the LMS refuses it: 2.5)", async ({ expect }) => {
    const run = await verify(await tinyPackage("iso-session-time", { sessionTime: "PT1M" }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[3\.5\] ITEM: cmi\.core\.session_time: 'PT1M' is not a CMITimespan/);
    expect(run.stdout).toMatch(/PT1M BAD FORMAT/);
    expect(run.stdout).toMatch(/Result: FAIL \(exit 1\)/);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------
// The rule modules, without a browser.

describe("end-of-session rules on a recorded SCORM 1.2 call list", () => {
  const call = (fn: string, args: string[], result = "true", error = "0"): ApiCall => ({ fn, args, result, error });
  const cmi = (status: string): JsonObject => ({ cmi: { core: { lesson_status: status, score: { raw: "" } }, objectives: {}, interactions: {} } });

  it("accepts a clean session and summarises it", () => {
    const { summary, findings } = checkScorm12Session(
      [
        call("LMSInitialize", [""]),
        call("LMSSetValue", ["cmi.core.lesson_status", "completed"]),
        call("LMSSetValue", ["cmi.core.session_time", "0001:02:03.5"]),
        call("LMSCommit", [""]),
        call("LMSFinish", [""]),
      ],
      cmi("completed"),
    );
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ lessonStatus: "completed", apiCalls: 5, commits: 1, finishes: 1, sessionTime: "0001:02:03.5", sessionTimeOk: true });
  });

  it("names each missing piece: no status (3.2), no commit (2.7), no finish (2.4), no session_time (3.5, warning)", () => {
    const { findings } = checkScorm12Session([call("LMSInitialize", [""])], cmi("not attempted"));
    expect(findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual(["error 2.4", "error 2.4", "error 2.7", "error 3.2", "warning 3.5"].sort());
  });

  it("a SCO that never initializes (2.4), finishes twice (2.4), or writes past the limits (3.6, 3.7)", () => {
    expect(checkScorm12Session([], cmi("not attempted")).findings.map((f) => f.rule)).toEqual(["2.4"]);
    const { findings } = checkScorm12Session(
      [
        call("LMSInitialize", [""]),
        call("LMSSetValue", ["cmi.core.lesson_status", "incomplete"]),
        call("LMSSetValue", ["cmi.core.lesson_location", "x".repeat(256)]),
        call("LMSSetValue", ["cmi.suspend_data", "x".repeat(4097)]),
        call("LMSSetValue", ["cmi.core.session_time", "00:00:01"]),
        call("LMSCommit", [""]),
        call("LMSFinish", [""]),
        call("LMSFinish", [""]),
      ],
      cmi("incomplete"),
    );
    expect(findings.map((f) => f.rule).sort()).toEqual(["2.4", "2.4", "3.6", "3.7"]);
  });
});

describe("a scripted journey that stops", () => {
  it("says why Playwright gave up, from its call log, not only that it timed out", () => {
    // As Playwright 1.5x words it (colours included) when a step's Next is hidden.
    const message = [
      "frame.click: Timeout 4000ms exceeded.",
      "Call log:",
      "\u001b[2m  - waiting for locator('[data-step][data-current] .cw-step__next')\u001b[22m",
      "\u001b[2m    - locator resolved to 2 elements. Proceeding with the first one: <button data-by=\"1\">Next question</button>\u001b[22m",
      "\u001b[2m  - attempting click action\u001b[22m",
      "\u001b[2m    2 × waiting for element to be visible, enabled and stable\u001b[22m",
      "\u001b[2m      - element is not visible\u001b[22m",
      "\u001b[2m    - retrying click action\u001b[22m",
    ].join("\n");
    expect(failureText(message)).toBe("frame.click: Timeout 4000ms exceeded. (element is not visible)");
    expect(failureText("the page counts as viewed once its media has played to the end, but x.mp4 did not play")).toBe("the page counts as viewed once its media has played to the end, but x.mp4 did not play");
    expect(failureText("frame.click: Timeout 15000ms exceeded.\nCall log:\n  - <div class=\"cw-toast\"> intercepts pointer events")).toBe(
      'frame.click: Timeout 15000ms exceeded. (<div class="cw-toast"> intercepts pointer events)',
    );
  });
});

describe("xAPI statement rules", () => {
  const registration = "0b5c2a63-6a51-4b6a-9d8a-2d3c6f1e7a10";
  const statement = (n: number, verb: string, reg = registration): JsonObject => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    actor: { objectType: "Agent", mbox: "mailto:learner@example.org" },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } },
    object: { objectType: "Activity", id: "https://example.org/course" },
    timestamp: `2026-01-01T00:00:0${n}.000Z`,
    ...(reg ? { context: { registration: reg } } : {}),
  });

  it("accepts initialized … terminated with the registration, and counts verbs", () => {
    const { summary, findings } = checkXapiStatements([statement(1, "initialized"), statement(2, "experienced"), statement(3, "terminated")], registration, []);
    expect(findings).toEqual([]);
    expect(summary).toEqual({ statements: 3, byVerb: { initialized: 1, experienced: 1, terminated: 1 }, rejectedRequests: 0 });
  });

  it("flags order (8.12), registration (7.8), resends (7.3), refused requests and an empty LRS (7.2)", () => {
    const dup = { ...statement(2, "experienced"), id: "00000000-0000-4000-8000-000000000009" };
    const { findings } = checkXapiStatements([statement(2, "experienced"), dup, statement(3, "terminated", ""), statement(4, "completed")], registration, [
      "POST /xapi/statements answered 400",
    ]);
    const messages = findings.map((f) => `${f.rule} ${f.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^8\.12 the first statement is 'experienced'/));
    expect(messages).toContainEqual(expect.stringMatching(/^8\.12 'completed' was sent after 'terminated'/));
    expect(messages).toContainEqual(expect.stringMatching(/^7\.8 statement 3 \(terminated\) has no context\.registration/));
    expect(messages).toContainEqual(expect.stringMatching(/^7\.3 1 statement was sent more than once/));
    expect(messages).toContainEqual(expect.stringMatching(/^7\.2 the LRS refused a statement request/));
    expect(checkXapiStatements([], registration, []).findings.map((f) => f.rule)).toEqual(["7.2"]);
  });
});

describe("TinCan structure rules (6.1–6.3)", () => {
  const activity = (id: string, launch = "", lang = ' lang="en"'): string =>
    `<activity id="${id}" type="http://adlnet.gov/expapi/activities/course"><name${lang}>N</name><description${lang}>D</description>${launch}</activity>`;
  const doc = (body: string): string => `<?xml version="1.0"?><tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>${body}</activities></tincan>`;
  const files = new Set(["tincan.xml", "index.html"]);

  it("accepts one launch activity whose launch file exists", () => {
    expect(tincanViolations(doc(activity("https://example.org/c", "<launch lang=\"en\">index.html</launch>")), files)).toEqual([]);
  });

  it.each([
    ["no launch", doc(activity("https://example.org/c")), /^6\.3: 0 activities carry <launch>/],
    ["two launches", doc(activity("https://example.org/a", "<launch>index.html</launch>") + activity("https://example.org/b", "<launch>index.html</launch>")), /^6\.3: 2 activities carry <launch>/],
    ["launch file missing", doc(activity("https://example.org/c", "<launch>start.html</launch>")), /^6\.3: .*'start\.html' is not in the package/],
    ["id that is no IRI", doc(activity("course-1", "<launch>index.html</launch>")), /^6\.2: activity 'course-1': id is not an absolute IRI/],
    ["name without lang", doc(activity("https://example.org/c", "<launch>index.html</launch>", "")), /^6\.2: .*<name> has no lang attribute/],
    ["wrong namespace", '<tincan><activities/></tincan>', /^6\.1: root element/],
    ["not XML", "<tincan>", /^6\.2: tincan\.xml is not well-formed/],
  ])("catches: %s", (_name, xml, expected) => {
    expect(tincanViolations(xml, files).map((f) => `${f.rule}: ${f.message}`).join("\n")).toMatch(expected);
  });

  it("finds tincan.xml in a wrapping folder that holds nothing else, and refuses two", () => {
    expect(tincanRoot(["course/tincan.xml", "course/index.html"])).toEqual({ root: "course/", findings: [] });
    expect(tincanRoot(["a/tincan.xml", "b/tincan.xml"]).findings.map((f) => f.rule)).toContain("6.1");
    expect(tincanRoot(["index.html"]).root).toBeUndefined();
  });
});

describe("manifest checks without a browser", () => {
  it("a tiny SCO manifest is valid; the XSD result keeps line numbers of errors", async () => {
    const good = tinyManifest({});
    expect(manifestViolations(good, new Set(["imsmanifest.xml", "sco.html", ...SCORM12_SCHEMA_FILES]))).toEqual([]);
    expect((await validateScorm12Manifest(good)).valid).toBe(true);
    const bad = await validateScorm12Manifest(tinyManifest({ scormtype: "SCO" }));
    expect(bad.valid).toBe(false);
    expect(bad.lines[0]).toBeGreaterThan(1);
  });

  it("not-well-formed XML is one 1.11 finding, not an exception", () => {
    expect(manifestViolations("<manifest>", new Set()).map((f) => f.rule)).toEqual(["1.11"]);
  });

  it("IMS MD metadata, which the schema set cannot compile, is left unchecked rather than failed", async () => {
    const withLom = tinyManifest({}).replace(
      "<schemaversion>1.2</schemaversion>",
      '<schemaversion>1.2</schemaversion><imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general/></imsmd:lom>',
    );
    const result = await validateScorm12Manifest(withLom);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.unchecked.length).toBeGreaterThan(0);
  });
});

describe("one detection path: the registry's readers (verify and the player)", () => {
  const names = (zip: string): string[] => [...readZip(zip).keys()];
  const text = (zip: string) => {
    const entries = readZip(zip);
    return (name: string): string | undefined => entries.get(name)?.toString("utf8");
  };

  it("each of our packages is claimed by the standard that built it, and by no other reader", () => {
    for (const [zip, id] of [[zips.single, "scorm12"], [zips.multi, "scorm12"], [zips.xapi, "tincan"]] as const) {
      const detected = detectPackage(names(zip), text(zip));
      expect("standard" in detected && detected.standard.id, zip).toBe(id);
      const claims = STANDARDS.filter((s) => {
        const found = s.reader?.recognise(names(zip), text(zip));
        return found !== undefined && !("other" in found);
      });
      expect(claims.map((s) => s.id), zip).toEqual([id]);
    }
  });

  it("a cmi5 course structure is cmi5's, even beside an imsmanifest.xml (cmi5 §14.1)", () => {
    const detected = detectPackage(["cmi5.xml", "imsmanifest.xml", "index.html"], () => undefined);
    expect("standard" in detected && detected.standard.id).toBe("cmi5");
  });

  it("a manifest in SCORM 2004's namespace is not taken for SCORM 1.2, but by SCORM 2004's reader", () => {
    const manifest = '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M"><organizations/><resources/></manifest>';
    const read = (n: string): string | undefined => (n === "imsmanifest.xml" ? manifest : undefined);
    const detected = detectPackage(["imsmanifest.xml"], read);
    expect("standard" in detected ? detected.standard.id : detected).toBe("scorm2004");
    // SCORM 1.2's reader alone still names what it is.
    expect(findStandard("scorm12")?.reader?.recognise(["imsmanifest.xml"], read)).toEqual({ other: "a SCORM 2004 package (IMS CP 1.1 manifest)" });
  });

  it("a ZIP with no control file names every control file the readers look for", () => {
    const detected = detectPackage(["index.html"], () => undefined);
    expect("unknown" in detected && detected.unknown).toBe(
      "neither imsmanifest.xml (SCORM 1.2 or SCORM 2004 4th Edition) nor tincan.xml (TinCan (xAPI)) nor cmi5.xml (cmi5) nor a Coursewright index.html with no control file (Plain web)",
    );
  });

  it("the player reads the units through the same readers: SCOs with their asset flag, the TinCan launch activity", () => {
    const manifest = `<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" identifier="M">
<organizations default="O"><organization identifier="O"><title>Course</title>
<item identifier="I1" identifierref="R1" parameters="?a=1"><title>One</title><adlcp:masteryscore>80</adlcp:masteryscore></item>
<item identifier="I2" identifierref="R2"><title>Two</title></item></organization></organizations>
<resources><resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="one.html"/><resource identifier="R2" type="webcontent" adlcp:scormtype="asset" href="two.pdf"/></resources></manifest>`;
    expect(findStandard("scorm12")?.reader?.units(manifest)).toEqual({
      title: "Course",
      units: [
        { id: "I1", title: "One", href: "one.html?a=1", masteryScore: 80 },
        { id: "I2", title: "Two", href: "two.pdf", asset: true },
      ],
    });
    const xapi = text(zips.xapi)("tincan.xml") ?? "";
    const read = findStandard("tincan")?.reader?.units(xapi);
    expect(read?.units).toHaveLength(1);
    expect(read?.units[0]?.id).toBe(read?.activityId);
  });
});
