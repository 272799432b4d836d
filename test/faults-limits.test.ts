// Fault matrix, limits and XML (issue #8 §2, §5): what an LMS, an LRS or an XML parser refuses is refused by
// the build with `file:line: field: message` (exit 1, output folder untouched), text reaches the LMS/LRS as
// the learner reads it, the XML writer never writes what XML 1.0 cannot carry, and `verify` parses every
// control file strictly.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { build } from "../src/build.js";
import type { Course, Question, Quiz } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { assertWithinLimits } from "../src/package/check-limits.js";
import { readZip } from "../src/package/read-zip.js";
import { findStandard } from "../src/standards/registry.js";
import { iriProblem } from "../src/standards/common/xapi/limits.js";
import { tincanXml } from "../src/standards/tincan/tincan-xml.js";
import { esc } from "../src/package/xml.js";
import { writeZip } from "../src/package/zip.js";
import { BUILTIN_TEMPLATES } from "../src/paths.js";
import { renderUnit } from "../src/render/render-unit.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { loadTemplates } from "../src/render/templates.js";
import { StatementFactory } from "../src/standards/common/xapi/statements.js";
import { questionKey } from "../src/standards/common/xapi/activity-ids.js";
import type { ActivityTable } from "../src/standards/common/xapi/activity-table.js";
import { tincanViolations } from "../src/standards/tincan/verify/tincan-rules.js";
import { verifyPackage, type PackageReport } from "../src/verify/verify.js";
import { contentFixture, REAL_CONTENT, REPO_ROOT, replaceOnce, tempDir, type ContentFixture } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";

const COURSE = "course.yaml";
const ASSESSMENT = "assessment.yaml";
const C10 = "checks/10-risk-boundaries.yaml";
const sub = (search: string, replacement: string) => (text: string) => replaceOnce(text, search, replacement);

/** An output folder holding an older file, to prove a refused build leaves it alone. */
function outputFolder(): { dir: string; unchanged(): void } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "keep.txt"), "keep\n");
  return {
    dir,
    unchanged() {
      expect(fs.readdirSync(dir)).toEqual(["keep.txt"]);
      expect(fs.readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("keep\n");
    },
  };
}

/** Builds `fx` with the real command line and expects exactly one problem: `file:line: field: message`. */
async function expectRefused(fx: ContentFixture, target: string, file: string, line: number, field: string, message: string | RegExp): Promise<void> {
  const out = outputFolder();
  const run = await runCli(["build", "--target", target, "--content", fx.dir, "--out", out.dir]);
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.split("\n");
  expect(lines[0], run.stderr).toBe("error: the course has 1 problem; nothing was written:");
  const where = `${path.relative(REPO_ROOT, fx.path(file))}:${line}: ${field}: `;
  expect(lines[1]?.startsWith(where), lines[1]).toBe(true);
  const rest = (lines[1] ?? "").slice(where.length);
  if (typeof message === "string") expect(rest).toBe(message);
  else expect(rest).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at |ENAMETOOLONG|TypeError|RangeError/m);
  out.unchanged();
}

