// The cmi5 packages of the real course (content/), one AU and one AU per session: cmi5.xml at the ZIP root and
// valid against the cmi5 CourseStructure.xsd offline (an invalid one failing), its AUs as designed
// (src/standards/cmi5/course-structure.ts: ids under the course id, moveOn and masteryScore from course.yaml,
// launchMethod AnyWindow, langstrings in the course's language, each url a file of the package), the reader
// and the structure rules verify applies, and a course id that is no IRI refused at its line.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { cmi5 } from "../src/standards/cmi5/standard.js";
import { NS_CMI5 } from "../src/standards/cmi5/course-structure.js";
import { learnerPreferences } from "../src/standards/cmi5/lms/dev-lms.js";
import { auEntries, cmi5Reader } from "../src/standards/cmi5/reader.js";
import { structureFindings } from "../src/standards/cmi5/verify/structure-rules.js";
import { detectPackage } from "../src/standards/detect.js";
import { REAL_CONTENT, REPO_ROOT, ScratchFolder, contentFixture, replaceOnce, tempDir } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { readZip } from "./helpers/unzip.js";
import { CMI5_XSD, validateCourseStructure } from "./helpers/xsd.js";

const SINGLE = "peer-support-training-cmi5.zip";
const MULTI = "peer-support-training-cmi5-per-session.zip";

let scratch: ScratchFolder;
let course: Course;
let single: Map<string, Buffer>;
let multi: Map<string, Buffer>;
/** A copy that reports completed/failed with a pass mark of 75 %. */
let completedFailed: Map<string, Buffer>;

beforeAll(async () => {
  scratch = new ScratchFolder("coursewright-cmi5-");
  course = loadCourse(REAL_CONTENT);
  const out = scratch.dir("real");
  await build({ contentDir: REAL_CONTENT, outDir: out, targets: [cmi5], scoPerSession: false });
  await build({ contentDir: REAL_CONTENT, outDir: out, targets: [cmi5], scoPerSession: true });
  single = readZip(path.join(out, SINGLE));
  multi = readZip(path.join(out, MULTI));
  const dir = scratch.copyContent("completed-failed");
  const yaml = path.join(dir, "course.yaml");
  fs.writeFileSync(yaml, replaceOnce(replaceOnce(fs.readFileSync(yaml, "utf8"), "reporting: passed/incomplete", "reporting: completed/failed"), "masteryScore: 80", "masteryScore: 75"));
  const other = scratch.dir("completed-failed-out");
  await build({ contentDir: dir, outDir: other, targets: [cmi5], scoPerSession: false });
  completedFailed = readZip(path.join(other, SINGLE));
});

afterAll(() => scratch?.remove());

const xmlOf = (zip: Map<string, Buffer>): string => {
  const data = zip.get("cmi5.xml");
  if (!data) throw new Error("no cmi5.xml at the package root");
  return data.toString("utf8");
};
const parse = (xml: string): Document => new JSDOM(xml, { contentType: "text/xml" }).window.document;
const children = (el: Element, name: string): Element[] => [...el.children].filter((c) => c.namespaceURI === NS_CMI5 && c.localName === name);
const langstrings = (el: Element, part: string): { lang: string; text: string }[] =>
  children(el, part).flatMap((p) => children(p, "langstring").map((l) => ({ lang: l.getAttribute("lang") ?? "", text: l.textContent ?? "" })));
const ausOf = (doc: Document): Element[] => [...doc.getElementsByTagNameNS(NS_CMI5, "au")];

describe("cmi5 course structure schema", () => {
  it("is the specification repository's CourseStructure.xsd, byte-for-byte (vendor/cmi5/README.md)", () => {
    const sha = crypto.createHash("sha256").update(fs.readFileSync(CMI5_XSD)).digest("hex");
    expect(sha).toBe("6a0b04962f5baa4603ee28e84ce4c74a122f322a548c8fdc14d93b2a23781d75");
    expect(fs.readFileSync(path.join(REPO_ROOT, "vendor", "cmi5", "README.md"), "utf8")).toContain(sha);
  });

  it("refuses a course structure that breaks it (moveOn and masteryScore outside their types)", async () => {
    const bad = xmlOf(single).replace('moveOn="Passed"', 'moveOn="Complete"').replace('masteryScore="0.8"', 'masteryScore="80"');
    const result = await validateCourseStructure(bad);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/moveOn/);
    expect(result.errors.join("\n")).toMatch(/masteryScore/);
  });
});

