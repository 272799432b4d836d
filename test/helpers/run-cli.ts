// Runs the command line as a user runs it (`node bin/coursewright.js …` in the repository root), with its
// own empty TMPDIR, and collects exit status and output. `cwd` runs it in an author's folder instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, tempDir } from "./content-fixture.js";

export const BIN = path.join(REPO_ROOT, "bin", "coursewright.js");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The TMPDIR the run used (empty folder before the run). */
  readonly tmp: string;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export function runCli(args: readonly string[], { env = {}, cwd = REPO_ROOT, timeoutMs = 90_000 }: CliOptions = {}): Promise<CliRun> {
  const tmp = tempDir("coursewright-cli-tmp-");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: "1", COURSEWRIGHT_DEBUG: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`coursewright ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, tmp });
    });
  });
}
