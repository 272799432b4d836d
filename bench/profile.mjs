// Where a CLI build's time goes: `node bench/profile.mjs [bin/coursewright.js] [runs] [course folder]`.
// Runs `build --target all` under `node --cpu-prof` (one warm-up, then `runs`, default 7), files every sample
// of the main thread under a phase by the innermost function on its stack that names one, and prints the
// median ms per phase (bench/README.md, "Where the time goes"). Node's own start-up comes before the profile
// begins: `node -e 0` measures it. A benchmark aid, not a test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [bin = "bin/coursewright.js", runsArg = "7", content = "content"] = process.argv.slice(2);
const args = ["build", "--target", "all", "--content", content];

/** Phases by the function that starts them, innermost wins (a stack in render under build counts as render). */
const BY_FUNCTION = [
  ["content", /^loadCourse$/],
  ["templates", /^loadTemplates$/],
  ["render", /^renderUnit$/],
  ["runtime", /^bundleRuntime$/],
  ["package: zip", /^writeZip$/],
  ["package: control files", /^controlFiles$/],
  ["output: write, move, clean up", /^(replaceFolder|moveOrCopy|writeFolder|rmSync|copyFileSync)$/],
];
const MODULE_LOADING = /^(compileSourceTextModule|loadAndTranslate|getModuleJobForImport|_link|link|#translate|moduleStrategy|commonjsStrategy|defaultResolve|resolve)$/;

function phases(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const known = new Map();
  const phaseOf = (id) => {
    if (known.has(id)) return known.get(id);
    const { functionName: fn, url } = byId.get(id).callFrame;
    let phase;
    if (fn === "(garbage collector)") phase = "garbage collection";
    else if (fn === "(idle)") phase = "idle (waiting for I/O)";
    else if (fn === "(root)" || fn === "(program)") phase = "other";
    else {
      phase = BY_FUNCTION.find(([, re]) => re.test(fn) && !url.startsWith("node:"))?.[0];
      if (!phase && url.startsWith("node:") && MODULE_LOADING.test(fn)) phase = "modules: read, parse";
      if (!phase && fn === "main" && url.endsWith("/cli.js")) phase = "cli: arguments, output";
      if (!phase && fn === "newest" && url.endsWith("/coursewright.js")) phase = "bin: is lib/ current";
      if (!phase) {
        const up = parent.get(id);
        phase = up === undefined ? "other" : phaseOf(up);
        if (phase === "other" && (fn === "evaluate" || (fn === "run" && url.includes("module_job")))) phase = "modules: top-level code";
      }
    }
    known.set(id, phase);
    return phase;
  };
  const ms = {};
  profile.samples.forEach((id, i) => {
    const phase = phaseOf(id);
    ms[phase] = (ms[phase] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  ms["total (profiled)"] = Object.values(ms).reduce((a, b) => a + b, 0);
  return ms;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cw-profile-"));
try {
  const out = path.join(tmp, "out");
  spawnSync(process.execPath, [bin, ...args, "--out", out], { stdio: "ignore" }); // warm-up (and lib/ compiled)
  const runs = [];
  for (let i = 0; i < Number(runsArg); i++) {
    const dir = path.join(tmp, `prof-${i}`);
    const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, bin, ...args, "--out", out], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the build failed:\n${r.stderr}`);
    runs.push(phases(JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), "utf8"))));
  }
  const median = (key) => {
    const v = runs.map((r) => r[key] ?? 0).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const keys = [...new Set(runs.flatMap(Object.keys))].sort((a, b) => median(b) - median(a));
  console.log(`median ms of ${runs.length} CPU profiles of \`${bin} ${args.join(" ")}\`; load ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`);
  for (const k of keys) console.log(`${String(Math.round(median(k))).padStart(6)}  ${k}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
