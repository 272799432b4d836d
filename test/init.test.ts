// `coursewright init`: the scaffold it writes builds at once and passes the content rules, through build()
// and through the real CLI run the way the scaffold's own package.json scripts run it; it refuses to
// overwrite (writing nothing), --force overwrites, and the YAML files point at schemas written from the code.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { build } from "../src/build.js";
import { jsonSchemas } from "../src/content/json-schema.js";
import { loadCourse } from "../src/content/load-course.js";
import { courseSchema } from "../src/content/schemas.js";
import { initCourse } from "../src/init/init-course.js";
import { slugFromFolder, titleFromSlug } from "../src/init/names.js";
import { QUESTION_TYPES } from "../src/model/course.js";
import { STANDARD_IDS, STANDARDS } from "../src/standards/registry.js";
import { chromiumAvailable } from "./helpers/browser.js";
import { REPO_ROOT, tempDir } from "./helpers/content-fixture.js";
import { runCli, type CliRun } from "./helpers/run-cli.js";

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The CLI as an author runs it: `coursewright <args>` in their own folder. */
const cli = (args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<CliRun> => runCli(args, { cwd, timeoutMs });

/** Every file below `dir` with its bytes, to show that a refused init changed nothing at all. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const p = path.join(dir, rel);
    out[rel] = fs.statSync(p).isDirectory() ? "<folder>" : fs.readFileSync(p, "base64");
  }
  return out;
}

const read = (dir: string, rel: string): string => fs.readFileSync(path.join(dir, rel), "utf8");

/** The scripts an author's package.json gets, as the issue and docs/authoring.md promise them. */
const DOCUMENTED_SCRIPTS = {
  build: "coursewright build --target all",
  "build:scorm": "coursewright build --target scorm12",
  "build:scorm2004": "coursewright build --target scorm2004",
  "build:xapi": "coursewright build --target tincan",
  "build:cmi5": "coursewright build --target cmi5",
  "build:web": "coursewright build --target web",
  preview: "coursewright preview",
  verify: "coursewright verify dist/*.zip",
};

interface AuthorPackage {
  readonly name: string;
  readonly private: boolean;
  readonly scripts: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("coursewright init: the scaffold", () => {
  it("builds every target in-process at once, with no content problem and no warning", async () => {
    const dir = path.join(tempDir("coursewright-init-"), "first-aid-basics");
    const result = initCourse(dir);
    expect(result.slug).toBe("first-aid-basics");
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    const out = path.join(dir, "dist");
    const reports = await build({ contentDir: path.join(dir, "content"), outDir: out, targets: STANDARD_IDS });
    expect(reports.map((r) => r.file).sort()).toEqual(STANDARD_IDS.map((t) => `first-aid-basics-${t}.zip`).sort());
    for (const r of reports) expect(fs.statSync(path.join(out, r.file)).size).toBe(r.bytes);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it("has two sessions with pages, an image with alt text, a knowledge check of every question type and a final assessment", () => {
    const dir = tempDir("coursewright-init-");
    initCourse(dir);
    const course = loadCourse(path.join(dir, "content"));
    expect(course.sessions).toHaveLength(2);
    for (const s of course.sessions) expect(s.pages.length).toBeGreaterThan(1);
    // A picture, and (Video, audio and files) a captioned video the page waits for, and a PDF handout.
    expect(course.assets.map((a) => a.packagePath)).toEqual(["assets/files/handout.pdf", expect.stringMatching(/^assets\/images\/.*\.svg$/), "assets/media/colours.vtt", "assets/media/colours.webm"]);
    expect(course.sessions.flatMap((s) => s.pages.filter((p) => p.requirement === "media-ended"))).toHaveLength(1);
    const markdown = course.sessions.flatMap((s) => s.pages.map((p) => p.markdown)).join("\n");
    // The picture has a real text alternative, not a decorative mark or an empty one.
    expect(markdown).toMatch(/!\[[^\]]{20,}\]\(\.\.\/images\/[^)"]+\.svg\)/);
    const checks = course.sessions.flatMap((s) => (s.check ? [s.check] : []));
    expect(checks).toHaveLength(1);
    expect(new Set(checks[0]?.questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
    expect(course.assessment?.questions.length).toBeGreaterThan(0);
  });

  it("shows every page block (tabs, accordion, reveal, quote, figure with credit, key points) in an example page", () => {
    const dir = tempDir("coursewright-init-");
    initCourse(dir);
    const course = loadCourse(path.join(dir, "content"));
    const page = course.sessions.flatMap((s) => s.pages).find((p) => p.title === "Tabs, accordions and cards");
    for (const block of ["::: tabs ", "::: accordion\n", "::: reveal ", "::: key-points\n", "\n> — ", ' | Diagram: ']) expect(page?.markdown, block).toContain(block);
  });

  it("shows a reflection (docs/authoring.md, Reflections): an id, a max: and a prompt", () => {
    const dir = tempDir("coursewright-init-");
    initCourse(dir);
    const course = loadCourse(path.join(dir, "content"));
    const reflections = course.sessions.flatMap((s) => s.pages.flatMap((p) => p.reflections ?? []));
    expect(reflections).toEqual([expect.objectContaining({ id: "first-course", max: 500, prompt: "What would you like your own course to teach, and who is it for?" })]);
  });

  it("explains every setting of course.yaml in a comment right above it", () => {
    const dir = tempDir("coursewright-init-");
    initCourse(dir);
    const lines = read(dir, "content/course.yaml").split("\n");
    for (const key of Object.keys(courseSchema.shape)) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`));
      expect(at, `course.yaml has no '${key}:' setting`).toBeGreaterThan(0);
      expect(lines[at - 1], `'${key}:' has no comment above it`).toMatch(/^# \S/);
    }
  });

  it("points every YAML file at a JSON Schema it writes from the same code as `coursewright schemas`", () => {
    const dir = tempDir("coursewright-init-");
    initCourse(dir);
    const schemas = jsonSchemas();
    const yamlFiles = fs.readdirSync(path.join(dir, "content"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    expect(yamlFiles.length).toBe(3);
    for (const rel of yamlFiles) {
      const file = path.join(dir, "content", rel);
      const first = fs.readFileSync(file, "utf8").split("\n")[0] ?? "";
      const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
      expect(ref, `${rel} does not start with a $schema line`).toBeDefined();
      const schemaFile = path.resolve(path.dirname(file), ref ?? "");
      expect(path.basename(schemaFile)).toBe(path.basename(rel) === "course.yaml" ? "course.schema.json" : "quiz.schema.json");
      expect(JSON.parse(fs.readFileSync(schemaFile, "utf8"))).toEqual(schemas[path.basename(schemaFile)]);
    }
  });

  it("writes package.json with the documented scripts and this version of Coursewright, a .gitignore and a README", () => {
    const dir = path.join(tempDir("coursewright-init-"), "Safety at Work");
    initCourse(dir);
    const pkg = JSON.parse(read(dir, "package.json")) as AuthorPackage;
    expect(pkg.name).toBe("safety-at-work");
    expect(pkg.private).toBe(true);
    expect(pkg.scripts).toEqual(DOCUMENTED_SCRIPTS);
    expect(pkg.devDependencies).toEqual({ coursewright: `^${VERSION}` });
    expect(read(dir, ".gitignore").split("\n")).toEqual(expect.arrayContaining(["node_modules/", "dist/", ".coursewright/"]));
    expect(read(dir, "README.md")).toMatch(/^# Safety at work\n/);
    expect(read(dir, "content/course.yaml")).toMatch(/^slug: safety-at-work$/m);
    expect(read(dir, "content/course.yaml")).toMatch(/^id: https:\/\/learning\.example\.org\/courses\/safety-at-work$/m);
    expect(read(dir, "content/course.yaml")).toMatch(/^title: Safety at work$/m);
  });

  it("makes a valid slug and npm name of any folder name", () => {
    expect(slugFromFolder("First aid basics")).toBe("first-aid-basics");
    expect(slugFromFolder("Ünïcode Kurs 2")).toBe("unicode-kurs-2");
    expect(slugFromFolder("___")).toBe("my-course");
    const long = slugFromFolder(`${"a".repeat(63)} b`);
    expect(long).toBe("a".repeat(63));
    expect(titleFromSlug("first-aid-basics")).toBe("First aid basics");
  });
});

describe("coursewright init: the command line", () => {
  it("creates a missing folder, prints the next commands, and the scaffold's own scripts build and verify it", async () => {
    const parent = tempDir("coursewright-init-");
    const init = await cli(["init", "my-course"], parent);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^Next:\n {2}cd my-course\n {2}npm install\n {2}npm run build\b.*\n {2}npm run preview\b/m);
    const dir = path.join(parent, "my-course");
    const pkg = JSON.parse(read(dir, "package.json")) as AuthorPackage;

    // `npm run build` in the author's folder: the script's own arguments, the CLI's defaults for the rest.
    const buildArgs = (pkg.scripts.build ?? "").split(" ").slice(1);
    const built = await cli(buildArgs, dir);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const written = fs.readdirSync(path.join(dir, "dist")).sort();
    // Each package as a zip, and one written unpacked too (plain web) as its folder beside it.
    expect(written).toEqual(STANDARDS.flatMap((s) => [`my-course-${s.id}.zip`, ...(s.packager.unpacked ? [`my-course-${s.id}`] : [])]).sort());
    const zips = written.filter((f) => f.endsWith(".zip"));

    // With explicit --content and --out from elsewhere, as CI scripts often call it.
    const out = tempDir("coursewright-init-out-");
    const explicit = await cli(["build", "--target", "scorm12", "--content", path.join(dir, "content"), "--out", out], REPO_ROOT);
    expect(explicit.stderr).toBe("");
    expect(explicit.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(["my-course-scorm12.zip"]);

    if (!chromiumAvailable) {
      console.log("init.test: no Chromium ($CHROMIUM_PATH or /usr/bin/chromium): the scaffold's verify script was not run");
      return;
    }
    // `npm run verify`: every page, every question type answered, the assessment passed, nothing violated.
    const verifyArgs = (pkg.scripts.verify ?? "").split(" ").slice(1, -1);
    const verified = await cli([...verifyArgs, ...zips.map((z) => path.join("dist", z))], dir, 180_000);
    expect(verified.stdout).toContain("Violations: none");
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 300_000);

  it("writes into the current folder without a folder argument, and then prints no cd", async () => {
    const dir = tempDir("coursewright-init-");
    const run = await cli(["init"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("in this folder");
    expect(run.stdout).not.toMatch(/^\s*cd /m);
    expect(run.stdout).toMatch(/^ {2}npm install$/m);
    expect(fs.existsSync(path.join(dir, "content", "course.yaml"))).toBe(true);
  });

  it("refuses a folder where a file it would write exists, naming that file on one line, and writes nothing", async () => {
    const dir = tempDir("coursewright-init-");
    // A repository made on a Git host starts with a README, a licence and a .gitignore. The README is the
    // first file init writes, the .gitignore one it would extend: neither is touched when init refuses.
    fs.writeFileSync(path.join(dir, "README.md"), "# Our course\n");
    fs.writeFileSync(path.join(dir, "LICENSE"), "all rights reserved\n");
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
    const before = snapshot(dir);
    const run = await cli(["init", "."], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: README\.md: exists already; nothing was written .*--force/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses when the last file it would write exists: every file is checked before the first is written", async () => {
    const dir = tempDir("coursewright-init-");
    fs.mkdirSync(path.join(dir, "schemas"));
    fs.writeFileSync(path.join(dir, "schemas", "quiz.schema.json"), "{}\n");
    const before = snapshot(dir);
    const run = await cli(["init"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd()).toMatch(/^error: schemas\/quiz\.schema\.json: exists already; [^\n]*$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("after npm i -D coursewright: keeps the author's package.json and adds only the scripts it lacks", async () => {
    const dir = tempDir("coursewright-init-");
    const theirs = { name: "our-course", version: "2.0.0", scripts: { test: "echo ok", build: "coursewright build --target all" }, devDependencies: { coursewright: "^0.0.9" } };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(theirs, null, 2) + "\n");
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules/\n.env");
    const run = await cli(["init"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}package\.json {2}\(added script build:scorm, script build:scorm2004, script build:xapi, script build:cmi5, script build:web, script preview, script verify\)$/m);
    const pkg = JSON.parse(read(dir, "package.json")) as AuthorPackage & { version: string };
    expect(pkg.name).toBe("our-course");
    expect(pkg.version).toBe("2.0.0");
    expect(pkg.scripts).toEqual({ test: "echo ok", ...DOCUMENTED_SCRIPTS });
    expect(pkg.devDependencies).toEqual({ coursewright: "^0.0.9" });
    expect(read(dir, ".gitignore")).toBe("node_modules/\n.env\n# Coursewright\ndist/\n.coursewright/\n");
  });

  it("refuses a package.json script of the same name that runs something else; --force replaces only that script", async () => {
    const dir = tempDir("coursewright-init-");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "ours", scripts: { build: "make all", lint: "eslint ." } }));
    const before = snapshot(dir);
    const refused = await cli(["init"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd()).toMatch(/^error: package\.json: has a script 'build' that runs something else \('make all'\); nothing was written [^\n]*--force[^\n]*$/);
    expect(snapshot(dir)).toEqual(before);
    const bad = tempDir("coursewright-init-");
    fs.writeFileSync(path.join(bad, "package.json"), "{ not json");
    const invalid = await cli(["init"], bad);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trimEnd()).toMatch(/^error: package\.json: is not valid JSON [^\n]*nothing was written$/);

    const forced = await cli(["init", "--force"], dir);
    expect(forced.code).toBe(0);
    const pkg = JSON.parse(read(dir, "package.json")) as AuthorPackage;
    expect(pkg.name).toBe("ours");
    expect(pkg.scripts).toEqual({ lint: "eslint .", ...DOCUMENTED_SCRIPTS });
    expect(pkg.devDependencies).toEqual({ coursewright: `^${VERSION}` });
  });

  it("refuses a conflicting course.yaml in a named folder, and refuses a target that is a file", async () => {
    const parent = tempDir("coursewright-init-");
    const dir = path.join(parent, "course");
    fs.mkdirSync(path.join(dir, "content"), { recursive: true });
    fs.writeFileSync(path.join(dir, "content", "course.yaml"), "title: Mine\n");
    const before = snapshot(parent);
    const conflict = await cli(["init", "course"], parent);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr.trimEnd()).toMatch(new RegExp(`^error: ${path.join("course", "content", "course.yaml").replaceAll(".", "\\.")}: exists already; [^\\n]*$`));
    fs.writeFileSync(path.join(parent, "a-file"), "x");
    const onFile = await cli(["init", "a-file"], parent);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr.trimEnd()).toMatch(/^error: a-file: is a file[^\n]*nothing was written$/);
    expect(snapshot(parent)).toEqual({ ...before, "a-file": Buffer.from("x").toString("base64") });
  });

  it("--force overwrites the scaffold's files and leaves every other file alone", async () => {
    const dir = tempDir("coursewright-init-");
    fs.mkdirSync(path.join(dir, "content"));
    fs.writeFileSync(path.join(dir, "content", "course.yaml"), "title: Mine\n");
    fs.writeFileSync(path.join(dir, "notes.txt"), "my notes\n");
    const run = await cli(["init", "--force"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}content\/course\.yaml {2}\(overwritten\)$/m);
    expect(read(dir, "content/course.yaml")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/course\.schema\.json\n/);
    expect(read(dir, "notes.txt")).toBe("my notes\n");
    expect(() => loadCourse(path.join(dir, "content"))).not.toThrow();
  });

  it("--force still refuses a file standing where the course needs a folder", async () => {
    const dir = tempDir("coursewright-init-");
    fs.writeFileSync(path.join(dir, "content"), "not a folder\n");
    const before = snapshot(dir);
    const run = await cli(["init", "--force"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd()).toMatch(/^error: content: is a file where the course needs a folder; [^\n]*nothing was written$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("exits 2 on a usage error and documents itself in --help", async () => {
    const dir = tempDir("coursewright-init-");
    const extra = await cli(["init", "a", "b"], dir);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected argument 'b'");
    const flag = await cli(["init", "--overwrite"], dir);
    expect(flag.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
    const help = await cli(["init", "--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--force");
    const top = await cli(["--help"], dir);
    expect(top.stdout).toMatch(/^ {2}init {2,}\S/m);
  });
});
