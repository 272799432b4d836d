// Watch mode (issue 14): preview of a copy of the real course, SCORM 1.2, one page edited and saved `runs`
// times (after a warm-up edit). Each figure runs from the moment the edited file is written to the moment
// preview serves the rebuilt package ("rebuilt in … ms" logged): the watcher's quiet time, the build, the
// switch. Also the build's own figure as preview logs it. One whole-course SCO (every page in one document),
// and one SCO per session, where only the edited session's page has new Markdown to render.
import fs from "node:fs";
import path from "node:path";
import { startPreview } from "../src/preview/preview.js";
import { findStandard } from "../src/standards/registry.js";
import { stats, type Stats } from "./measure.js";

export interface WatchResult {
  readonly label: string;
  /** File written → rebuilt package served. */
  readonly saveToServed: Stats;
  /** The rebuild alone, as preview logs it. */
  readonly rebuild: Stats;
  readonly page: string;
}

/** The first page file of the course's first session, and a sentence added to (then taken from) its body. */
function editablePage(content: string): string {
  const course = fs.readFileSync(path.join(content, "course.yaml"), "utf8");
  const first = /^sessions:\s*\n\s*-\s*(\S+)/m.exec(course)?.[1];
  if (!first) throw new Error("course.yaml lists no session");
  return path.join(content, first);
}

export async function measureWatch(tmp: string, runs: number, scoPerSession: boolean): Promise<WatchResult> {
  const content = path.join(tmp, `watch-content-${scoPerSession ? "sco" : "one"}`);
  fs.cpSync(path.join(process.cwd(), "content"), content, { recursive: true });
  const page = editablePage(content);
  const original = fs.readFileSync(page, "utf8");
  let served: ((ms: number) => void) | undefined;
  const preview = await startPreview({
    target: findStandard("scorm12")!,
    contentDir: content,
    stateDir: path.join(tmp, `watch-state-${scoPerSession ? "sco" : "one"}`),
    port: 0,
    scoPerSession,
    log: (line) => {
      const ms = /^rebuilt in (\d+) ms/.exec(line)?.[1];
      if (ms !== undefined) served?.(Number(ms));
    },
    error: (line) => console.error(line),
  });
  try {
    const total: number[] = [];
    const own: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const done = new Promise<number>((resolve) => (served = resolve));
      // A different text every time (an edit that changes nothing might be skipped by a smarter watcher).
      const started = performance.now();
      fs.writeFileSync(page, `${original.trimEnd()}\n\nEdit ${i} of the bench.\n`);
      const rebuildMs = await done;
      const ms = performance.now() - started;
      if (i > 0) {
        total.push(ms);
        own.push(rebuildMs);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { label: scoPerSession ? "scorm12 --sco-per-session" : "scorm12", saveToServed: stats(total), rebuild: stats(own), page: path.relative(content, page) };
  } finally {
    await preview.close();
    fs.writeFileSync(page, original);
  }
}
