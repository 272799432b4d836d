// `npm run bench [-- --check] [-- --runs N]`: build times, package sizes, scale and learner-side figures,
// checked against the budgets of issue 5. Prints a table and writes bench/results.json (see bench/README.md).
// Not a test: CI does not run it, because shared machines are noisy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import { PACKAGE_ROOT } from "../src/paths.js";
import { STANDARD_IDS } from "../src/standards/registry.js";
import { readZip } from "../test/helpers/unzip.js";
import { measureInstall, type InstallResult } from "./install.js";
import { measureLearner, type LearnerResult } from "./learner.js";
import { measureRuntimeParts, type RuntimeParts } from "./runtime-parts.js";
import { kib, machine, mib, msText, range, stats, table, timeNode, type Machine, type ProcessRun, type Stats } from "./measure.js";
import { fullProgressSuspendData, pooledSuspendData, SUSPEND_DATA_LIMIT, type SuspendFigures } from "./suspend.js";
import { writeSyntheticCourse, type SyntheticShape } from "./synthetic.js";
import { measureWatch, type WatchResult } from "./watch.js";

const CLI = "bin/coursewright.js";
const RESULTS = path.join(PACKAGE_ROOT, "bench", "results.json");
const CHILD_FLAG = "--child-inprocess";
const RESULT_PREFIX = "CW_BENCH_RESULT ";

interface BuildConfig {
  readonly label: string;
  readonly targets: readonly string[];
  readonly scoPerSession: boolean;
}

const CONFIGS: readonly BuildConfig[] = [
  { label: "scorm12", targets: ["scorm12"], scoPerSession: false },
  { label: "scorm12 --sco-per-session", targets: ["scorm12"], scoPerSession: true },
  { label: "tincan", targets: ["tincan"], scoPerSession: false },
  { label: "all", targets: ["all"], scoPerSession: false },
];

const SCALE: readonly (SyntheticShape & { readonly pages: number })[] = [
  { pages: 10, sessions: 1, pagesPerSession: 10, questionsPerCheck: 6, assessmentQuestions: 12 },
  { pages: 100, sessions: 10, pagesPerSession: 10, questionsPerCheck: 6, assessmentQuestions: 12 },
  { pages: 1000, sessions: 100, pagesPerSession: 10, questionsPerCheck: 6, assessmentQuestions: 12 },
];

// ---- in-process builds (in a child process each, so that peak RSS belongs to one configuration) --------

interface InProcessConfig {
  readonly content: string;
  readonly targets: readonly string[];
  readonly scoPerSession: boolean;
  readonly runs: number;
  readonly tmp: string;
}

interface InProcessResult {
  /** The first build in a fresh process (modules already imported): esbuild starts, the runtime is bundled. */
  readonly coldMs: number;
  /** Later builds in the same process: the bundled runtime is cached by src/runtime/bundle.ts. */
  readonly warm: Stats;
  /** Median ms per pipeline step over the warm runs (render/runtime/package summed over targets). */
  readonly steps: Record<string, number>;
  readonly maxRssKb: number;
}

function allTargets(targets: readonly string[]): string[] {
  return targets.includes("all") ? [...STANDARD_IDS] : [...targets];
}

async function childInProcess(config: InProcessConfig): Promise<void> {
  const times: number[] = [];
  const stepRuns: Record<string, number[]> = {};
  let coldMs = 0;
  for (let i = 0; i <= config.runs; i++) {
    const out = fs.mkdtempSync(path.join(config.tmp, "inproc-"));
    const steps: Record<string, number> = {};
    const t0 = performance.now();
    await build({
      contentDir: config.content,
      outDir: out,
      targets: allTargets(config.targets),
      scoPerSession: config.scoPerSession,
      onStep: (step, detail) => {
        const ms = Number(/\((\d+) ms\)\s*$/.exec(detail)?.[1] ?? Number.NaN);
        if (Number.isFinite(ms)) steps[step] = (steps[step] ?? 0) + ms;
      },
    });
    const elapsed = performance.now() - t0;
    fs.rmSync(out, { recursive: true, force: true });
    if (i === 0) {
      coldMs = elapsed;
      continue;
    }
    times.push(elapsed);
    for (const [k, v] of Object.entries(steps)) (stepRuns[k] ??= []).push(v);
  }
  const result: InProcessResult = {
    coldMs,
    warm: stats(times),
    steps: Object.fromEntries(Object.entries(stepRuns).map(([k, v]) => [k, stats(v).median])),
    maxRssKb: process.resourceUsage().maxRSS,
  };
  console.log(RESULT_PREFIX + JSON.stringify(result));
}

