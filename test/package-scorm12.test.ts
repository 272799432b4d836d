// The SCORM 1.2 packages of the real course (content/), single-SCO and one SCO per session:
// XSD validation of the manifest, the manifest rules the XSD cannot check (conformance.md 1.3–1.8, 1.10),
// masteryscore vs. the reporting option (1.9, 3.3), ZIP layout and determinism, relative URLs (11.7).
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { SCORM12_SCHEMA_FILES } from "../src/standards/scorm12/manifest.js";
import { manifestProblems } from "../src/standards/scorm12/verify/manifest-rules.js";
import { readZip, zipEntries } from "./helpers/unzip.js";
import { validateScorm12Manifest } from "./helpers/xsd.js";
import { REAL_CONTENT, ScratchFolder } from "./helpers/content-fixture.js";

const CONTENT = REAL_CONTENT;
const SINGLE_ZIP = "peer-support-training-scorm12.zip";
const MULTI_ZIP = "peer-support-training-scorm12-per-session.zip";

const NS_IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const MANIFEST = "imsmanifest.xml";
const CONTROL_FILES: ReadonlySet<string> = new Set([MANIFEST, ...SCORM12_SCHEMA_FILES]);

// ---------------------------------------------------------------------------------------------------
// Temp folders and builds

let scratch: ScratchFolder;
const tmp = (name: string): string => scratch.dir(name);

const copyContent = (name: string): string => scratch.copyContent(name);

function edit(file: string, search: string, replacement: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(search)) throw new Error(`${file}: ${JSON.stringify(search)} not found`);
  fs.writeFileSync(file, text.replace(search, replacement));
}

/** Builds both SCORM 1.2 variants of a course folder into `outDir`; returns the two zip paths. */
async function buildBoth(contentDir: string, outDir: string): Promise<{ single: string; multi: string }> {
  await build({ contentDir, outDir, targets: ["scorm12"], scoPerSession: false });
  await build({ contentDir, outDir, targets: ["scorm12"], scoPerSession: true });
  return { single: path.join(outDir, SINGLE_ZIP), multi: path.join(outDir, MULTI_ZIP) };
}

let course: Course;
let real: { single: string; multi: string };

beforeAll(async () => {
  scratch = new ScratchFolder("coursewright-pkg12-");
  course = loadCourse(CONTENT);
  real = await buildBoth(CONTENT, tmp("real"));
});

afterAll(() => {
  scratch?.remove();
});

// ---------------------------------------------------------------------------------------------------
// Manifest reading (the code-level rules, conformance 1.3–1.8, are src/standards/scorm12/verify/manifest-rules.ts)

function parseXml(xml: string): Document {
  return new JSDOM(xml, { contentType: "text/xml" }).window.document;
}

/** Direct children in the IMS CP namespace with the given local name. */
function cpChildren(el: Element, name: string): Element[] {
  return [...el.children].filter((c) => c.namespaceURI === NS_IMSCP && c.localName === name);
}

function cpAll(root: Document | Element, name: string): Element[] {
  return [...root.getElementsByTagNameNS(NS_IMSCP, name)];
}

function scormtype(resource: Element): string | null {
  return resource.getAttributeNS(NS_ADLCP, "scormtype");
}

function fileHrefs(resource: Element): string[] {
  return cpChildren(resource, "file").map((f) => f.getAttribute("href") ?? "");
}

function manifestOf(zip: Map<string, Buffer>): string {
  const data = zip.get(MANIFEST);
  if (!data) throw new Error(`no ${MANIFEST} at the package root`);
  return data.toString("utf8");
}

interface Item {
  readonly identifier: string;
  readonly title: string;
  readonly resource: Element;
  readonly mastery: string[];
}

/** The organization's items, in order, with their resources. */
function itemsOf(xml: string): Item[] {
  const doc = parseXml(xml);
  const resources = new Map(cpAll(doc, "resource").map((r) => [r.getAttribute("identifier") ?? "", r]));
  return cpAll(doc, "item").map((item) => {
    const resource = resources.get(item.getAttribute("identifierref") ?? "");
    if (!resource) throw new Error(`item ${item.getAttribute("identifier") ?? ""} has no resource`);
    return {
      identifier: item.getAttribute("identifier") ?? "",
      title: cpChildren(item, "title")[0]?.textContent ?? "",
      resource,
      mastery: [...item.getElementsByTagNameNS(NS_ADLCP, "masteryscore")].map((m) => m.textContent ?? ""),
    };
  });
}

function runtimeData(html: string): RuntimeCourse {
  const doc = new JSDOM(html).window.document;
  const text = doc.getElementById("cw-data")?.textContent;
  if (!text) throw new Error("no #cw-data in the page");
  return JSON.parse(text) as RuntimeCourse;
}