describe("build refuses what the standards being built cannot carry", () => {
  it("a 201-character course title (SCORM 1.2 manifest <title> ≤ 200)", async () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("title: Peer Support Training", `title: ${"T".repeat(201)}`));
    await expectRefused(fx, "scorm12", COURSE, fx.lineOf(COURSE, "title: TTT"), "title", "is 201 characters long; a SCORM 1.2 manifest <title> holds at most 200 (IMS CP 1.1.2)");
  });

  it("points: 1e-300 (weighting would be written as '1e-300', which an LMS rejects)", async () => {
    const fx = contentFixture();
    fx.mutate(ASSESSMENT, sub("  - id: values-order\n", "  - id: values-order\n    points: 1e-300\n"));
    await expectRefused(fx, "scorm12", ASSESSMENT, fx.lineOf(ASSESSMENT, "points: 1e-300"), "questions.1.points", /^must be a decimal number with at most 2 decimal places/);
  });

  it("points: 1e6 (outside the −100…100 an LMS takes as weighting)", async () => {
    const fx = contentFixture();
    fx.mutate(ASSESSMENT, sub("  - id: values-order\n", "  - id: values-order\n    points: 1e6\n"));
    await expectRefused(fx, "scorm12", ASSESSMENT, fx.lineOf(ASSESSMENT, "points: 1e6"), "questions.1.points", "must be 100 or less");
  });

  it("a course id that is not an IRI (xAPI activity ids are IRIs)", async () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("courses/peer-support-training", "courses/{peer}"));
    await expectRefused(fx, "xapi", COURSE, 3, "id", "must be an IRI, as xAPI activity ids are (xAPI 1.0.3 Part 2 §2.4.4.1); it contains '{', which an IRI may not contain (RFC 3987 §2.2); percent-encode it");
  });

  it("a 300-character slug: a clean error, no ENAMETOOLONG", async () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("slug: peer-support-training", `slug: ${"a".repeat(300)}`));
    await expectRefused(fx, "scorm12", COURSE, 4, "slug", "must be at most 64 characters (it names the package files)");
  });

  it("maxAttempts: 1e20 is reported as too many, not as 'not a whole number'", async () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("maxAttempts: 3", "maxAttempts: 1e20"));
    await expectRefused(fx, "scorm12", COURSE, fx.lineOf(COURSE, "maxAttempts:"), "maxAttempts", "must be at most 100 (or 0 for unlimited attempts)");
  });
});

describe("limits of the units and ids a package will have (in process)", () => {
  const refused = (course: Course, target: string, scoPerSession = false): ContentError | undefined => {
    const t = findStandard(target);
    if (!t) throw new Error(target);
    try {
      assertWithinLimits(course, [t], { scoPerSession });
      return undefined;
    } catch (err) {
      if (err instanceof ContentError) return err;
      throw err;
    }
  };
  /** A writable copy of the loaded course with one question replaced. */
  const withQuestion = (course: Course, index: number, edit: (q: Question) => Question): Course => {
    const assessment = course.assessment as Quiz;
    const questions = assessment.questions.map((q, i) => (i === index ? edit(q) : q));
    return { ...course, assessment: { ...assessment, questions } };
  };

  it("the real course is within every standard's limits, one SCO or one per session", () => {
    const course = loadCourse(REAL_CONTENT);
    for (const target of ["scorm12", "xapi"]) for (const multi of [false, true]) expect(refused(course, target, multi)).toBeUndefined();
  });

  it("a question id that makes cmi.interactions.n.id longer than a CMIIdentifier (255)", () => {
    const fx = contentFixture();
    const course = withQuestion(loadCourse(fx.dir), 1, (q) => ({ ...q, id: "q".repeat(260) }));
    const err = refused(course, "scorm12");
    expect(err?.problems).toEqual([
      {
        file: fx.path(ASSESSMENT),
        line: fx.lineOf(ASSESSMENT, "- id: values-order"),
        field: "questions.1.id",
        message: `makes the SCORM 1.2 interaction id 'assessment-${"q".repeat(260)}' (271 characters); cmi.interactions.n.id must be printable ASCII without spaces, at most 255 characters (CMIIdentifier)`,
      },
    ]);
    expect(refused(course, "xapi")).toBeUndefined(); // xAPI percent-encodes it into an IRI: no limit there
  });

  it("a 201-character session title is refused only where it becomes a manifest <title> (per-session SCOs)", () => {
    const fx = contentFixture();
    const s = "sessions/01-introduction.md";
    const title = fx.read(s).split("\n").find((l) => l.startsWith("title: ")) ?? "";
    fx.mutate(s, sub(title, `title: ${"S".repeat(201)}`));
    const course = loadCourse(fx.dir);
    expect(refused(course, "scorm12", false)).toBeUndefined();
    expect(refused(course, "scorm12", true)?.problems).toEqual([
      { file: fx.path(s), line: fx.lineOf(s, "title: SSS"), field: "title", message: "is 212 characters long; a SCORM 1.2 manifest <title> holds at most 200 (IMS CP 1.1.2)" },
    ]); // the item's title is the numbered "Session 1: <title>" (model/units.ts sessionTitle)
  });

  it("course ids: IRIs with Unicode pass, bad percent-encoding and characters outside RFC 3987 do not", () => {
    expect(iriProblem("https://learning.example.org/courses/peer-support")).toBeUndefined();
    expect(iriProblem("https://lernen.example.org/kurse/grün%20und%2Fblau")).toBeUndefined();
    expect(iriProblem("https://example.org/100%")).toMatch(/'%' that is not followed by two hexadecimal digits/);
    expect(iriProblem("https://example.org/a|b")).toMatch(/contains '\|'/);
    expect(iriProblem("https://example.org/\uFFFF")).toMatch(/contains U\+FFFF/);
    expect(iriProblem("example.org/c")).toMatch(/not an absolute IRI/);
  });

  it("a version longer than the manifest's version attribute allows (20)", () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("version: 1.0.0", "version: 1.0.0-beta.1+build.2026.12.01"));
    expect(refused(loadCourse(fx.dir), "scorm12")?.problems.map((p) => `${p.line}: ${p.field ?? ""}: ${p.message}`)).toEqual([
      `${fx.lineOf(COURSE, "version:")}: version: is 29 characters long; a SCORM 1.2 manifest's version attribute holds at most 20 (IMS CP 1.1.2)`,
    ]);
  });
});