function runChild(config: InProcessConfig): Promise<InProcessResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [self, CHILD_FLAG, JSON.stringify(config)], { cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`in-process build of ${config.targets.join(",")} failed (exit ${code})`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as InProcessResult);
    });
  });
}

// ---- CLI processes --------------------------------------------------------------------------------

interface CliResult {
  readonly wall: Stats;
  /** User + system CPU time (GNU time's 10 ms resolution). */
  readonly cpu: Stats | null;
  readonly maxRssKb: number;
  /** Median ms per step as the CLI prints them; `outside steps` = wall − their sum (node start-up, imports, exit). */
  readonly steps: Record<string, number>;
}

/** bin/coursewright.js switches lib/current to a new build when src/ changed: its mtime tells a recompile. */
const CLI_POINTER = path.join(PACKAGE_ROOT, "lib", "current");
const cliOutput = (): number => (fs.existsSync(CLI_POINTER) ? fs.statSync(CLI_POINTER).mtimeMs : 0);

/** One warm-up, then `runs` timed runs of `node bin/coursewright.js <args>`; a run during which lib/ was
 * recompiled (someone saved a file in src/) is discarded and repeated. */
async function timeCli(args: (out: string) => string[], runs: number, tmp: string, script = CLI): Promise<CliResult> {
  const results: ProcessRun[] = [];
  for (let i = 0, discarded = 0; i <= runs; ) {
    const out = fs.mkdtempSync(path.join(tmp, "cli-"));
    const before = cliOutput();
    const run = await timeNode(script, args(out), tmp, PACKAGE_ROOT);
    fs.rmSync(out, { recursive: true, force: true });
    if (run.code !== 0) throw new Error(`coursewright ${args("OUT").join(" ")} exited with ${run.code}:\n${run.stderr}`);
    if (cliOutput() !== before && i > 0 && discarded < 5) {
      discarded++;
      continue;
    }
    if (i > 0) results.push(run);
    i++;
  }
  const stepRuns: Record<string, number[]> = {};
  for (const r of results) {
    const steps: Record<string, number> = {};
    for (const m of r.stdout.matchAll(/^(\w+)\s+.*\((\d+) ms\)\s*$/gm)) steps[m[1] ?? ""] = (steps[m[1] ?? ""] ?? 0) + Number(m[2]);
    steps["outside steps"] = r.ms - Object.values(steps).reduce((a, b) => a + b, 0);
    for (const [k, v] of Object.entries(steps)) (stepRuns[k] ??= []).push(v);
  }
  return {
    wall: stats(results.map((r) => r.ms)),
    cpu: results.every((r) => r.cpuMs !== null) ? stats(results.map((r) => r.cpuMs ?? 0)) : null,
    maxRssKb: Math.max(...results.map((r) => r.maxRssKb ?? 0)),
    steps: Object.fromEntries(Object.entries(stepRuns).map(([k, v]) => [k, stats(v).median])),
  };
}

const buildArgs = (c: BuildConfig, content = "content") => (out: string): string[] => [
  "build",
  "--target",
  c.targets[0] ?? "all",
  ...(c.scoPerSession ? ["--sco-per-session"] : []),
  "--content",
  content,
  "--out",
  out,
];

// ---- package contents -----------------------------------------------------------------------------

interface OutputFigures {
  readonly package: string;
  readonly target: string;
  readonly zipBytes: number;
  readonly files: number;
  readonly runtimeJs: { raw: number; gzip: number };
  readonly css: { raw: number; gzip: number };
  readonly html: { raw: number; gzip: number; files: number };
}

const gzip = (b: Buffer): number => zlib.gzipSync(b, { level: 9 }).length;

function analyseZip(file: string, target: string): OutputFigures {
  const entries = readZip(file);
  const sum = (pred: (name: string) => boolean): { raw: number; gzip: number; files: number } => {
    let raw = 0;
    let gz = 0;
    let files = 0;
    for (const [name, data] of entries) {
      if (!pred(name)) continue;
      raw += data.length;
      gz += gzip(data);
      files++;
    }
    return { raw, gzip: gz, files };
  };
  const js = sum((n) => n === "assets/coursewright.js");
  const css = sum((n) => n.endsWith(".css"));
  return {
    package: path.basename(file),
    target,
    zipBytes: fs.statSync(file).size,
    files: entries.size,
    runtimeJs: { raw: js.raw, gzip: js.gzip },
    css: { raw: css.raw, gzip: css.gzip },
    html: sum((n) => n.endsWith(".html")),
  };
}

