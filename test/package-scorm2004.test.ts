// The SCORM 2004 4th edition packages of the real course (content/), single SCO and one SCO per session:
// the manifest against ADL's XSDs offline (and an invalid one failing), the schema files at the zip root,
// metadata, scormType, the sequencing and objectives as designed (src/standards/scorm2004/manifest.ts),
// limits refused with file:line, byte-identical rebuilds; and the shared IMS CP writer keeping SCORM 1.2's
// manifests byte-identical. Built with the standard object itself (build() takes it before its registry line).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { scorm12Manifest } from "../src/standards/scorm12/manifest.js";
import { clipChars, isLongIdentifier, isReal107, primaryObjectiveId, scaledPassingScore } from "../src/standards/scorm2004/limits.js";
import { SCORM2004_NAMESPACES, SCORM2004_SCHEMA_DIR, SCORM2004_SCHEMA_FILES } from "../src/standards/scorm2004/schema-files.js";
import { scorm2004 } from "../src/standards/scorm2004/standard.js";
import { applyCatalog, validateScorm2004Manifest } from "../src/standards/scorm2004/verify/xsd.js";
import { REAL_CONTENT, REPO_ROOT, ScratchFolder } from "./helpers/content-fixture.js";
import { builtUnits, MANIFEST_CASES, SHARED_FILES, syntheticCourse } from "./helpers/ims-cp-cases.js";
import { readZip, zipEntries } from "./helpers/unzip.js";

const SINGLE_ZIP = "peer-support-training-scorm2004.zip";
const MULTI_ZIP = "peer-support-training-scorm2004-per-session.zip";
const MANIFEST = "imsmanifest.xml";
const NS = SCORM2004_NAMESPACES;

// ---------------------------------------------------------------------------------------------------
// Builds

let scratch: ScratchFolder;
const tmp = (name: string): string => scratch.dir(name);

function edit(file: string, search: string, replacement: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(search)) throw new Error(`${file}: ${JSON.stringify(search)} not found`);
  fs.writeFileSync(file, text.replace(search, replacement));
}

async function buildBoth(contentDir: string, outDir: string): Promise<{ single: string; multi: string }> {
  await build({ contentDir, outDir, targets: [scorm2004], scoPerSession: false });
  await build({ contentDir, outDir, targets: [scorm2004], scoPerSession: true });
  return { single: path.join(outDir, SINGLE_ZIP), multi: path.join(outDir, MULTI_ZIP) };
}

let course: Course;
/** The real course, which reports passed/incomplete. */
let real: { single: string; multi: string };
/** A copy reporting passed/failed with a pass mark of 75 %. */
let passedFailed: { single: string; multi: string };

beforeAll(async () => {
  scratch = new ScratchFolder("coursewright-pkg2004-");
  course = loadCourse(REAL_CONTENT);
  real = await buildBoth(REAL_CONTENT, tmp("real"));
  const dir = scratch.copyContent("passed-failed");
  edit(path.join(dir, "course.yaml"), "reporting: passed/incomplete", "reporting: passed/failed");
  edit(path.join(dir, "course.yaml"), "masteryScore: 80", "masteryScore: 75");
  passedFailed = await buildBoth(dir, tmp("passed-failed-out"));
});

afterAll(() => {
  scratch?.remove();
});

// ---------------------------------------------------------------------------------------------------
// Reading manifests

const parseXml = (xml: string): Document => new JSDOM(xml, { contentType: "text/xml" }).window.document;

function manifestOf(zip: Map<string, Buffer>): string {
  const data = zip.get(MANIFEST);
  if (!data) throw new Error(`no ${MANIFEST} at the package root`);
  return data.toString("utf8");
}

const all = (root: Document | Element, ns: string, name: string): Element[] => [...root.getElementsByTagNameNS(ns, name)];
const children = (el: Element, ns: string, name: string): Element[] => [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name);
const only = (els: readonly Element[], what: string): Element => {
  if (els.length !== 1) throw new Error(`expected one ${what}, found ${els.length}`);
  return els[0] as Element;
};

interface Item {
  readonly element: Element;
  readonly identifier: string;
  readonly title: string;
  readonly resource: Element;
}