// ---------------------------------------------------------------------------------------------------

describe.each([
  { variant: "single SCO", scoPerSession: false, zip: SINGLE_ZIP },
  { variant: "one SCO per session", scoPerSession: true, zip: MULTI_ZIP },
])("SCORM 1.2 package, $variant", ({ scoPerSession, zip }) => {
  let files: Map<string, Buffer>;
  let xml: string;

  beforeAll(() => {
    files = readZip(scoPerSession ? real.multi : real.single);
    xml = manifestOf(files);
  });

  it("is written under the expected file name", () => {
    expect(path.basename(scoPerSession ? real.multi : real.single)).toBe(zip);
  });

  it("has imsmanifest.xml and the four XSDs at the ZIP root, with no wrapping folder (1.1, 1.10)", () => {
    const names = [...files.keys()];
    for (const name of CONTROL_FILES) expect(names, name).toContain(name);
    expect(names.filter((n) => n.toLowerCase().endsWith("imsmanifest.xml"))).toEqual([MANIFEST]);
    const topLevel = new Set(names.map((n) => n.split("/")[0]));
    expect(topLevel.size).toBeGreaterThan(1);
    expect(names.filter((n) => n.endsWith("/"))).toEqual([]);
  });

  it("ships the XSDs it names in xsi:schemaLocation (1.10)", () => {
    const locations = (parseXml(xml).documentElement.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation") ?? "")
      .trim()
      .split(/\s+/);
    expect(locations.length % 2).toBe(0);
    const xsds = locations.filter((_, i) => i % 2 === 1);
    expect(xsds).toContain("imscp_rootv1p1p2.xsd");
    expect(xsds).toContain("adlcp_rootv1p2.xsd");
    for (const xsd of xsds) expect([...files.keys()]).toContain(xsd);
  });

  it("has a manifest that validates against the ADL XSDs (1.11, 9.4)", async () => {
    const result = await validateScorm12Manifest(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has a manifest that meets the rules the XSD cannot check (1.3–1.8)", () => {
    expect(manifestProblems(xml, new Set(files.keys()))).toEqual([]);
  });

  it("declares no masteryscore while the course reports passed/incomplete (1.9, 3.3)", () => {
    expect(course.reporting).toBe("passed/incomplete");
    expect(parseXml(xml).getElementsByTagNameNS(NS_ADLCP, "masteryscore")).toHaveLength(0);
    expect(xml).not.toMatch(/masteryscore/i);
  });

  it("launch pages reference only files in the package, by relative URL (11.7)", () => {
    const launchFiles = itemsOf(xml).map((i) => i.resource.getAttribute("href") ?? "");
    expect(launchFiles.length).toBeGreaterThan(0);
    const names = new Set(files.keys());
    for (const launch of launchFiles) {
      const html = files.get(launch)?.toString("utf8") ?? "";
      const doc = new JSDOM(html).window.document;
      const refs = [...doc.querySelectorAll("[src], [href], [srcset], [poster], [data]")].flatMap((el) =>
        ["src", "href", "srcset", "poster", "data"].flatMap((attr) => {
          const value = el.getAttribute(attr);
          return value === null || (attr === "data" && el.localName !== "object") ? [] : [{ el, attr, value }];
        }),
      );
      expect(refs.length, launch).toBeGreaterThan(3);
      for (const { el, attr, value } of refs) {
        const where = `${launch}: <${el.localName} ${attr}="${value}">`;
        expect(value, where).not.toMatch(/^\s*(https?:)?\/\//i); // no absolute or protocol-relative URLs
        expect(value, where).not.toMatch(/^[a-z][a-z0-9+.-]*:/i); // no schemes at all (javascript:, data:, file:)
        if (value.startsWith("#")) {
          expect(el.localName, where).toBe("a");
          expect(doc.getElementById(decodeURIComponent(value.slice(1))), `${where}: no such id`).not.toBeNull();
          continue;
        }
        expect(value, where).not.toMatch(/^\//);
        const file = decodeURI(value.split(/[?#]/)[0] ?? "");
        expect(names.has(file), `${where}: not in the package`).toBe(true);
      }
      // The stylesheet must not pull anything from outside either.
      for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
        const css = files.get(link.getAttribute("href") ?? "")?.toString("utf8") ?? "";
        expect(css.length).toBeGreaterThan(0);
        expect(css).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 1.2 per-session package structure", () => {
  let xml: string;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    files = readZip(real.multi);
    xml = manifestOf(files);
  });

  it("has one SCO item per session, then one for the assessment, in course order with the content's titles", () => {
    const items = itemsOf(xml);
    expect(course.sessions).toHaveLength(12);
    const assessment = course.assessment;
    if (!assessment) throw new Error("the course has no assessment");
    expect(items.map((i) => i.title)).toEqual([...course.sessions.map((s, i) => `Session ${i + 1}: ${s.title}`), assessment.title]);
    expect(items[0]?.title).toBe("Session 1: Introduction to the Course");
    expect(items.map((i) => i.resource.getAttribute("href"))).toEqual([
      ...course.sessions.map((s) => `sco-${s.id}.html`),
      "sco-assessment.html",
    ]);
    for (const item of items) expect(scormtype(item.resource), item.identifier).toBe("sco");
  });

  it("lets every SCO share one asset resource through a dependency", () => {
    const items = itemsOf(xml);
    const deps = items.map((i) => cpChildren(i.resource, "dependency").map((d) => d.getAttribute("identifierref")));
    for (const d of deps) expect(d).toHaveLength(1);
    const shared = new Set(deps.map((d) => d[0]));
    expect(shared.size).toBe(1);
    const sharedId = [...shared][0] ?? "";
    const resource = cpAll(parseXml(xml), "resource").find((r) => r.getAttribute("identifier") === sharedId);
    if (!resource) throw new Error(`no resource '${sharedId}'`);
    expect(scormtype(resource)).toBe("asset");
    expect(fileHrefs(resource)).toEqual(expect.arrayContaining(["assets/course.css", "assets/coursewright.js", "assets/images/drama-triangle.svg"]));
    // Each SCO lists only its own launch file; everything else comes from the shared resource.
    for (const item of items) expect(fileHrefs(item.resource)).toEqual([item.resource.getAttribute("href")]);
  });

  it("gives each SCO only its own session (or the assessment) in its runtime data", () => {
    for (const item of itemsOf(xml)) {
      const html = files.get(item.resource.getAttribute("href") ?? "")?.toString("utf8") ?? "";
      const data = runtimeData(html);
      if (data.unit === "assessment") {
        expect(data.sessions.map((s) => s.id)).toEqual(["assessment"]);
        expect(data.reporting).toBe(course.reporting);
      } else {
        expect(data.sessions.map((s) => s.id)).toEqual([data.unit]);
        expect(data.reporting).toBe("completed/incomplete");
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SCORM 1.2 masteryscore with reporting passed/failed (1.9, 3.3)", () => {
  let built: { single: string; multi: string };

  beforeAll(async () => {
    const dir = copyContent("passed-failed");
    const courseFile = path.join(dir, "course.yaml");
    edit(courseFile, "reporting: passed/incomplete", "reporting: passed/failed");
    edit(courseFile, "masteryScore: 80", "masteryScore: 75");
    built = await buildBoth(dir, tmp("passed-failed-out"));
  });

  it("single SCO: the course item carries masteryscore = masteryScore, equal to the runtime's pass mark", async () => {
    const files = readZip(built.single);
    const xml = manifestOf(files);
    const items = itemsOf(xml);
    expect(items).toHaveLength(1);
    expect(items[0]?.mastery).toEqual(["75"]);
    expect(runtimeData(files.get("index.html")?.toString("utf8") ?? "").masteryScore).toBe(75);
    expect(manifestProblems(xml, new Set(files.keys()))).toEqual([]);
    const result = await validateScorm12Manifest(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("per session: only the assessment item carries masteryscore", async () => {
    const files = readZip(built.multi);
    const xml = manifestOf(files);
    const items = itemsOf(xml);
    expect(items).toHaveLength(13);
    expect(items.slice(0, 12).map((i) => i.mastery)).toEqual(Array.from({ length: 12 }, () => []));
    expect(items[12]?.mastery).toEqual(["75"]);
    expect(runtimeData(files.get("sco-assessment.html")?.toString("utf8") ?? "").masteryScore).toBe(75);
    const result = await validateScorm12Manifest(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the manifest checks can fail", () => {
  let xml: string;
  let names: Set<string>;

  beforeAll(() => {
    const files = readZip(real.single);
    xml = manifestOf(files);
    names = new Set(files.keys());
  });

  const mutate = (search: string | RegExp, replacement: string): string => {
    const out = xml.replace(search, replacement);
    if (out === xml) throw new Error(`mutation ${String(search)} changed nothing`);
    return out;
  };

  it("the XSD rejects adlcp:scormtype=\"SCO\" (the schema harness can fail)", async () => {
    const result = await validateScorm12Manifest(mutate('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'));
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/scormtype/);
  });

  it("the XSD rejects an unknown adlcp element", async () => {
    const result = await validateScorm12Manifest(mutate("</title>\n      </item>", "</title>\n        <adlcp:masteryScore>80</adlcp:masteryScore>\n      </item>"));
    expect(result.valid).toBe(false);
  });

  it.each([
    ["wrong schemaversion", "<schemaversion>1.2</schemaversion>", "<schemaversion>1.3</schemaversion>", /1\.3: metadata\/schemaversion/],
    ["wrong schema", "<schema>ADL SCORM</schema>", "<schema>ADL  SCORM</schema>", /1\.3: metadata\/schema /],
    ["default organization missing", /default="[^"]*"/, 'default="ORG-nope"', /organizations\/@default 'ORG-nope'/],
    ["dangling identifierref", 'identifierref="RES-course"', 'identifierref="RES-nope"', /identifierref 'RES-nope'/],
    ["dangling dependency", '<dependency identifierref="', '<dependency identifierref="X', /depends on 'X/],
    ["second title", "<title>Peer Support Training</title>\n      <item", "<title>Peer Support Training</title><title>Again</title>\n      <item", /has 2 <title>/],
    ["identifier that is no NCName", 'identifier="ITEM-course"', 'identifier="1 course"', /'1 course' on <item> is not an NCName/],
    ["duplicate identifier", 'identifier="ITEM-course"', 'identifier="RES-course"', /'RES-course' is used 2 times/],
    ["uppercase scormtype", 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"', /scormtype is 'SCO'/],
    ["non-webcontent resource", 'type="webcontent"', 'type="website"', /type is 'website'/],
    ["file not in the ZIP", '<file href="index.html"/>', '<file href="index.html"/><file href="missing.js"/>', /"missing\.js".*not in the package/],
    ["packaged file not listed", '<file href="assets/course.css"/>', "", /'assets\/course\.css' is not listed/],
    ["launch file not listed", '<file href="index.html"/>', "", /does not list its launch file 'index\.html'/],
  ] as const)("catches: %s", (_name, search, replacement, expected) => {
    const problems = manifestProblems(mutate(search, replacement), names);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("catches an item with children that also references a resource", () => {
    const nested = mutate(
      "</title>\n      </item>",
      '</title>\n        <item identifier="ITEM-child" identifierref="RES-course"><title>Child</title></item>\n      </item>',
    );
    expect(manifestProblems(nested, names).join("\n")).toMatch(/1\.6: item 'ITEM-course' has child items/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("ZIP determinism", () => {
  let again: { single: string; multi: string };
  let touched: { single: string; multi: string };

  beforeAll(async () => {
    again = await buildBoth(CONTENT, tmp("again"));
    // A copy of the course (other path) whose every file has a new mtime.
    const dir = copyContent("touched");
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

  it.each(["single", "multi"] as const)("%s: two builds give byte-identical ZIPs", (variant) => {
    const a = fs.readFileSync(real[variant]);
    const b = fs.readFileSync(again[variant]);
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(b)).toBe(true);
  });

  it.each(["single", "multi"] as const)("%s: touching every content file (new mtimes, other folder) changes nothing", (variant) => {
    expect(fs.readFileSync(real[variant]).equals(fs.readFileSync(touched[variant]))).toBe(true);
  });

  it.each(["single", "multi"] as const)("%s: entries are sorted and carry one fixed timestamp", (variant) => {
    const entries = zipEntries(real[variant]);
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const dates = new Set(entries.map((e) => e.date.getTime()));
    expect(dates.size).toBe(1);
    // Not the build time nor any file's mtime: a constant well in the past.
    const [date] = dates;
    expect(date).toBeLessThan(Date.now() - 24 * 3600 * 1000);
    expect(date).toBe(new Date(2020, 0, 1, 0, 0, 0).getTime());
    for (const e of entries) expect([0, 8]).toContain(e.method);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("identifiers for any valid session id", () => {
  it("a session with id 'shared' does not collide with the shared asset resource (1.4)", async () => {
    const dir = copyContent("session-shared");
    edit(path.join(dir, "sessions", "12-useful-resources.md"), "id: useful-resources", "id: shared");
    const out = tmp("session-shared-out");
    await build({ contentDir: dir, outDir: out, targets: ["scorm12"], scoPerSession: true });
    const files = readZip(path.join(out, MULTI_ZIP));
    const xml = manifestOf(files);
    expect(manifestProblems(xml, new Set(files.keys()))).toEqual([]);
    const result = await validateScorm12Manifest(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(itemsOf(xml).map((i) => i.resource.getAttribute("href"))).toContain("sco-shared.html");
  });
});
