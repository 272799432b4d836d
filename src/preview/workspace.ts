// Preview's folders under the state dir (default .coursewright/): one run folder per running preview
// (`run-<target>-<pid>`) holding the built zip and each unpacked build. The attempt file and the LRS database
// sit beside the run folders and outlive them; the run folder is removed when preview stops, and a run
// folder left by a preview that was killed is removed by the next one.
import fs from "node:fs";
import path from "node:path";
import { readZip } from "../package/read-zip.js";

const RUN_FOLDER = /^run-[a-z0-9-]+-(\d+)$/;

export class Workspace {
  readonly runDir: string;
  /** Where build() writes the zip. */
  readonly distDir: string;
  private unpacked = 0;

  constructor(
    readonly stateDir: string,
    target: string,
  ) {
    fs.mkdirSync(stateDir, { recursive: true });
    removeStaleRuns(stateDir);
    this.runDir = path.join(stateDir, `run-${target}-${process.pid}`);
    this.distDir = path.join(this.runDir, "dist");
    fs.rmSync(this.runDir, { recursive: true, force: true });
    fs.mkdirSync(this.distDir, { recursive: true });
  }

  /** Unpacks `zip` into a new folder (as an LMS does on import) and returns it. */
  unpack(zip: string): string {
    const dir = path.join(this.runDir, `package-${++this.unpacked}`);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [name, data] of readZip(zip)) {
      const file = path.resolve(dir, ...name.split("/"));
      if (!file.startsWith(dir + path.sep)) throw new Error(`${zip}: entry ${name} points outside the package`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    return dir;
  }

  remove(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  dispose(): void {
    fs.rmSync(this.runDir, { recursive: true, force: true });
  }
}

function removeStaleRuns(stateDir: string): void {
  for (const name of fs.readdirSync(stateDir)) {
    const pid = RUN_FOLDER.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) fs.rmSync(path.join(stateDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own pid from an earlier life (e.g. in a container): stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