function itemsOf(doc: Document): Item[] {
  const resources = new Map(all(doc, NS.imscp, "resource").map((r) => [r.getAttribute("identifier") ?? "", r]));
  return all(doc, NS.imscp, "item").map((element) => {
    const resource = resources.get(element.getAttribute("identifierref") ?? "");
    if (!resource) throw new Error(`item ${element.getAttribute("identifier") ?? ""} has no resource`);
    return { element, identifier: element.getAttribute("identifier") ?? "", title: children(element, NS.imscp, "title")[0]?.textContent ?? "", resource };
  });
}

/** The item's own imsss:sequencing (not a nested one). */
const sequencingOf = (el: Element): Element => only(children(el, NS.imsss, "sequencing"), "imsss:sequencing");

function runtimeData(html: string): RuntimeCourse {
  const text = new JSDOM(html).window.document.getElementById("cw-data")?.textContent;
  if (!text) throw new Error("no #cw-data in the page");
  return JSON.parse(text) as RuntimeCourse;
}

const sha256 = (data: Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

// ---------------------------------------------------------------------------------------------------

describe.each([
  { variant: "single SCO", multi: false, zip: SINGLE_ZIP },
  { variant: "one SCO per session", multi: true, zip: MULTI_ZIP },
])("SCORM 2004 package, $variant", ({ multi, zip }) => {
  let files: Map<string, Buffer>;
  let xml: string;
  let doc: Document;

  beforeAll(() => {
    files = readZip(multi ? real.multi : real.single);
    xml = manifestOf(files);
    doc = parseXml(xml);
  });

  it("is written under the expected file name", () => {
    expect(path.basename(multi ? real.multi : real.single)).toBe(zip);
  });

  it("has imsmanifest.xml and every schema file at the ZIP root, byte-for-byte ADL's, with no wrapping folder", () => {
    const names = [...files.keys()];
    expect(names.filter((n) => n.toLowerCase().endsWith("imsmanifest.xml"))).toEqual([MANIFEST]);
    for (const name of SCORM2004_SCHEMA_FILES) {
      expect(names, name).toContain(name);
      expect(files.get(name)?.equals(fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, name))), name).toBe(true);
    }
    expect(names.filter((n) => n.endsWith("/"))).toEqual([]);
  });

  it("ships every schema its xsi:schemaLocation names, for every namespace it declares", () => {
    const locations = (doc.documentElement.getAttributeNS(NS.xsi, "schemaLocation") ?? "").trim().split(/\s+/);
    expect(locations.length % 2).toBe(0);
    const pairs = new Map(locations.flatMap((v, i) => (i % 2 === 0 ? [[v, locations[i + 1] ?? ""] as const] : [])));
    expect([...pairs.keys()].sort()).toEqual([NS.adlcp, NS.adlnav, NS.adlseq, NS.imscp, NS.imsss].sort());
    for (const file of pairs.values()) expect([...files.keys()]).toContain(file);
  });

  it("has a manifest that validates offline against the SCORM 2004 4th ed. XSDs", async () => {
    const result = await validateScorm2004Manifest(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("says ADL SCORM / 2004 4th Edition in its metadata", () => {
    const metadata = only(children(doc.documentElement, NS.imscp, "metadata"), "metadata");
    expect(children(metadata, NS.imscp, "schema").map((e) => e.textContent)).toEqual(["ADL SCORM"]);
    expect(children(metadata, NS.imscp, "schemaversion").map((e) => e.textContent)).toEqual(["2004 4th Edition"]);
  });

  it("marks launch resources adlcp:scormType=\"sco\" (camelCase) with an href, the shared one \"asset\", all webcontent", () => {
    const resources = all(doc, NS.imscp, "resource");
    for (const r of resources) {
      expect(r.getAttribute("type")).toBe("webcontent");
      expect(r.hasAttributeNS(NS.adlcp, "scormtype")).toBe(false);
    }
    const scos = resources.filter((r) => r.getAttributeNS(NS.adlcp, "scormType") === "sco");
    expect(scos).toHaveLength(multi ? course.sessions.length + 1 : 1);
    for (const sco of scos) expect(files.has(sco.getAttribute("href") ?? ""), sco.getAttribute("href") ?? "").toBe(true);
    expect(resources.filter((r) => r.getAttributeNS(NS.adlcp, "scormType") === "asset")).toHaveLength(1);
    expect(resources).toHaveLength(scos.length + 1);
  });

  it("lists every file of the package except the manifest, once; SCOs list their launch file and depend on the shared assets", () => {
    const listed = all(doc, NS.imscp, "file").map((f) => f.getAttribute("href") ?? "");
    expect(new Set(listed).size).toBe(listed.length);
    const packaged = [...files.keys()].filter((n) => n !== MANIFEST && !(SCORM2004_SCHEMA_FILES as readonly string[]).includes(n));
    expect([...listed].sort()).toEqual([...packaged].sort());
    const shared = only(
      all(doc, NS.imscp, "resource").filter((r) => r.getAttributeNS(NS.adlcp, "scormType") === "asset"),
      "asset resource",
    );
    expect(all(shared, NS.imscp, "file").map((f) => f.getAttribute("href"))).toEqual(expect.arrayContaining(["assets/course.css", "assets/coursewright.js"]));
    for (const item of itemsOf(doc)) {
      expect(all(item.resource, NS.imscp, "file").map((f) => f.getAttribute("href"))).toEqual([item.resource.getAttribute("href")]);
      expect(all(item.resource, NS.imscp, "dependency").map((d) => d.getAttribute("identifierref"))).toEqual([shared.getAttribute("identifier")]);
    }
  });

  it("lets the learner move freely: choice and flow on the organization, no forced order anywhere", () => {
    const organization = only(all(doc, NS.imscp, "organization"), "organization");
    const control = only(all(sequencingOf(organization), NS.imsss, "controlMode"), "controlMode");
    expect(control.getAttribute("choice")).toBe("true");
    expect(control.getAttribute("flow")).toBe("true");
    expect(control.hasAttribute("forwardOnly")).toBe(false);
    expect(all(doc, NS.imsss, "controlMode")).toHaveLength(1);
    for (const forced of ["sequencingRules", "limitConditions", "randomizationControls"]) expect(all(doc, NS.imsss, forced), forced).toHaveLength(0);
    expect(all(doc, NS.adlseq, "constrainedChoiceConsiderations")).toHaveLength(0);
  });

  it("lets every SCO set its own completion and success, complete when its progress reaches 1", () => {
    for (const item of itemsOf(doc)) {
      const delivery = only(all(sequencingOf(item.element), NS.imsss, "deliveryControls"), "deliveryControls");
      expect(delivery.getAttribute("completionSetByContent"), item.identifier).toBe("true");
      expect(delivery.getAttribute("objectiveSetByContent"), item.identifier).toBe("true");
      const threshold = only(children(item.element, NS.adlcp, "completionThreshold"), "completionThreshold");
      expect(threshold.getAttribute("completedByMeasure")).toBe("true");
      expect(Number(threshold.getAttribute("minProgressMeasure"))).toBe(1);
    }
  });

  it("declares no objectives while the course reports passed/incomplete (a failed attempt with retakes left is no failure)", () => {
    expect(course.reporting).toBe("passed/incomplete");
    expect(all(doc, NS.imsss, "objectives")).toHaveLength(0);
    expect(xml).not.toMatch(/primaryObjective|minNormalizedMeasure/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 2004 single-SCO structure", () => {
  let doc: Document;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    files = readZip(real.single);
    doc = parseXml(manifestOf(files));
  });

  it("has one SCO item, the course, launching index.html", () => {
    const items = itemsOf(doc);
    expect(items.map((i) => [i.identifier, i.title, i.resource.getAttribute("href")])).toEqual([["ITEM-course", course.title, "index.html"]]);
  });

  it("hides the LMS's Previous/Continue (the player navigates inside the one SCO), and nothing else", () => {
    const hidden = all(doc, NS.adlnav, "hideLMSUI").map((h) => h.textContent);
    expect(hidden).toEqual(["previous", "continue"]);
  });

  it("needs no rollup rules with one SCO", () => {
    expect(all(doc, NS.imsss, "rollupRules")).toHaveLength(0);
  });
});

describe("SCORM 2004 per-session structure", () => {
  let doc: Document;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    files = readZip(real.multi);
    doc = parseXml(manifestOf(files));
  });

  it("has one SCO item per session, then the assessment, in course order with the content's titles", () => {
    const items = itemsOf(doc);
    const assessment = course.assessment;
    if (!assessment) throw new Error("the course has no assessment");
    expect(items.map((i) => i.title)).toEqual([...course.sessions.map((s, i) => `Session ${i + 1}: ${s.title}`), assessment.title]);
    expect(items.map((i) => i.resource.getAttribute("href"))).toEqual([...course.sessions.map((s) => `sco-${s.id}.html`), "sco-assessment.html"]);
    expect(items.every((i) => children(i.element, NS.imscp, "item").length === 0)).toBe(true);
  });

  it("keeps the LMS's own navigation between SCOs (no hideLMSUI: Moodle breaks the next SCO after `continue`)", () => {
    expect(all(doc, NS.adlnav, "presentation")).toHaveLength(0);
    expect(all(doc, NS.adlnav, "hideLMSUI")).toHaveLength(0);
  });

  it("rolls up as one course: complete when every session is, passed and scored as the assessment", () => {
    for (const item of itemsOf(doc)) {
      const rules = only(all(sequencingOf(item.element), NS.imsss, "rollupRules"), "rollupRules");
      const attrs = Object.fromEntries([...rules.attributes].map((a) => [a.name, a.value]));
      if (item.identifier === "ITEM-assessment") expect(attrs).toEqual({ rollupProgressCompletion: "false" });
      else expect(attrs, item.identifier).toEqual({ rollupObjectiveSatisfied: "false", objectiveMeasureWeight: "0" });
      expect(children(rules, NS.imsss, "rollupRule")).toHaveLength(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 2004 pass mark where the course reports a failed assessment as failed", () => {
  const primaryOf = (item: Item): Element => only(all(sequencingOf(item.element), NS.imsss, "primaryObjective"), "primaryObjective");

  it("single SCO: the course item's primary objective is satisfied by measure at masteryScore / 100, the runtime's mark", async () => {
    const files = readZip(passedFailed.single);
    const xml = manifestOf(files);
    const [item] = itemsOf(parseXml(xml));
    if (!item) throw new Error("no item");
    const primary = primaryOf(item);
    expect(primary.getAttribute("objectiveID")).toBe(primaryObjectiveId("course"));
    expect(primary.getAttribute("satisfiedByMeasure")).toBe("true");
    const measure = Number(only(children(primary, NS.imsss, "minNormalizedMeasure"), "minNormalizedMeasure").textContent);
    expect(measure).toBe(0.75);
    expect(measure * 100).toBe(runtimeData(files.get("index.html")?.toString("utf8") ?? "").masteryScore);
    const result = await validateScorm2004Manifest(xml);
    expect(result.errors).toEqual([]);
  });

  it("per session: only the assessment item carries it, and the manifest stays valid", async () => {
    const files = readZip(passedFailed.multi);
    const xml = manifestOf(files);
    const items = itemsOf(parseXml(xml));
    const withObjectives = items.filter((i) => all(i.element, NS.imsss, "objectives").length > 0);
    expect(withObjectives.map((i) => i.identifier)).toEqual(["ITEM-assessment"]);
    const primary = primaryOf(withObjectives[0] as Item);
    expect(primary.getAttribute("objectiveID")).toBe(primaryObjectiveId("assessment"));
    expect(all(primary, NS.imsss, "minNormalizedMeasure").map((m) => Number(m.textContent))).toEqual([0.75]);
    expect(runtimeData(files.get("sco-assessment.html")?.toString("utf8") ?? "").masteryScore).toBe(75);
    expect((await validateScorm2004Manifest(xml)).errors).toEqual([]);
  });

  it("gives primary objectives ids no runtime objective id (session ids, `assessment`) can equal, and no other objectives", () => {
    const runtimeIds = new Set([...course.sessions.map((s) => s.id), "assessment"]);
    for (const zip of [passedFailed.single, passedFailed.multi]) {
      const doc = parseXml(manifestOf(readZip(zip)));
      const ids = all(doc, NS.imsss, "primaryObjective").map((o) => o.getAttribute("objectiveID") ?? "");
      expect(ids).toHaveLength(1);
      for (const id of ids) {
        expect(runtimeIds.has(id), id).toBe(false);
        expect(id).toMatch(/^urn:coursewright:unit:/);
      }
      expect(all(doc, NS.imsss, "objective")).toHaveLength(0); // the runtime writes its own objectives
      expect(all(doc, NS.imsss, "mapInfo")).toHaveLength(0);
    }
  });

  it.each([
    ["passed/failed", true],
    ["completed/failed", true],
    ["passed/incomplete", false],
    ["completed/incomplete", false],
  ] as const)("reporting %s: pass mark in the manifest = %s", async (reporting, expected) => {
    const dir = scratch.copyContent(`reporting-${reporting.replace("/", "-")}`);
    if (reporting !== course.reporting) edit(path.join(dir, "course.yaml"), `reporting: ${course.reporting}`, `reporting: ${reporting}`);
    const out = tmp(`reporting-${reporting.replace("/", "-")}-out`);
    await build({ contentDir: dir, outDir: out, targets: [scorm2004] });
    const doc = parseXml(manifestOf(readZip(path.join(out, SINGLE_ZIP))));
    expect(all(doc, NS.imsss, "minNormalizedMeasure").length > 0).toBe(expected);
  });
});

describe("SCORM 2004 manifests of other courses", () => {
  it("a course without an assessment: no objectives, sessions decide satisfaction, nothing scores", async () => {
    const dir = scratch.copyContent("no-assessment");
    edit(path.join(dir, "course.yaml"), "assessment: assessment.yaml\n", "");
    const out = tmp("no-assessment-out");
    await buildBoth(dir, out);
    for (const zip of [SINGLE_ZIP, MULTI_ZIP]) {
      const xml = manifestOf(readZip(path.join(out, zip)));
      const doc = parseXml(xml);
      expect(all(doc, NS.imsss, "objectives"), zip).toHaveLength(0);
      expect((await validateScorm2004Manifest(xml)).errors, zip).toEqual([]);
      const rules = all(doc, NS.imsss, "rollupRules").map((r) => Object.fromEntries([...r.attributes].map((a) => [a.name, a.value])));
      expect(rules, zip).toEqual(zip === MULTI_ZIP ? itemsOf(doc).map(() => ({ objectiveMeasureWeight: "0" })) : []);
    }
  });

  it("a pass mark of 72.5 % is the measure 0.725, and the manifest stays valid", async () => {
    const dir = scratch.copyContent("mastery");
    edit(path.join(dir, "course.yaml"), "masteryScore: 80", "masteryScore: 72.5");
    edit(path.join(dir, "course.yaml"), "reporting: passed/incomplete", "reporting: passed/failed");
    const out = tmp("mastery-out");
    await build({ contentDir: dir, outDir: out, targets: [scorm2004] });
    const xml = manifestOf(readZip(path.join(out, SINGLE_ZIP)));
    expect(all(parseXml(xml), NS.imsss, "minNormalizedMeasure").map((m) => m.textContent)).toEqual(["0.725"]);
    expect(scaledPassingScore(72.5)).toBe(0.725);
    expect((await validateScorm2004Manifest(xml)).valid).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the SCORM 2004 XSD check can fail", () => {
  let xml: string;

  beforeAll(() => {
    xml = manifestOf(readZip(passedFailed.single)); // with a primary objective, to break it
  });

  const mutate = (search: string | RegExp, replacement: string): string => {
    const out = xml.replace(search, replacement);
    if (out === xml) throw new Error(`mutation ${String(search)} changed nothing`);
    return out;
  };

  // Not among them: 1.2's spelling `adlcp:scormtype`, which IMS CP's lax attribute wildcard lets through (the
  // XSD cannot require a foreign attribute); the package tests above check the spelling in code.
  it.each([
    ["scormType \"SCO\" (the vocabulary is lower case)", 'adlcp:scormType="sco"', 'adlcp:scormType="SCO"', /scormType/],
    ["a pass mark outside [-1, 1]", "<imsss:minNormalizedMeasure>0.75<", "<imsss:minNormalizedMeasure>1.5<", /minNormalizedMeasure/],
    ["an unknown hideLMSUI value", "<adlnav:hideLMSUI>previous<", "<adlnav:hideLMSUI>back<", /hideLMSUI/],
    ["sequencing children out of order", /(<imsss:objectives>[\s\S]*?<\/imsss:objectives>)(\s*)(<imsss:deliveryControls[^>]*\/>)/, "$3$2$1", /objectives/],
    ["an unknown imsss element", "<imsss:deliveryControls", "<imsss:deliveryControl", /deliveryControl/],
    ["a stray element in the IMS CP namespace", "</metadata>", "</metadata><bogus/>", /bogus/],
  ] as const)("rejects %s", async (_name, search, replacement, expected) => {
    const result = await validateScorm2004Manifest(mutate(search, replacement));
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(expected);
    expect(result.lines.every((l) => l > 0)).toBe(true);
  });

  it("reports a manifest that is not well-formed without handing it to libxml2", async () => {
    const result = await validateScorm2004Manifest(mutate("</manifest>", ""));
    expect(result.valid).toBe(false);
    expect(result.notWellFormed).toBeTruthy();
  });

  it("maps imscp_v1p1.xsd's remote import of xml.xsd to the local file in memory; the file itself stays ADL's", () => {
    const original = fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, "imscp_v1p1.xsd"), "utf8");
    expect(original).toContain('schemaLocation = "http://www.w3.org/2001/xml.xsd"');
    const mapped = applyCatalog(original);
    expect(mapped).toContain('schemaLocation = "xml.xsd"');
    expect(mapped).not.toMatch(/schemaLocation\s*=\s*"https?:/);
    expect(mapped.length).toBe(original.length - "http://www.w3.org/2001/".length);
    expect(applyCatalog('<x schemaLocation="other.xsd"/>')).toBe('<x schemaLocation="other.xsd"/>');
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the vendored SCORM 2004 schema files", () => {
  const dir = path.join(REPO_ROOT, "vendor", "adl-scorm2004");
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");

  it("are exactly the files packages ship, each with the sha256 its README records", () => {
    const onDisk = fs.readdirSync(dir).filter((f) => /\.(xsd|dtd)$/.test(f)).sort();
    expect(onDisk).toEqual([...SCORM2004_SCHEMA_FILES].sort());
    for (const file of onDisk) expect(readme, file).toContain(`| \`${file}\` | \`software_development/xml/xsd/${file}\` | \`${sha256(fs.readFileSync(path.join(dir, file)))}\` |`);
    expect(readme).toContain("adlnet/SCORM-2004-4ed-Test-Suite");
    expect(readme).toContain("050f1b4282c914154ab80254e4767ce8c58d0d36");
  });

  it("are shipped by npm (package.json files)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("vendor/adl-scorm2004/");
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 2004 limits refused with file:line", () => {
  async function refused(mutateContent: (dir: string) => void, scoPerSession = false): Promise<{ message: string; out: string }> {
    const dir = scratch.copyContent(`limits-${crypto.randomUUID()}`);
    mutateContent(dir);
    const out = tmp(`limits-out-${crypto.randomUUID()}`);
    fs.writeFileSync(path.join(out, "keep.txt"), "keep\n");
    let error: unknown;
    try {
      await build({ contentDir: dir, outDir: out, targets: [scorm2004], scoPerSession });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect(fs.readdirSync(out)).toEqual(["keep.txt"]);
    return { message: (error as ContentError).message, out: dir };
  }

  const lineOf = (file: string, prefix: string): number => fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.startsWith(prefix)) + 1;

  it("a course title of 201 characters (a manifest <title> holds 200)", async () => {
    const long = "T".repeat(201);
    const { message, out } = await refused((dir) => edit(path.join(dir, "course.yaml"), "title: Peer Support Training", `title: ${long}`));
    const file = path.join(out, "course.yaml");
    expect(message).toBe(`${path.relative(process.cwd(), file)}:${lineOf(file, "title:")}: title: is 201 characters long; a SCORM 2004 manifest <title> holds at most 200 (SCORM 2004 4th ed. CAM)`);
  });

  it("a session title of 201 characters in a package of one SCO per session, where it is an item's <title>", async () => {
    const file = (dir: string): string => path.join(dir, "sessions", "01-introduction.md");
    const long = "S".repeat(201);
    const { message, out } = await refused((dir) => edit(file(dir), "title: Introduction to the Course", `title: ${long}`), true);
    // The item's title is the numbered "Session 1: <title>" (model/units.ts sessionTitle).
    expect(message).toBe(`${path.relative(process.cwd(), file(out))}:${lineOf(file(out), "title:")}: title: is 212 characters long; a SCORM 2004 manifest <title> holds at most 200 (SCORM 2004 4th ed. CAM)`);
    // One SCO: the session's title is no item's, so the same course builds.
    const dir = scratch.copyContent("long-session-title-single");
    edit(file(dir), "title: Introduction to the Course", `title: ${long}`);
    await build({ contentDir: dir, outDir: tmp("long-session-title-single-out"), targets: [scorm2004] });
  });

  it("a version of 21 characters (the manifest's version attribute holds 20)", async () => {
    const { message, out } = await refused((dir) => edit(path.join(dir, "course.yaml"), "version: 1.0.0", `version: "${"1".repeat(21)}"`));
    const file = path.join(out, "course.yaml");
    expect(message).toBe(`${path.relative(process.cwd(), file)}:${lineOf(file, "version:")}: version: is 21 characters long; a SCORM 2004 manifest's version attribute holds at most 20 (SCORM 2004 4th ed. CAM)`);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 2004 limit helpers (shared with the browser runtime)", () => {
  it("long_identifier_type: a URI-like run of printable ASCII, a URN with a short NID, at most 4000", () => {
    for (const ok of [primaryObjectiveId("course"), "assessment-q1", "urn:ADL:interaction-id-0001", "x".repeat(4000)]) expect(isLongIdentifier(ok), ok).toBe(true);
    for (const bad of ["", "a b", "tab\there", "urn::x", `urn:${"n".repeat(32)}:x`, "x".repeat(4001), "caf\u00e9"]) expect(isLongIdentifier(bad), bad).toBe(false);
  });

  it("real(10,7): plain decimals with at most 7 decimals", () => {
    for (const ok of [0, 1, -1, 0.725, 2.5, 100, 0.1234567]) expect(isReal107(ok), String(ok)).toBe(true);
    for (const bad of [1e-7, 0.12345678, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) expect(isReal107(bad), String(bad)).toBe(false);
  });

  it("the scaled pass mark is masteryScore / 100 without binary noise", () => {
    expect([0, 72.5, 80, 33.33, 100].map(scaledPassingScore)).toEqual([0, 0.725, 0.8, 0.3333, 1]);
  });

  it("descriptions are clipped by characters, never inside a surrogate pair", () => {
    expect(clipChars("abc", 5)).toBe("abc");
    expect(clipChars("😀😀😀", 2)).toBe("😀😀");
    expect(clipChars("x".repeat(300), 250)).toHaveLength(250);
  });
});

describe("SCORM 2004 ZIP determinism", () => {
  let again: { single: string; multi: string };
  let touched: { single: string; multi: string };

  beforeAll(async () => {
    again = await buildBoth(REAL_CONTENT, tmp("again"));
    const dir = scratch.copyContent("touched");
    const when = new Date(2031, 4, 5, 6, 7, 8);
    const touch = (p: string): void => {
      for (const e of fs.readdirSync(p, { withFileTypes: true })) {
        const child = path.join(p, e.name);
        if (e.isDirectory()) touch(child);
        fs.utimesSync(child, when, when);
      }
    };
    touch(dir);
    touched = await buildBoth(dir, tmp("touched-out"));
  });

  it.each(["single", "multi"] as const)("%s: two builds, and a build of a touched copy elsewhere, give byte-identical ZIPs", (variant) => {
    const a = fs.readFileSync(real[variant]);
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(fs.readFileSync(again[variant]))).toBe(true);
    expect(a.equals(fs.readFileSync(touched[variant]))).toBe(true);
  });

  it.each(["single", "multi"] as const)("%s: entries are sorted and carry one fixed timestamp", (variant) => {
    const entries = zipEntries(real[variant]);
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(entries.map((e) => e.date.getTime()))).toEqual(new Set([new Date(2020, 0, 1, 0, 0, 0).getTime()]));
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the shared IMS CP writer keeps SCORM 1.2 manifests byte-identical", () => {
  it.each(MANIFEST_CASES)("$name: the same bytes as the fixture written before the writer was shared", (c) => {
    const synthetic = syntheticCourse(c.reporting, c.withAssessment);
    const fixture = fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "scorm12-manifests", `${c.name}.xml`), "utf8");
    expect(scorm12Manifest(synthetic, builtUnits(synthetic, c.perSession), SHARED_FILES)).toBe(fixture);
  });
});
