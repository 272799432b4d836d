// Preview's folders under the state dir (default .coursewright/): one run folder per running preview
// (`run-<target>-<pid>`) holding each build (`build-<n>/`, the package as the folder an LMS unpacks it into). The attempt file and the LRS database
// sit beside the run folders and outlive them; the run folder is removed when preview stops, and a run
// folder left by a preview that was killed is removed by the next one.
import fs from "node:fs";
import path from "node:path";

const RUN_FOLDER = /^run-[a-z0-9-]+-(\d+)$/;

export class Workspace {
  readonly runDir: string;
  private builds = 0;

  constructor(
    readonly stateDir: string,
    target: string,
  ) {
    fs.mkdirSync(stateDir, { recursive: true });
    removeStaleRuns(stateDir);
    this.runDir = path.join(stateDir, `run-${target}-${process.pid}`);
    fs.rmSync(this.runDir, { recursive: true, force: true });
    fs.mkdirSync(this.runDir, { recursive: true });
  }

  /** A new, empty folder for the next build (the one before it is served until this one is ready). */
  nextBuild(): string {
    const dir = path.join(this.runDir, `build-${++this.builds}`);
    fs.rmSync(dir, { recursive: true, force: true });
    return dir;
  }

  /** Removes `dir` in the background: a served rebuild does not wait for an old build's files to go. */
  remove(dir: string): void {
    fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {
      /* gone with the run folder, or left for the next preview's clean-up */
    });
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
