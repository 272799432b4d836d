// The set-up the Chromium tests share, once per test file (or describe block): a copy of the real course with
// course.yaml additions, built and unpacked, served as the LMS-like player (scorm-again in the parent frame)
// and/or as plain files with the named LMS page beside them, and one browser. Registered as the caller's
// beforeAll/afterAll, which stop everything they started.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadCourse } from "../../src/content/load-course.js";
import type { Course } from "../../src/model/course.js";
import { startLrs } from "../../src/lrs/index.js";
import { AttemptStore } from "../../src/player/attempt-store.js";
import { startPlayerServer } from "../../src/player/server.js";
import { chromiumAvailable, openBrowser, serveDir, type Browser } from "./browser.js";
import { buildAndUnpack, type BuiltPackage } from "./built-package.js";
import { ScratchFolder } from "./content-fixture.js";
import { namedLmsFiles } from "./named-lms-frame.js";

export interface PlayOptions {
  /** Lines added to the course's course.yaml (e.g. "certificate: true"). */
  readonly courseYaml?: string;
  /** Changes the copied course folder before it is built (e.g. replaces its `language`). */
  readonly edit?: (contentDir: string) => void;
  readonly target?: string;
  /** Serve the package in the LMS-like player; `{ panel: true }` with its tracking panel. */
  readonly player?: boolean | { readonly panel: boolean };
  /** The player's LMS side talks to a development LRS (src/lrs/) on 127.0.0.1: what an xAPI package plays against. */
  readonly lrs?: boolean;
  /** Serve the package folder as plain files, with `lms.html` and scorm-again beside it (named-lms-frame.ts). */
  readonly files?: boolean;
}

export interface PlayedCourse {
  readonly course: Course;
  readonly pkg: BuiltPackage;
  readonly browser: Browser;
  /** The player's page. */
  readonly playerUrl: string;
  /** Base URL of the package's files (ends in '/'). */
  readonly filesUrl: string;
}

export function playedCourse(options: PlayOptions): PlayedCourse {
  const made: Partial<PlayedCourse> = {};
  const stops: (() => unknown)[] = [];
  beforeAll(async () => {
    if (!chromiumAvailable) return;
    const scratch = new ScratchFolder("cw-played-");
    stops.push(() => scratch.remove());
    const dir = scratch.copyContent("content");
    if (options.courseYaml) fs.appendFileSync(path.join(dir, "course.yaml"), `\n${options.courseYaml}\n`);
    options.edit?.(dir);
    const pkg = await buildAndUnpack({ target: options.target ?? "scorm12", contentDir: dir });
    stops.push(() => pkg.cleanup());
    let playerUrl = "";
    let filesUrl = "";
    if (options.player) {
      const panel = typeof options.player === "object" && options.player.panel;
      const lrs = options.lrs ? await startLrs() : undefined;
      if (lrs) stops.push(() => lrs.close());
      const server = await startPlayerServer({ packageDir: pkg.dir, attempts: AttemptStore.inMemory(), ...(panel ? { panel } : {}), ...(lrs ? { lrs } : {}) });
      stops.push(() => server.close());
      playerUrl = server.url;
    }
    if (options.files) {
      const site = await serveDir(pkg.dir, namedLmsFiles());
      stops.push(() => site.close());
      filesUrl = site.url;
    }
    const browser = await openBrowser();
    stops.push(() => browser.close());
    Object.assign(made, { course: loadCourse(dir), pkg, browser, playerUrl, filesUrl });
  }, 120_000);
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });
  const get = <K extends keyof PlayedCourse>(key: K): PlayedCourse[K] => {
    const value = made[key];
    if (value === undefined) throw new Error(`playedCourse: ${key} is not set up (Chromium missing, or read before beforeAll)`);
    return value as PlayedCourse[K];
  };
  return {
    get course() { return get("course"); },
    get pkg() { return get("pkg"); },
    get browser() { return get("browser"); },
    get playerUrl() { return get("playerUrl"); },
    get filesUrl() { return get("filesUrl"); },
  };
}