function unpack(zip: string, dir: string): void {
  for (const [name, data] of readZip(zip)) {
    const file = path.join(dir, ...name.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
}

// ---- budgets --------------------------------------------------------------------------------------

interface Budget {
  readonly name: string;
  readonly value: number | null;
  readonly limit: number;
  readonly unit: "ms" | "bytes" | "chars" | "commits";
  /** null: could not be measured (e.g. no Chromium) — neither PASS nor FAIL. */
  readonly pass: boolean | null;
}

function budget(name: string, value: number | null, limit: number, unit: Budget["unit"]): Budget {
  return { name, value, limit, unit, pass: value === null || Number.isNaN(value) ? null : value <= limit };
}

function formatValue(b: Budget, v: number): string {
  switch (b.unit) {
    case "ms":
      return msText(v);
    case "bytes":
      return kib(v);
    case "chars":
      return `${v.toLocaleString("en")} chars`;
    case "commits":
      return `${Number(v.toFixed(2))}`;
  }
}

function budgetLine(b: Budget): string {
  if (b.pass === null || b.value === null) return `  SKIP  ${b.name}: not measured (≤ ${formatValue(b, b.limit)})`;
  const over = b.value - b.limit;
  const detail = b.pass ? "" : `  — over by ${formatValue(b, over)} (${Math.round((100 * b.value) / b.limit)}% of budget)`;
  return `  ${b.pass ? "PASS" : "FAIL"}  ${b.name}: ${formatValue(b, b.value)} ≤ ${formatValue(b, b.limit)}${detail}`;
}

// ---- main -----------------------------------------------------------------------------------------

interface ScaleRow {
  readonly pages: number;
  readonly sessions: number;
  readonly questions: number;
  readonly sourceBytes: number;
  readonly cli: CliResult;
  readonly zips: Record<string, number>;
  readonly suspend: SuspendFigures;
  readonly html: { raw: number; gzip: number; files: number } | null;
  /** The SCORM 1.2 package in Chromium: 3 launches, 5 page turns each. */
  readonly learner: LearnerResult;
}

/** The commit measured, and whether the working tree had uncommitted changes (they are measured too). */
function sourceVersion(): { commit: string; dirty: boolean } {
  const git = (...args: string[]): string => spawnSync("git", args, { cwd: PACKAGE_ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  return { commit: git("rev-parse", "--short", "HEAD") || "unknown", dirty: git("status", "--porcelain", "--", "src", "templates", "bin", "content", "package.json") !== "" };
}

interface Results {
  readonly date: string;
  readonly source: { commit: string; dirty: boolean };
  readonly machine: Machine;
  readonly runs: number;
  readonly course: string;
  readonly build: { label: string; inProcess: InProcessResult; cli: CliResult }[];
  readonly cliStartup: CliResult;
  readonly nodeStartup: CliResult;
  readonly output: OutputFigures[];
  /** Absent in results written before the optional runtime features. */
  readonly runtime?: RuntimeParts[];
  readonly suspendRealCourse: SuspendFigures;
  /** The real course with a 200-question pool, 20 drawn, as its assessment (largest of 200 draws); absent before issue 12. */
  readonly suspendPool?: SuspendFigures & { readonly pool: number; readonly drawn: number };
  readonly scale: ScaleRow[];
  readonly learner: LearnerResult;
  /** Preview's watch mode: a saved page edit to the rebuilt package served; absent before issue 14's watch work. */
  readonly watch?: readonly WatchResult[];
  /** Absent in results written before issue 11. */
  readonly install?: InstallResult | { readonly skipped: string };
  readonly budgets: Budget[];
}

let loadMax = 0;

/** Progress on stderr; samples the load average at every step, so the report can say how noisy the run was. */
function log(message: string): void {
  loadMax = Math.max(loadMax, os.loadavg()[0] ?? 0);
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      check: { type: "boolean" },
      runs: { type: "string" },
      "no-write": { type: "boolean" },
      report: { type: "boolean" },
    },
  });
  if (values.report) {
    // Print the table of the last run again, from bench/results.json, without measuring anything.
    const stored = JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Results;
    console.log(report(stored));
    return values.check && stored.budgets.some((b) => b.pass === false) ? 1 : 0;
  }
  const runs = Math.max(1, Number(values.runs ?? 5) || 5);
  const loadStart = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cw-bench-"));
  try {
    process.chdir(PACKAGE_ROOT);
    const course = loadCourse("content");
    const pageCount = course.sessions.reduce((n, s) => n + s.pages.length, 0);
    const questionCount = course.sessions.reduce((n, s) => n + (s.check?.questions.length ?? 0), 0) + (course.assessment?.questions.length ?? 0);
    const courseText = `${course.slug}: ${course.sessions.length} sessions, ${pageCount} pages, ${questionCount} questions, ${course.assets.length} images`;

    // build
    log(`build: warming up ${CLI} (recompiles lib/ if src/ changed)`);
    await timeNode(CLI, ["--version"], tmp, PACKAGE_ROOT);
    const buildRows: Results["build"] = [];
    for (const c of CONFIGS) {
      log(`build: ${c.label}, in-process`);
      const inProcess = await runChild({ content: "content", targets: c.targets, scoPerSession: c.scoPerSession, runs, tmp });
      log(`build: ${c.label}, CLI process`);
      const cli = await timeCli(buildArgs(c), runs, tmp);
      buildRows.push({ label: c.label, inProcess, cli });
    }
    log("build: CLI start-up only (--version)");
    const cliStartup = await timeCli(() => ["--version"], runs, tmp);
    log("build: node start-up only (empty script)");
    const empty = path.join(tmp, "empty.mjs");
    fs.writeFileSync(empty, "");
    const nodeStartup = await timeCli(() => [], runs, tmp, empty);

    // output
    log("output: building every package of the real course");
    const dist = path.join(tmp, "dist");
    const reports = [
      ...(await build({ contentDir: "content", outDir: dist, targets: STANDARD_IDS })),
      ...(await build({ contentDir: "content", outDir: dist, targets: ["scorm12"], scoPerSession: true })),
    ];
    const output = reports.map((r) => analyseZip(path.join(dist, r.file), r.target));
    const runtime = await measureRuntimeParts(course);
    const suspendRealCourse = fullProgressSuspendData(course);
    const suspendPool = pooledSuspendData(course, 200, 20);

    // scale
    const scale: ScaleRow[] = [];
    for (const shape of SCALE) {
      log(`scale: ${shape.pages} pages`);
      const dir = path.join(tmp, `synthetic-${shape.pages}`);
      const synthetic = writeSyntheticCourse(dir, shape);
      const cli = await timeCli(buildArgs({ label: "all", targets: ["all"], scoPerSession: false }, dir), runs, tmp);
      const out = path.join(tmp, `synthetic-${shape.pages}-dist`);
      const built = await build({ contentDir: dir, outDir: out, targets: STANDARD_IDS });
      const scormFile = built.find((b) => b.target === "scorm12")?.file;
      if (scormFile) unpack(path.join(out, scormFile), path.join(out, "unpacked"));
      log(`scale: ${shape.pages} pages, learner`);
      const learner = scormFile ? await measureLearner(path.join(out, "unpacked"), 3, 5) : { skipped: "no SCORM 1.2 package" };
      scale.push({
        pages: synthetic.pages,
        sessions: synthetic.sessions,
        questions: synthetic.questions,
        sourceBytes: synthetic.sourceBytes,
        cli,
        zips: Object.fromEntries(built.map((r) => [r.target, r.bytes])),
        suspend: fullProgressSuspendData(loadCourse(dir)),
        html: scormFile ? analyseZip(path.join(out, scormFile), "scorm12").html : null,
        learner,
      });
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }

    // learner
    log("learner: headless Chromium");
    const scormZip = output.find((o) => o.target === "scorm12" && !o.package.includes("per-session"));
    const unpacked = path.join(tmp, "unpacked");
    if (scormZip) unpack(path.join(dist, scormZip.package), unpacked);
    const learner = await measureLearner(unpacked, Math.max(2 * runs, 10));

    // watch (issue 14): preview of a copy of the real course, one page edited and saved again and again
    log("watch: preview of the real course, a page saved → the rebuilt package served");
    const watch = [await measureWatch(tmp, Math.max(2 * runs, 10), false), await measureWatch(tmp, Math.max(2 * runs, 10), true)];

    // install (issue 11 §1): the packed tarball into an empty folder, warm npm cache
    log("install: npm pack, then npm i -D <tarball> into an empty folder (warm cache)");
    let install: InstallResult | { skipped: string };
    try {
      install = measureInstall(tmp);
    } catch (err) {
      install = { skipped: (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "failed" };
    }

    // budgets
    const all = buildRows.find((r) => r.label === "all");
    const big = scale.find((s) => s.pages === 1000);
    const budgets: Budget[] = [
      budget("real course, all targets, CLI process wall (median)", all?.cli.wall.median ?? null, 500, "ms"),
      ...output.map((o) => budget(`zip ${o.package}`, o.zipBytes, 150 * 1024, "bytes")),
      ...output.filter((o) => !o.package.includes("per-session")).map((o) => budget(`runtime JS gzip (${o.target})`, o.runtimeJs.gzip, 12 * 1024, "bytes")),
      budget("CSS gzip", output[0]?.css.gzip ?? null, 8 * 1024, "bytes"),
      budget("1,000-page course, all targets, CLI process wall (median)", big?.cli.wall.median ?? null, 5000, "ms"),
      budget(`1,000-page course, suspend_data as stored at full progress (${big?.suspend.storedForm ?? "?"} form)`, big?.suspend.stored ?? null, SUSPEND_DATA_LIMIT, "chars"),
      budget("200-question pool, 20 drawn, suspend_data full form at full progress (largest draw)", suspendPool.full, SUSPEND_DATA_LIMIT, "chars"),
      budget("first page interactive from SCO launch (median)", "skipped" in learner ? null : learner.interactiveFromFrameStart.median, 150, "ms"),
      ...watch.map((w) => budget(`watch: page saved → rebuilt package served, ${w.label} (median)`, w.saveToServed.median, 30, "ms")),
      budget("LMSCommit calls per page turn", "skipped" in learner ? null : learner.commitsPerTurn, 1, "commits"),
      budget("build-only install of the packed tarball, warm cache (npm i -D)", "skipped" in install ? null : install.ms, 20_000, "ms"),
      budget("build-only install, node_modules size (du)", "skipped" in install ? null : install.installedBytes, 40 * 1024 * 1024, "bytes"),
    ];

    const results: Results = {
      date: new Date().toISOString(),
      source: sourceVersion(),
      machine: machine(loadStart, loadMax),
      runs,
      course: courseText,
      build: buildRows,
      cliStartup,
      nodeStartup,
      output,
      runtime,
      suspendRealCourse,
      suspendPool,
      scale,
      learner,
      watch,
      install,
      budgets,
    };
    console.log(report(results));
    if (!values["no-write"]) {
      const rounded = (_key: string, v: unknown): unknown => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v);
      fs.writeFileSync(RESULTS, JSON.stringify(results, rounded, 2) + "\n");
      console.log(`\nwrote ${path.relative(PACKAGE_ROOT, RESULTS)}`);
    }
    const failed = budgets.filter((b) => b.pass === false).length;
    if (values.check && failed > 0) {
      console.log(`${failed} budget${failed === 1 ? "" : "s"} failed`);
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function report(r: Results): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Coursewright bench — ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, node ${m.node}, load ${m.load.start} at start, ${m.load.max} at most, ${m.load.end} at end; ${r.runs} runs after a warm-up; KB = 1,024 bytes`);
  out.push(`source: ${r.source.commit}${r.source.dirty ? " plus uncommitted changes in src/, templates/, bin/, content/ or package.json" : ""}; ${r.date}`);
  // The bench itself adds about 1 to the load average (2–3 while Chromium runs), so only more than that means other work.
  if (m.load.start > 1 || m.load.max > m.cpus + 1) {
    out.push(`WARNING: the machine was busy with other work (1-minute load average ${m.load.start} at start, ${m.load.max} at most, ${m.cpus} cores): the timings are inflated.`);
  }

  out.push(`\nbuild — real course (${r.course})`);
  const stepText = (steps: Record<string, number>): string =>
    Object.entries(steps)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(", ");
  out.push(
    table(
      ["", "median", "min–max", "CPU median", "peak RSS"],
      [
        ...r.build.map((b) => [`in-process ${b.label}`, msText(b.inProcess.warm.median), range(b.inProcess.warm), "", mib(b.inProcess.maxRssKb)]),
        ...r.build.map((b) => [`in-process ${b.label}, first build in the process`, msText(b.inProcess.coldMs), "", "", ""]),
        ...[...r.build.map((b): [string, CliResult] => [`CLI process ${b.label}`, b.cli]), ["CLI process start-up only (coursewright --version)", r.cliStartup] as [string, CliResult], ["node start-up only (empty script)", r.nodeStartup] as [string, CliResult]].map(
          ([label, c]) => [label, msText(c.wall.median), range(c.wall), c.cpu ? msText(c.cpu.median) : "–", mib(c.maxRssKb)],
        ),
      ],
    ),
  );
  out.push("  where the time goes (median ms per step; the CLI's own step timings):");
  for (const b of r.build) out.push(`    CLI ${b.label}: ${stepText(b.cli.steps)}`);
  for (const b of r.build) out.push(`    in-process ${b.label} (runtime bundle cached): ${stepText(b.inProcess.steps)}`);

  out.push("\noutput — real course");
  out.push(
    table(
      ["package", "zip", "files", "runtime JS", "JS gzip", "CSS", "CSS gzip", "HTML", "HTML gzip"],
      r.output.map((o) => [o.package, kib(o.zipBytes), String(o.files), kib(o.runtimeJs.raw), kib(o.runtimeJs.gzip), kib(o.css.raw), kib(o.css.gzip), kib(o.html.raw), kib(o.html.gzip)]),
    ),
  );
  if (r.runtime?.[0]) {
    const ids = Object.keys(r.runtime[0].features);
    const bytes = (n: number): string => `${n.toLocaleString("en")} B`;
    out.push(`\nruntime — gzip per standard: the core, each optional feature (alone / added to the core), what the real course loads (${r.runtime[0].realCourse.features.join(" + ") || "the core alone"}), every feature`);
    out.push(
      table(
        ["target", "core", ...ids, "real course", "every feature"],
        r.runtime.map((x) => [
          x.target,
          bytes(x.core.gzip),
          ...ids.map((id) => `${bytes(x.features[id]?.gzip ?? 0)} / +${bytes(x.features[id]?.added ?? 0)}`),
          bytes(x.realCourse.script.gzip),
          bytes(x.everything.gzip),
        ]),
      ),
    );
  }
  const s = r.suspendRealCourse;
  out.push(`  suspend_data at full progress (single SCO): ${s.full} chars full, ${s.compact} compact; stored: ${s.stored} (${s.storedForm})`);
  const p = r.suspendPool;
  if (p) out.push(`  suspend_data with a ${p.pool}-question pool, ${p.drawn} drawn (largest of 200 draws): ${p.full} chars full, ${p.compact} compact; stored: ${p.stored} (${p.storedForm}); before submitting: ${p.beforeSubmit.full} full`);

  out.push("\nscale — synthetic courses (10 pages and a 6-question knowledge check per session, 12-question assessment; CLI --target all)");
  const added = (i: number, f: (x: ScaleRow) => number): string => {
    const prev = r.scale[i - 1];
    const x = r.scale[i];
    return prev && x ? ((f(x) - f(prev)) / (x.pages - prev.pages)).toFixed(1) : "";
  };
  out.push(
    table(
      ["pages", "questions", "source", "build median", "min–max", "CPU median", "ms/page", "ms/added page", "peak RSS"],
      r.scale.map((x, i) => [
        String(x.pages),
        String(x.questions),
        kib(x.sourceBytes),
        msText(x.cli.wall.median),
        range(x.cli.wall),
        x.cli.cpu ? msText(x.cli.cpu.median) : "–",
        (x.cli.wall.median / x.pages).toFixed(1),
        added(i, (y) => y.cli.wall.median),
        mib(x.cli.maxRssKb),
      ]),
    ),
  );
  out.push("");
  out.push(
    table(
      ["pages", "scorm12 zip", "bytes/page", "bytes/added page", "tincan zip", "suspend_data full", "compact", "stored", "chars/page", "before submit"],
      r.scale.map((x, i) => [
        String(x.pages),
        kib(x.zips.scorm12 ?? 0),
        String(Math.round((x.zips.scorm12 ?? 0) / x.pages)),
        added(i, (y) => y.zips.scorm12 ?? 0),
        kib(x.zips.tincan ?? 0),
        String(x.suspend.full),
        String(x.suspend.compact),
        `${x.suspend.stored} (${x.suspend.storedForm})`,
        (x.suspend.stored / x.pages).toFixed(2),
        String(x.suspend.beforeSubmit.stored),
      ]),
    ),
  );
  out.push("");
  out.push(
    table(
      ["pages", "HTML (single SCO)", "HTML gzip", "first page interactive", "min–max", "page turn: click → commit", "calls / turn", "commits / turn"],
      r.scale.map((x) => {
        const l = x.learner;
        const html = [x.html ? kib(x.html.raw) : "", x.html ? kib(x.html.gzip) : ""];
        if ("skipped" in l) return [String(x.pages), ...html, "skipped", "", "", "", ""];
        return [
          String(x.pages),
          ...html,
          msText(l.interactiveFromFrameStart.median),
          range(l.interactiveFromFrameStart),
          `${l.turnToCommitMs.median.toFixed(1)} ms`,
          l.callsPerTurn.toFixed(1),
          l.commitsPerTurn.toFixed(2),
        ];
      }),
    ),
  );
  out.push("  learner at scale: the SCORM 1.2 package in headless Chromium as below, 3 launches × 5 page turns; interactive from the SCO's launch.");
  out.push("  suspend_data: full = every answer kept; compact = answers already sent as interactions left out; stored = what the");
  out.push("  SCORM 1.2 runtime writes (full if ≤ 4,096 chars, else compact); before submit = stored, with the assessment answered, not submitted.");
  out.push("  steps (median ms):");
  for (const x of r.scale) out.push(`    ${x.pages} pages: ${stepText(x.cli.steps)}`);

  out.push("\nlearner — SCORM 1.2 package in an LMS frame with a recording API stub, headless Chromium");
  const l = r.learner;
  if ("skipped" in l) out.push(`  skipped: ${l.skipped}`);
  else {
    out.push(
      table(
        ["", "median", "min–max"],
        [
          ["first page interactive, from SCO launch (frame navigation start)", msText(l.interactiveFromFrameStart.median), range(l.interactiveFromFrameStart)],
          ["first page interactive, from LMS page navigation start", msText(l.interactiveFromLaunch.median), range(l.interactiveFromLaunch)],
          ...(l.firstPaintFromLaunch ? [["first contentful paint of the SCO, from LMS page navigation start", msText(l.firstPaintFromLaunch.median), range(l.firstPaintFromLaunch)]] : []),
          ["page turn: click → LMSCommit", `${l.turnToCommitMs.median.toFixed(1)} ms`, range(l.turnToCommitMs, (n) => `${n.toFixed(1)} ms`)],
        ],
      ),
    );
    out.push(`  SCO frame timeline (median ms from LMS page navigation start): ${Object.entries(l.timeline).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ")}`);
    out.push(`  launch: ${l.launchCalls} SCORM calls, ${l.launchCommits} LMSCommit; per page turn (${l.pageTurns} turns × ${l.interactiveFromLaunch.runs.length} launches): ${l.callsPerTurn.toFixed(1)} calls, ${l.setValuesPerTurn.toFixed(1)} LMSSetValue, ${l.commitsPerTurn.toFixed(2)} LMSCommit`);
    out.push(`  browser: ${l.browser}`);
  }

  if (r.watch) {
    out.push("\nwatch — preview of a copy of the real course (SCORM 1.2): one page file written, until preview serves the rebuilt package");
    out.push(
      table(
        ["", "saved → served, median", "min–max", "the rebuild alone, median"],
        r.watch.map((w) => [`${w.label} (${w.page})`, msText(w.saveToServed.median), range(w.saveToServed), msText(w.rebuild.median)]),
      ),
    );
  }

  if (r.install) {
    out.push("\ninstall — npm pack, then npm i -D <tarball> into an empty folder, warm npm cache (build-only: no optional peers)");
    if ("skipped" in r.install) out.push(`  skipped: ${r.install.skipped}`);
    else out.push(`  tarball ${kib(r.install.tarballBytes)}; install ${msText(r.install.ms)}; node_modules ${mib(r.install.installedBytes / 1024)} (du), ${r.install.packages} packages`);
  }

  out.push("\nbudgets");
  out.push(...r.budgets.map(budgetLine));
  return out.join("\n");
}

if (process.argv[2] === CHILD_FLAG) {
  childInProcess(JSON.parse(process.argv[3] ?? "{}") as InProcessConfig).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
