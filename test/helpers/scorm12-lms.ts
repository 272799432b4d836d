// An LMS player in jsdom: scorm-again's Scorm12API as `window.API` on the player page, the SCO in an
// iframe (as Moodle nests it). Every call is recorded and checked by Scorm12CallLog; what the LMS keeps
// between launches is only what the SCO committed.
import { courseStarted, enterCourse } from "./course-entry.js";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";
import { Scorm12API } from "scorm-again";
import { Scorm12CallLog } from "../../src/standards/scorm12/verify/call-rules.js";

/** The subset of committed CMI an LMS keeps and hands back on the next launch. */
export interface StoredCmi {
  readonly core: Record<string, unknown>;
  readonly suspend_data: string;
  readonly objectives: Record<string, unknown>;
  readonly interactions: Record<string, unknown>;
}

export interface CmiJson {
  cmi: {
    suspend_data: string;
    core: {
      lesson_location: string;
      lesson_status: string;
      entry: string;
      exit: string;
      session_time: string;
      score: { raw: string; min: string; max: string };
    };
    objectives: Record<string, { id: string; status: string; score: { raw: string; min: string; max: string } }>;
    interactions: Record<
      string,
      {
        id: string;
        type: string;
        student_response: string;
        result: string;
        weighting: string;
        latency: string;
        time: string;
        objectives: Record<string, { id: string }>;
        correct_responses: Record<string, { pattern: string }>;
      }
    >;
  };
}

/** scorm-again's LogLevelEnum.WARN (the enum is a type-only export of the ESM build). */
const WARN = 3;

export interface LmsLaunch {
  readonly api: Scorm12API;
  readonly log: Scorm12CallLog;
  readonly dom: JSDOM;
  readonly win: Window;
  readonly doc: Document;
  /** scorm-again log lines at WARN or above, and errors printed by the page. */
  readonly errors: string[];
  /** CMI as of the last LMSCommit (or LMSFinish): what a real LMS has on its server. */
  committed(): CmiJson;
  /** Everything set so far, committed or not. */
  live(): CmiJson;
  /** The learner leaves: `polite` fires pagehide (the normal unload), otherwise the frame just dies. */
  close(polite: boolean): void;
}

export async function launchScorm12(dir: string, file = "index.html", stored?: StoredCmi, reuse?: Scorm12API, stayOnCover = false): Promise<LmsLaunch> {
  const errors: string[] = [];
  // `reuse`: the player keeps one API object for every SCO, as Moodle's does.
  const api = reuse ?? new Scorm12API({
    autocommit: false,
    lmsCommitUrl: false,
    logLevel: WARN,
    onLogMessage: (level: unknown, message: unknown) => {
      if (Number(level) >= WARN) errors.push(`scorm-again: ${String(message)}`);
    },
  });
  if (stored) api.loadFromJSON(stored as unknown as Record<string, unknown>);
  let committed = JSON.parse(api.renderCMIToJSONString()) as CmiJson;
  const snapshot = (): void => {
    committed = JSON.parse(api.renderCMIToJSONString()) as CmiJson;
  };
  api.on("LMSCommit", snapshot);
  api.on("LMSFinish", snapshot);
  const log = new Scorm12CallLog();

  const virtualConsole = new VirtualConsole();
  virtualConsole.on("error", (...args: unknown[]) => errors.push(`console.error: ${args.map(String).join(" ")}`));
  virtualConsole.on("warn", (...args: unknown[]) => errors.push(`console.warn: ${args.map(String).join(" ")}`));
  virtualConsole.on("jsdomError", (e: Error) => errors.push(`jsdom: ${e.message}`));

  const launchUrl = pathToFileURL(path.join(dir, file)).href;
  const dom = new JSDOM(`<!doctype html><html><body><iframe id="sco" src="${launchUrl}"></iframe></body></html>`, {
    url: pathToFileURL(path.join(dir, "player.html")).href,
    runScripts: "dangerously",
    resources: "usable",
    virtualConsole,
    beforeParse(window) {
      (window as unknown as { API: unknown }).API = log.wrap(api);
    },
  });
  const frame = dom.window.document.getElementById("sco") as HTMLIFrameElement;
  const win = await waitFor(() => {
    const w = frame.contentWindow;
    return w && w.document.readyState === "complete" && courseStarted(w.document as unknown as Document) ? w : undefined;
  }, "the SCO to start");
  if (!stayOnCover) enterCourse(win.document as unknown as Document);
  return {
    api,
    log,
    dom,
    win: win as unknown as Window,
    doc: win.document as unknown as Document,
    errors,
    committed: () => committed,
    live: () => JSON.parse(api.renderCMIToJSONString()) as CmiJson,
    close(polite) {
      if (polite) win.dispatchEvent(new (win as unknown as typeof globalThis).Event("pagehide"));
      dom.window.close();
    },
  };
}

/** Runs an untracked launch: the SCO page opened directly, with no LMS around it. */
export async function openWithoutLms(dir: string, file = "index.html"): Promise<{ dom: JSDOM; doc: Document; errors: string[] }> {
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("error", (...args: unknown[]) => errors.push(args.map(String).join(" ")));
  virtualConsole.on("jsdomError", (e: Error) => errors.push(e.message));
  const dom = await JSDOM.fromFile(path.join(dir, file), { runScripts: "dangerously", resources: "usable", virtualConsole });
  await waitFor(() => courseStarted(dom.window.document as unknown as Document) || undefined, "the page to start");
  enterCourse(dom.window.document as unknown as Document);
  return { dom, doc: dom.window.document as unknown as Document, errors };
}

/** What an LMS hands back on relaunch: the committed data, with entry=resume when exit was suspend. */
export function relaunchData(cmi: CmiJson): StoredCmi {
  const c = cmi.cmi;
  return {
    core: {
      lesson_location: c.core.lesson_location,
      lesson_status: c.core.lesson_status,
      entry: c.core.exit === "suspend" ? "resume" : "",
      score: c.core.score,
    },
    suspend_data: c.suspend_data,
    objectives: c.objectives,
    interactions: {},
  };
}

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