describe("what the learner reads is what the LMS/LRS records", () => {
  it("UPPER_SNAKE_CASE in matching and sequencing texts stays in runtime data and aria-labels", () => {
    const fx = contentFixture();
    fx.mutate(ASSESSMENT, sub("      - source: Showing, through their own life, that recovery is real\n", "      - source: HOPE_FIRST\n"));
    fx.mutate(ASSESSMENT, sub("        target: Hope\n", "        target: THE_REALITY_OF_RECOVERY\n"));
    fx.mutate(ASSESSMENT, sub("    items:\n      - Hope\n", "    items:\n      - UPPER_SNAKE_CASE\n"));
    const course = loadCourse(fx.dir);
    const unit = planUnits(course, false)[0];
    if (!unit) throw new Error("no unit");
    const data = runtimeCourse(course, unit, {}, findStandard("tincan")?.packager.runtimeData);
    const [matching, sequencing] = data.quizzes.assessment?.questions ?? [];
    expect(matching?.targets).toContain("THE_REALITY_OF_RECOVERY");
    // The interaction definitions the xAPI runtime sends (its build-time activity table).
    const table = data.adapter as ActivityTable;
    const texts = (q: typeof matching, part: "source" | "target" | "choices"): string[] =>
      ((table[questionKey("assessment", q?.id ?? "")]?.[1] as Record<string, { description: Record<string, string> }[] | undefined>)[part] ?? []).map((c) => c.description[course.language] ?? "");
    expect(texts(matching, "source")).toContain("HOPE_FIRST");
    expect(texts(matching, "target")).toContain("THE_REALITY_OF_RECOVERY");
    expect(texts(sequencing, "choices")).toContain("UPPER_SNAKE_CASE");

    const html = renderUnit(course, unit, loadTemplates(BUILTIN_TEMPLATES, path.join(course.contentDir, "templates")), findStandard("scorm12")?.packager ?? { connectSrc: [] });
    const doc = new JSDOM(html).window.document;
    const labels = [...doc.querySelectorAll("button[data-move]")].map((b) => b.getAttribute("aria-label"));
    expect(labels).toContain("Move up: UPPER_SNAKE_CASE");
    expect(labels).toContain("Move down: UPPER_SNAKE_CASE");
    expect([...doc.querySelectorAll("select option")].map((o) => o.textContent)).toContain("THE_REALITY_OF_RECOVERY");
  });

  it("a fill-in prompt's blank '___' is kept in the xAPI interaction description", () => {
    const course = loadCourse(REAL_CONTENT);
    const check = course.sessions.find((s) => s.check?.source.endsWith(C10))?.check;
    const unit = planUnits(course, false)[0];
    if (!check || !unit) throw new Error("fixture changed");
    const data = runtimeCourse(course, unit, {}, findStandard("tincan")?.packager.runtimeData);
    const q = data.quizzes[check.id]?.questions.find((x) => x.type === "fill-in");
    if (!q) throw new Error("no fill-in question");
    expect(q.prompt).toBe("Complete the lesson’s description of trauma: “Trauma occurs when an external threat overwhelms a person’s coping ___.” (one word)");
    const launch = { endpoint: "http://127.0.0.1/xapi/", auth: "Basic x", actor: { objectType: "Agent" as const, mbox: "mailto:l@example.org" }, grouping: [] };
    const [statement] = new StatementFactory(data, launch, course.language).of({ kind: "answer", quizId: check.id, objective: check.id, graded: false, question: q, answer: "resources", correct: true, latencyMs: 1000, at: new Date() }, 0);
    const definition = (statement?.object as { definition?: { description?: Record<string, string> } }).definition;
    expect(definition?.description?.[course.language]).toContain("coping ___.”");
  });
});

