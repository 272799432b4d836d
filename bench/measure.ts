// Measurement helpers: statistics, timing a whole CLI process with its peak RSS, machine description.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error("no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, runs: values.map((v) => Math.round(v * 10) / 10) };
}

export interface ProcessRun {
  /** Wall time from spawn to exit, measured by this process. */
  readonly ms: number;
  /** Peak resident set size of the child, KiB (null when it could not be measured). */
  readonly maxRssKb: number | null;
  /** CPU time of the child (user + system, its own child processes included), ms; less sensitive to load than wall time. */
  readonly cpuMs: number | null;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** GNU time; CW_BENCH_TIME=none forces the Node wrapper. */
const TIME = process.env.CW_BENCH_TIME ?? "/usr/bin/time";

/**
 * Runs `node <args>` as a child process and measures its wall time and peak RSS. With GNU time present the
 * child runs under `/usr/bin/time -f %M` (writes the peak RSS to a file, adds ~1 ms); otherwise under a tiny
 * Node wrapper that imports the script and reports `process.resourceUsage().maxRSS` at exit.
 */
export async function timeNode(script: string, args: readonly string[], tmp: string, cwd: string): Promise<ProcessRun> {
  const rssFile = path.join(tmp, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  let cmd: string;
  let argv: string[];
  if (fs.existsSync(TIME)) {
    cmd = TIME;
    argv = ["-f", "%M %U %S", "-o", rssFile, process.execPath, script, ...args];
  } else {
    const wrapper = path.join(tmp, "rss-wrapper.mjs");
    if (!fs.existsSync(wrapper)) {
      fs.writeFileSync(
        wrapper,
        `import fs from "node:fs";\n` +
          `process.on("exit", () => {\n` +
          `  const u = process.resourceUsage();\n` +
          `  fs.writeFileSync(process.env.CW_BENCH_RSS_FILE, [u.maxRSS, u.userCPUTime / 1e6, u.systemCPUTime / 1e6].join(" "));\n` +
          `});\n` +
          // argv: node wrapper <script URL> <args…>: drop the URL so the script sees its own arguments at argv[2].
          `await import(process.argv.splice(2, 1)[0]);\n`,
      );
    }
    cmd = process.execPath;
    argv = [wrapper, pathToFileURL(path.resolve(cwd, script)).href, ...args];
  }
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, CW_BENCH_RSS_FILE: rssFile }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const [code, ms] = await new Promise<[number | null, number]>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (c) => resolve([c, performance.now() - started]));
  });
  await new Promise<void>((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.on("end", () => resolve())));
  let maxRssKb: number | null = null;
  let cpuMs: number | null = null;
  if (fs.existsSync(rssFile)) {
    // "<max RSS KiB> <user s> <system s>" on the last line (GNU time may print a status line before it).
    const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(fs.readFileSync(rssFile, "utf8").trim());
    if (m) {
      maxRssKb = Number(m[1]) || null;
      cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
    }
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, maxRssKb, cpuMs, code, stdout, stderr };
}

export interface Machine {
  readonly cpus: number;
  readonly model: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** 1-minute load average when the bench started, at most during the run, and when it ended: a shared machine is noisy. */
  readonly load: { start: number; max: number; end: number };
}

export function cpuModel(): string {
  const lscpu = spawnSync("lscpu", { encoding: "utf8" });
  const fromLscpu = lscpu.status === 0 ? /^Model name:\s*(.+)$/m.exec(lscpu.stdout)?.[1]?.trim() : undefined;
  return fromLscpu ?? os.cpus()[0]?.model ?? "unknown";
}

export function machine(loadStart: number, loadMax: number): Machine {
  const end = os.loadavg()[0] ?? 0;
  return {
    cpus: os.availableParallelism(),
    model: cpuModel(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    load: { start: loadStart, max: Math.round(Math.max(loadMax, loadStart, end) * 100) / 100, end: Math.round(end * 100) / 100 },
  };
}

// ---- formatting ----------------------------------------------------------------------------------

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const msText = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
export const mib = (kb: number | null): string => (kb === null ? "–" : `${Math.round(kb / 1024)} MB`);
export const range = (s: Stats, f: (n: number) => string = msText): string => `${f(s.min)}–${f(s.max)}`;

/** Left-aligns the first column, right-aligns the others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = "  "): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]): string => indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ").trimEnd();
  return [line(header), indent + widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