describe.each([
  { variant: "one AU", zip: SINGLE, pick: () => single },
  { variant: "one AU per session", zip: MULTI, pick: () => multi },
])("cmi5 package, $variant", ({ zip, pick }) => {
  it(`is ${zip}, with cmi5.xml at the ZIP root, valid against CourseStructure.xsd`, async () => {
    const files = pick();
    expect([...files.keys()].filter((n) => n.endsWith("cmi5.xml"))).toEqual(["cmi5.xml"]);
    // §14.1: the package carries the course structure and its AUs, no schema file.
    expect([...files.keys()].filter((n) => n.endsWith(".xsd"))).toEqual([]);
    const result = await validateCourseStructure(xmlOf(files));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("names the course by its id, title and description in the course's language", () => {
    const doc = parse(xmlOf(pick()));
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(NS_CMI5);
    expect(root.localName).toBe("courseStructure");
    const [c] = children(root, "course");
    expect(c?.getAttribute("id")).toBe(course.id);
    expect(langstrings(c!, "title")).toEqual([{ lang: course.language, text: course.title }]);
    expect(langstrings(c!, "description")).toEqual([{ lang: course.language, text: course.description }]);
  });

  it("has AUs with unique ids under the course id, AnyWindow, a url that is a file of the package, langstrings", () => {
    const files = pick();
    const aus = ausOf(parse(xmlOf(files)));
    const ids = aus.map((a) => a.getAttribute("id") ?? "");
    expect(new Set(ids).size).toBe(ids.length);
    for (const au of aus) {
      expect(au.getAttribute("id")?.startsWith(`${course.id}/au/`)).toBe(true);
      expect(au.getAttribute("launchMethod")).toBe("AnyWindow");
      const url = children(au, "url")[0]?.textContent ?? "";
      expect(files.has(url), url).toBe(true);
      expect(langstrings(au, "title")[0]?.lang).toBe(course.language);
      expect(langstrings(au, "description")[0]?.text.length).toBeGreaterThan(0);
    }
  });
});

describe("what each AU asks of the LMS", () => {
  it("one AU: the whole course, moveOn Passed (reporting passed/…) and masteryScore 0.8 from masteryScore: 80", () => {
    const aus = ausOf(parse(xmlOf(single)));
    expect(aus.map((a) => [a.getAttribute("id"), a.getAttribute("moveOn"), a.getAttribute("masteryScore"), children(a, "url")[0]?.textContent])).toEqual([
      [`${course.id}/au/course`, "Passed", "0.8", "index.html"],
    ]);
  });

  it("one AU per session: each session moveOn Completed without a masteryScore, the assessment Passed at 0.8", () => {
    const aus = ausOf(parse(xmlOf(multi)));
    const expected = [
      ...course.sessions.map((s) => [`${course.id}/au/${s.id}`, "Completed", null, `sco-${s.id}.html`]),
      [`${course.id}/au/assessment`, "Passed", "0.8", "sco-assessment.html"],
    ];
    expect(aus.map((a) => [a.getAttribute("id"), a.getAttribute("moveOn"), a.getAttribute("masteryScore"), children(a, "url")[0]?.textContent])).toEqual(expected);
    expect(langstrings(aus[0]!, "title")[0]?.text).toBe(`Session 1: ${course.sessions[0]?.title ?? ""}`);
  });

  it("reporting: completed/failed and masteryScore: 75 → moveOn CompletedOrPassed, masteryScore 0.75", () => {
    const [au] = ausOf(parse(xmlOf(completedFailed)));
    expect([au?.getAttribute("moveOn"), au?.getAttribute("masteryScore")]).toEqual(["CompletedOrPassed", "0.75"]);
  });
});

describe("reading cmi5 packages (verify and the player)", () => {
  it("detects a cmi5 package, also beside an imsmanifest.xml (cmi5 §14.1), and reads its AUs", () => {
    const names = [...multi.keys()];
    const detected = detectPackage([...names, "imsmanifest.xml"], (n) => multi.get(n)?.toString("utf8"));
    expect("standard" in detected && detected.standard.id).toBe("cmi5");
    const read = cmi5Reader.units(xmlOf(multi));
    expect(read.title).toBe(course.title);
    expect(read.units.map((u) => u.href)).toEqual([...course.sessions.map((s) => `sco-${s.id}.html`), "sco-assessment.html"]);
    expect(read.units.at(-1)?.masteryScore).toBe(80);
  });

  it("the development LMS's learner preferences (cmi5 §11): the course's language from cmi5.xml, else en-US; audio on", () => {
    const language = auEntries(xmlOf(single)).language;
    expect(language).toBe(course.language);
    expect(learnerPreferences(language)).toEqual({ languagePreference: course.language, audioPreference: "on" });
    const unnamed = xmlOf(single).replace(/<langstring lang="[^"]*">/g, "<langstring>");
    expect(auEntries(unnamed).language).toBeUndefined();
    expect(learnerPreferences(undefined).languagePreference).toBe("en-US");
    expect(learnerPreferences("en-US, fr").languagePreference).toBe("en-US");
  });

  it("the structure rules find an AU whose url is not in the package, a duplicate id and a non-IRI id", () => {
    const files = new Set(single.keys());
    expect(structureFindings(xmlOf(single), files)).toEqual([]);
    const broken = xmlOf(multi)
      .replace("<url>sco-assessment.html</url>", "<url>missing.html</url>")
      .replace(`id="${course.id}/au/assessment"`, `id="${course.id}/au/${course.sessions[0]?.id ?? ""}"`)
      .replace(`id="${course.id}/au/${course.sessions[1]?.id ?? ""}"`, 'id="not an iri"');
    const found = structureFindings(broken, new Set(multi.keys())).map((f) => `${f.rule}: ${f.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^14\.1: AU .*: its url 'missing\.html' names no file of the package$/),
        expect.stringMatching(/^13\.1\.4: AU .*: the id is used by another AU/),
        expect.stringMatching(/^13\.1\.4: AU 'not an iri': its id is not an absolute IRI/),
      ]),
    );
  });
});

describe("building refuses what cmi5 cannot carry", () => {
  it("a course id that is not an IRI: file:line, exit 1, nothing written", async () => {
    const fx = contentFixture();
    fx.mutate("course.yaml", (t) => replaceOnce(t, "courses/peer-support-training", "courses/{peer}"));
    const out = tempDir();
    const run = await runCli(["build", "--target", "cmi5", "--content", fx.dir, "--out", out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`${path.relative(REPO_ROOT, fx.path("course.yaml"))}:3: id: must be an IRI, as cmi5 course and AU ids are (cmi5 §13.1.1, §13.1.4)`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("--au-per-session builds the per-session package", async () => {
    const out = tempDir();
    const run = await runCli(["build", "--target", "cmi5", "--au-per-session", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(fs.readdirSync(out)).toEqual([MULTI]);
  });
});