describe("XML: the writer refuses what XML 1.0 cannot carry, verify parses strictly", () => {
  it("the XML writer throws an internal error naming the field (last line of defence)", () => {
    expect(() => esc("a\u0001b", "course title")).toThrow("internal error: course title contains U+0001, which XML 1.0 does not allow (§2.2 Char)");
    expect(() => esc("\uD800", "x")).toThrow(/U\+D800/);
    expect(() => esc("\uFFFE", "x")).toThrow(/U\+FFFE/);
    expect(esc("tab\tnew\nline 😀 <&>", "x")).toBe("tab\tnew\nline 😀 &lt;&amp;&gt;");
    const course = loadCourse(REAL_CONTENT);
    expect(() => tincanXml({ ...course, title: "Peer\u0007Support" }, "index.html")).toThrow(/name of activity .* contains U\+0007/);
  });

  const tincan = (name: string): string =>
    `<?xml version="1.0"?>\n<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities><activity id="https://example.org/c" type="http://adlnet.gov/expapi/activities/course"><name lang="en">${name}</name><description lang="en">D</description><launch lang="en">index.html</launch></activity></activities></tincan>`;

  it.each([
    ["a control character", tincan("N\u0001"), /character U\+0001 is not allowed in XML 1\.0 \(§2\.2 Char\)/],
    ["a lone surrogate", tincan("N\uDC00"), /character U\+DC00 is not allowed/],
    ["U+FFFE", tincan("N\uFFFE"), /character U\+FFFE is not allowed/],
    ["a character reference to a control character", tincan("N&#x1;"), /&#x1; refers to U\+0001, which is not an XML 1\.0 Char/],
    ["an undeclared entity", tincan("&nbsp;"), /&nbsp; refers to an entity that is not declared/],
    ["an unclosed tag", tincan("<b>N"), /not well-formed XML: .*'b'/],
    ["a duplicate attribute", tincan("N").replace('<name lang="en">', '<name lang="en" lang="de">'), /Attribute 'lang' is repeated/],
    ["'<' in an attribute value", tincan("N").replace('lang="en">N', 'lang="e<n">N'), /'<' in an attribute value/],
    ["an external DTD", tincan("N").replace("<tincan ", '<!DOCTYPE tincan SYSTEM "http://attacker.example/x.dtd">\n<tincan '), /refers to an external DTD/],
  ])("tincan.xml with %s is a 6.2 violation", (_name, xml, message) => {
    const found = tincanViolations(xml, new Set(["tincan.xml", "index.html"]));
    expect(found.map((f) => f.rule)).toEqual(["6.2"]);
    expect(found[0]?.message).toMatch(/^tincan\.xml is not well-formed XML: /);
    expect(found[0]?.message).toMatch(message);
  });

  /** Builds the real course for `target`, lets `edit` change its control file, and verifies the result without a browser. */
  async function verifyEdited(target: "scorm12" | "xapi", control: string, edit: (xml: string) => string): Promise<PackageReport> {
    const out = tempDir();
    const [report] = await build({ contentDir: REAL_CONTENT, outDir: out, targets: [target] });
    if (!report) throw new Error("no package");
    const zip = path.join(out, report.file);
    const entries = readZip(zip);
    const xml = entries.get(control)?.toString("utf8") ?? "";
    const edited = edit(xml);
    expect(edited).not.toBe(xml);
    const broken = path.join(out, `broken-${report.file}`);
    await writeZip([...entries].map(([p, data]) => ({ path: p, data: p === control ? Buffer.from(edited) : data })), broken);
    return verifyPackage(broken, { browser: () => Promise.resolve("no browser in this test: static checks only") });
  }

  const errors = (r: PackageReport): string[] => r.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`);

  it("verify: a TinCan package whose tincan.xml has a control character is a violation, not a pass", async () => {
    const report = await verifyEdited("xapi", "tincan.xml", (xml) => xml.replace("<name lang=\"en-GB\">Peer Support Training", "<name lang=\"en-GB\">Peer\u0001Support Training"));
    expect(errors(report)).toEqual([expect.stringMatching(/^6\.2: tincan\.xml is not well-formed XML: character U\+0001 is not allowed in XML 1\.0 \(§2\.2 Char\) \(line \d+\)$/)]);
  });

  it("verify: a SCORM package whose manifest has a control character is one 1.11 violation", async () => {
    const report = await verifyEdited("scorm12", "imsmanifest.xml", (xml) => xml.replace("<title>Peer Support Training</title>", "<title>Peer\u001fSupport Training</title>"));
    expect(report.schema).toBe("invalid");
    expect(errors(report)).toEqual([expect.stringMatching(/^1\.11: imsmanifest\.xml line \d+: not well-formed XML: character U\+001F is not allowed/)]);
  });

  it("verify: a control file that is not UTF-8 (a Latin-1 byte) is a violation, not a silent U+FFFD", async () => {
    for (const [target, control, rule] of [["xapi", "tincan.xml", "6.2"], ["scorm12", "imsmanifest.xml", "1.11"]] as const) {
      const out = tempDir();
      const [report] = await build({ contentDir: REAL_CONTENT, outDir: out, targets: [target] });
      if (!report) throw new Error("no package");
      const entries = readZip(path.join(out, report.file));
      const xml = entries.get(control)?.toString("utf8") ?? "";
      const [before, after] = xml.split("Peer Support Training", 2);
      expect(after).toBeDefined();
      const latin1 = Buffer.concat([Buffer.from(`${before}Peer Support Training `), Buffer.from([0xe9]), Buffer.from(after ?? "")]);
      const broken = path.join(out, `latin1-${report.file}`);
      await writeZip([...entries].map(([p, data]) => ({ path: p, data: p === control ? latin1 : data })), broken);
      const verified = await verifyPackage(broken, { browser: () => Promise.resolve("no browser in this test: static checks only") });
      expect(errors(verified)).toContainEqual(expect.stringMatching(new RegExp(`^${rule.replace(".", "\\.")}: ${control.replace(".", "\\.")} is not UTF-8 text: byte 0xE9 on line \\d+ `)));
    }
  });

  it("verify: an entity-bomb manifest gets a message a person can read, without being expanded", async () => {
    const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join("\n");
    const report = await verifyEdited("scorm12", "imsmanifest.xml", (xml) =>
      xml.replace('<?xml version="1.0" encoding="UTF-8"?>\n', `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest [\n${lol}\n]>\n`).replace("<title>Peer Support Training</title>", "<title>&lol9;</title>"),
    );
    expect(errors(report)).toEqual([
      "1.11: imsmanifest.xml line 3: not well-formed XML: the DOCTYPE declares entities (<!ENTITY …>): refused without expanding them. A package's control file needs none, and entity declarations are how entity-expansion ('billion laughs') and external-entity attacks work",
    ]);
  });
});
