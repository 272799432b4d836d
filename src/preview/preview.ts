// The preview server: builds the course as the folder an LMS unpacks a package into, and serves it in the LMS-like
// player with the tracking panel and the standard's simulated LMS (a file-backed development LRS where it
// plays against an LRS).
// The attempt is a JSON file in the state folder, so close-and-resume works across reloads and restarts.
// Content and template changes rebuild the package and reload the page; a broken edit keeps the last good build.
import path from "node:path";
import { build } from "../build.js";
import { ContentError } from "../content/errors.js";
import { startPreviewLrs, type RunningLrs } from "../lrs/index.js";
import { BUILTIN_TEMPLATES } from "../paths.js";
import { AttemptStore } from "../player/attempt-store.js";
import { startPlayerServer, type PlayerServer } from "../player/server.js";
import { STANDARDS } from "../standards/registry.js";
import type { Standard } from "../standards/standard.js";
import { watchFolders, type Watcher } from "./watch.js";
import { Workspace } from "./workspace.js";

/** The standards preview can play: those with a simulation. */
export const previewStandards = (): readonly Standard[] => STANDARDS.filter((s) => s.simulation);

export interface PreviewOptions {
  readonly target: Standard;
  readonly contentDir: string;
  /** Attempt file, LRS database and the run folders (default .coursewright/ in the cwd). */
  readonly stateDir: string;
  /** 0: any free port. */
  readonly port: number;
  readonly scoPerSession?: boolean;
  /** Rebuild on content and template changes (default true). */
  readonly watch?: boolean;
  /** Progress lines (stdout). */
  readonly log?: (line: string) => void;
  /** Problems (stderr): content errors with file:line after a broken edit. */
  readonly error?: (line: string) => void;
}

export interface Preview {
  readonly url: string;
  readonly attemptFile: string;
  /** The unpacked package being served now. */
  readonly packageDir: string;
  /** Rebuilds now (also what a change triggers); resolves true when the new build is being served. */
  rebuild(reason?: string): Promise<boolean>;
  /** Stops watching, waits for a running build, closes the player and the LRS, removes the run folder. */
  close(): Promise<void>;
}

/** Starts a preview; throws ContentError when the course does not build (nothing is left running). */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const log = options.log ?? (() => {});
  const error = options.error ?? (() => {});
  const stateDir = path.resolve(options.stateDir);
  const contentDir = path.resolve(options.contentDir);
  const workspace = new Workspace(stateDir, options.target.id);

  /** Builds the package as its folder (no zip to deflate and unpack again); its build folder is the package's parent. */
  const buildPackage = async (): Promise<{ dir: string; detail: string }> => {
    const outDir = workspace.nextBuild();
    try {
      const [report] = await build({ contentDir, outDir, targets: [options.target], scoPerSession: Boolean(options.scoPerSession), form: "folder" });
      if (!report) throw new Error("the build produced no package");
      return { dir: path.join(outDir, report.file), detail: `${report.file}/: ${report.entries} files, ${(report.bytes / 1024).toFixed(1)} KB` };
    } catch (err) {
      workspace.remove(outDir);
      throw err;
    }
  };
  /** A build's folder, once nothing serves its package (in the background: nothing waits for its files to go). */
  const discard = (dir: string): void => workspace.remove(path.dirname(dir));

  let lrs: RunningLrs | undefined;
  let player: PlayerServer | undefined;
  let current: string;
  const attemptFile = path.join(stateDir, `attempt-${options.target.id}.json`);
  try {
    const started = performance.now();
    const first = await buildPackage();
    current = first.dir;
    log(`built ${first.detail} in ${Math.round(performance.now() - started)} ms`);
    if (options.target.simulation?.needsLrs) lrs = await startPreviewLrs({ dbFile: path.join(stateDir, "lrs.sqlite") });
    player = await startPlayerServer({
      packageDir: current,
      attempts: AttemptStore.inFile(attemptFile),
      ...(lrs ? { lrs } : {}),
      panel: true,
      port: options.port,
      onError: error,
    });
  } catch (err) {
    await lrs?.close();
    workspace.dispose();
    throw err;
  }
  const server = player;

  let closed = false;
  let running: Promise<void> | undefined;
  let again: string | undefined;

  const rebuildOnce = async (reason: string): Promise<boolean> => {
    const started = performance.now();
    log(`${reason}: rebuilding…`);
    let next: string | undefined;
    try {
      next = (await buildPackage()).dir;
      if (closed) {
        discard(next);
        return false;
      }
      server.setPackage(next);
    } catch (err) {
      if (next) discard(next);
      // A change that came while this build ran starts another at once: this one may have read a file half
      // saved, so only the newest state's problems are worth the author's attention.
      if (again !== undefined) return false;
      if (err instanceof ContentError) {
        const n = err.problems.length;
        error(`error: the course has ${n} problem${n === 1 ? "" : "s"}; still serving the last good build:\n${err.message}`);
      } else {
        error(`error: the rebuild failed; still serving the last good build:\n${err instanceof Error ? err.message : String(err)}`);
      }
      return false;
    }
    const old = current;
    current = next;
    server.notifyReload();
    discard(old);
    log(`rebuilt in ${Math.round(performance.now() - started)} ms; the page reloads and keeps the attempt`);
    return true;
  };

  /** One build at a time; changes that arrive during a build trigger one more build after it. */
  let lastResult = false;
  const rebuild = (reason = "rebuild requested"): Promise<boolean> => {
    if (closed) return Promise.resolve(false);
    if (running) {
      again = reason;
      return running.then(() => lastResult);
    }
    running = (async () => {
      let why: string | undefined = reason;
      while (why !== undefined && !closed) {
        again = undefined;
        lastResult = await rebuildOnce(why);
        why = again;
      }
    })().finally(() => {
      running = undefined;
    });
    return running.then(() => lastResult);
  };

  let watcher: Watcher | undefined;
  if (options.watch ?? true) {
    const inState = (file: string): boolean => file === stateDir || file.startsWith(stateDir + path.sep);
    watcher = watchFolders(
      [contentDir, BUILTIN_TEMPLATES],
      (files) => {
        const shown = files.slice(0, 3).map((f) => path.relative(process.cwd(), f) || f);
        void rebuild(`changed: ${shown.join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""}`);
      },
      { ignore: inState, onError: (dir, err) => error(`warning: stopped watching ${dir}: ${err.message}`) },
    );
  }

  return {
    url: server.url,
    attemptFile,
    get packageDir() {
      return current;
    },
    rebuild,
    async close() {
      if (closed) return;
      closed = true;
      watcher?.close();
      await running;
      await server.close();
      await lrs?.close();
      workspace.dispose();
    },
  };
}
