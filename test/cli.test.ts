// The command line, run as a user runs it: `node bin/coursewright.js …` in the repository root.
// Every run gets its own temporary TMPDIR, so the tests can also check that nothing is left behind there.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { STANDARD_IDS, STANDARDS } from "../src/standards/registry.js";
import { contentFixture, REPO_ROOT, replaceOnce, tempDir } from "./helpers/content-fixture.js";
import { runCli, type CliRun } from "./helpers/run-cli.js";

const ZIP = "peer-support-training-scorm12.zip";


const cli = (args: readonly string[], timeoutMs = 60_000): Promise<CliRun> => runCli(args, { timeoutMs });

/** Number of entries in a zip file, read from its end-of-central-directory record. */
function zipEntryCount(file: string): number {
  const buf = fs.readFileSync(file);
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return buf.readUInt16LE(i + 10);
  }
  throw new Error(`${file} is not a zip file`);
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

beforeAll(async () => {
  // The first run may (re)compile lib/cli.cjs from src/ with esbuild.
  const run = await cli(["--version"], 60_000);
  expect(run.code, run.stderr).toBe(0);
}, 90_000);

describe("usage", () => {
  it("--help exits 0 and documents every option", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const flag of ["--target", "--content", "--out", "--sco-per-session", "--help", "--version"]) {
      expect(run.stdout, flag).toContain(flag);
    }
    for (const command of ["build", "schemas"]) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\s`, "m"));
    expect(run.stdout).toContain("Exit status: 0 on success, 1 when the content has errors");
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const run = await cli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it("an unknown flag exits 2 and names the flag", async () => {
    const out = tempDir();
    const run = await cli(["build", "--target", "scorm12", "--out", out, "--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: Unknown option '--bogus'");
    expect(run.stderr).toContain("Run 'coursewright --help' for usage.");
    expect(run.stdout).toBe("");
    expect(listing(out)).toEqual([]);
  });

  it("an unknown target exits 2, suggests the nearest name and lists the known ones", async () => {
    const out = tempDir();
    const run = await cli(["build", "--target", "scrom12", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: unknown target 'scrom12' — did you mean 'scorm12'?; expected one of: ${STANDARDS.flatMap((s) => [s.id, ...s.aliases]).join(", ")}, all`);
    const far = await cli(["build", "--target", "moodle", "--out", out]);
    expect(far.stderr).toMatch(/^error: unknown target 'moodle'; expected one of: /m);
    expect(listing(out)).toEqual([]);
  });

  it("build without --target exits 2", async () => {
    const out = tempDir();
    const run = await cli(["build", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: --target is required");
    expect(listing(out)).toEqual([]);
  });

  it("--target without a value exits 2", async () => {
    const run = await cli(["build", "--target"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--target <value>' argument missing");
  });

  it("an unknown command exits 2", async () => {
    const run = await cli(["publish"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'publish'");
  });
});

describe("schemas", () => {
  it("writes the same JSON Schemas as the committed schemas/ folder", async () => {
    const out = tempDir();
    const run = await cli(["schemas", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(listing(out)).toEqual(["course.schema.json", "quiz.schema.json"]);
    for (const name of listing(out)) {
      expect(run.stdout).toContain(`wrote ${path.join(out, name)}`);
      expect(fs.readFileSync(path.join(out, name), "utf8"), `schemas/${name} is stale: run \`npm run schemas\``).toBe(
        fs.readFileSync(path.join(REPO_ROOT, "schemas", name), "utf8"),
      );
    }
  });
});

describe("build", () => {
  it("prints one progress line per step and a final table, and writes the zip", async () => {
    const out = tempDir();
    const run = await cli(["build", "--target", "scorm12", "--content", "content", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");

    // progress: one line per step, then a blank line, then the table
    const lines = run.stdout.split("\n");
    const progress = lines.slice(0, lines.indexOf(""));
    expect(progress.map((l) => l.split(/\s+/)[0])).toEqual(["content", "templates", "render", "runtime", "package"]);
    expect(progress[0]).toMatch(/^content\s+12 sessions, \d+ pages, 3 knowledge checks, \d+ questions, 1 images \(\d+ ms\)$/);
    expect(progress[2]).toMatch(/^render\s+scorm12: 1 launch file \(\d+ ms\)$/);

    // the zip exists and the table describes it truthfully
    expect(listing(out)).toEqual([ZIP]);
    const zip = path.join(out, ZIP);
    const bytes = fs.statSync(zip).size;
    const entries = zipEntryCount(zip);
    expect(entries).toBeGreaterThan(3);
    const kb = `${(bytes / 1024).toFixed(1)} KB`;
    expect(progress[4]).toMatch(new RegExp(`^package {4}${ZIP.replaceAll(".", "\\.")}: ${entries} files, ${kb} \\(\\d+ ms\\)$`));

    const header = progress.length + 1;
    expect(lines[header]).toMatch(/^package\s+size\s+files\s+build time$/);
    expect(lines[header + 1]).toMatch(/^-+( +-+){3}$/);
    const row = (lines[header + 2] ?? "").trim().split(/\s{2,}/);
    expect(row).toEqual([path.join(out, ZIP), kb, String(entries), expect.stringMatching(/^\d+ ms$/)]);
    expect(lines[header + 3]).toMatch(/^built 1 package in \d+ ms$/);
    expect(lines.slice(header + 4)).toEqual([""]);
    expect(listing(run.tmp)).toEqual([]);
  });

  it("a content error exits 1, names file:line, and leaves --out exactly as it was", async () => {
    const fx = contentFixture();
    fx.mutate("course.yaml", (t) => replaceOnce(t, "masteryScore: 80", "masteryScore: 150"));
    const line = fx.lineOf("course.yaml", "masteryScore: 150");

    const out = tempDir();
    const sentinel = Buffer.from("sentinel: do not touch\n");
    const oldZip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array.from({ length: 18 }, () => 0), 0xde, 0xad]);
    fs.writeFileSync(path.join(out, "sentinel.txt"), sentinel);
    fs.writeFileSync(path.join(out, ZIP), oldZip);
    const past = new Date("2020-01-02T03:04:05Z");
    fs.utimesSync(path.join(out, ZIP), past, past);
    const before = listing(out);

    const run = await cli(["build", "--target", "scorm12", "--content", fx.dir, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: the course has 1 problem; nothing was written:");
    const where = `${path.relative(REPO_ROOT, fx.path("course.yaml"))}:${line}:`;
    expect(run.stderr).toContain(`${where} masteryScore: must be between 0 and 100`);
    expect(run.stdout).not.toMatch(/^(templates|render|runtime|package)\s/m);

    expect(listing(out)).toEqual(before);
    expect(listing(out)).toEqual([ZIP, "sentinel.txt"]);
    expect(fs.readFileSync(path.join(out, "sentinel.txt")).equals(sentinel)).toBe(true);
    expect(fs.readFileSync(path.join(out, ZIP)).equals(oldZip)).toBe(true);
    expect(fs.statSync(path.join(out, ZIP)).mtime.getTime()).toBe(past.getTime());
    expect(listing(run.tmp)).toEqual([]); // no stray temporary folders either
  });

  it("reports every problem of a broken course with its file:line", async () => {
    const fx = contentFixture();
    fx.mutate("sessions/10-risk-boundaries.md", (t) => replaceOnce(t, "::: content-note", "::: danger"));
    fx.mutate("checks/05-peer-relationship.yaml", (t) => replaceOnce(t, "type: true-false", "type: yes-no"));
    const out = tempDir();
    const run = await cli(["build", "--target", "scorm12", "--content", fx.dir, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: the course has 2 problems; nothing was written:");
    const rel = (f: string): string => path.relative(REPO_ROOT, fx.path(f));
    expect(run.stderr).toContain(`${rel("sessions/10-risk-boundaries.md")}:${fx.lineOf("sessions/10-risk-boundaries.md", "::: danger")}: unknown callout kind 'danger'`);
    expect(run.stderr).toContain(`${rel("checks/05-peer-relationship.yaml")}:${fx.lineOf("checks/05-peer-relationship.yaml", "type: yes-no")}: questions.4.type: question has unknown type "yes-no"`);
    expect(listing(out)).toEqual([]);
  });

  it("--content without course.yaml exits 1 and says so", async () => {
    const empty = tempDir("coursewright-empty-");
    const out = tempDir();
    const run = await cli(["build", "--target", "scorm12", "--content", empty, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no course.yaml in ${empty}; is --content pointing at the course folder?`);
    expect(listing(out)).toEqual([]);
  });

  it("--target all builds one package per target", async () => {
    const out = tempDir();
    const run = await cli(["build", "--target", "all", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    // One zip per target; a target also written unpacked (plain web) has its folder beside its zip.
    const top = fs.readdirSync(out).sort();
    expect(top).toEqual(STANDARDS.flatMap((s) => [`peer-support-training-${s.id}.zip`, ...(s.packager.unpacked ? [`peer-support-training-${s.id}`] : [])]).sort());
    const zips = top.filter((f) => f.endsWith(".zip"));
    expect(zips).toHaveLength(STANDARD_IDS.length);
    for (const id of STANDARD_IDS) expect(zips.some((z) => z === `peer-support-training-${id}.zip`), id).toBe(true);
    expect(run.stdout.match(/^package\s+\S+\.zip: /gm)).toHaveLength(STANDARD_IDS.length);
    expect(run.stdout).toMatch(new RegExp(`^built ${STANDARD_IDS.length} packages? in \\d+ ms$`, "m"));
    for (const z of zips) expect(zipEntryCount(path.join(out, z))).toBeGreaterThan(3);
    expect(listing(run.tmp)).toEqual([]);
  });

  it("--sco-per-session builds the multi-SCO package under its own name", async () => {
    const out = tempDir();
    const run = await cli(["build", "--target", "scorm12", "--sco-per-session", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(listing(out)).toEqual(["peer-support-training-scorm12-per-session.zip"]);
    // 12 sessions plus the final assessment, one launch file each
    expect(run.stdout).toMatch(/^render\s+scorm12: 13 launch files \(\d+ ms\)$/m);
  });
});

describe("code cache", () => {
  // bin/coursewright.js keeps V8's compiled code of the CLI per command; a run must never depend on it.
  const codeFiles = (dir: string): string[] => (fs.existsSync(path.join(dir, "code")) ? fs.readdirSync(path.join(dir, "code")) : []);

  it("is written by the first run of a command, used as it is by the next, and replaced when it is damaged", async () => {
    const cache = tempDir();
    const env = { COURSEWRIGHT_CACHE_DIR: cache };
    const build = (out: string) => runCli(["build", "--target", "web", "--out", out], { env });
    const first = await build(tempDir());
    expect(first.code, first.stderr).toBe(0);
    const [file, ...more] = codeFiles(cache);
    expect(more).toEqual([]);
    expect(file).toMatch(/\.build\.bin$/);
    const written = path.join(cache, "code", file!);
    const size = fs.statSync(written).size;
    expect(size).toBeGreaterThan(100_000); // the functions the build ran, not only the top level
    fs.utimesSync(written, new Date(2020, 0, 1), new Date(2020, 0, 1));

    // Accepted by V8: the next run reads it and does not write it again.
    const second = await build(tempDir());
    expect(second.code, second.stderr).toBe(0);
    expect(fs.statSync(written).mtime.getFullYear()).toBe(2020);

    // Damaged (or made by another V8): rejected, the run goes on as without one, and a good one replaces it.
    fs.writeFileSync(written, Buffer.alloc(size, 7));
    const out = tempDir();
    const third = await build(out);
    expect(third.code, third.stderr).toBe(0);
    expect(listing(out)).toContain("peer-support-training-web.zip");
    expect(fs.readFileSync(written).equals(Buffer.alloc(size, 7))).toBe(false);
  });

  it("a place where no cache can be written (a read-only install) changes nothing but the speed", async () => {
    const blocked = path.join(tempDir(), "a-file");
    fs.writeFileSync(blocked, "");
    const out = tempDir();
    const run = await runCli(["build", "--target", "web", "--out", out], { env: { COURSEWRIGHT_CACHE_DIR: blocked } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(listing(out)).toContain("peer-support-training-web.zip");
  });
});
