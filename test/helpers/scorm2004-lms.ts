// An LMS player for SCORM 2004 in jsdom: scorm-again's Scorm2004API as `window.API_1484_11` on the player
// page, the SCO in an iframe (as Moodle nests it). Every call is recorded for the 2004 rule checker; what
// the LMS keeps between launches is only what the SCO committed.
import { courseStarted, enterCourse } from "./course-entry.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";
import { Scorm2004API } from "scorm-again";
import { build } from "../../src/build.js";
import type { RecordedCall } from "../../src/standards/common/scorm/call-recorder.js";
import { scorm2004 } from "../../src/standards/scorm2004/standard.js";
import { checkScorm2004Calls, type Violation } from "../../src/standards/scorm2004/verify/call-rules.js";
import type { BuiltPackage } from "./built-package.js";
import { waitFor } from "./scorm12-lms.js";
import { readZip } from "./unzip.js";

/** The CMI as scorm-again renders it (strings throughout). */
export interface Cmi2004 {
  cmi: {
    completion_status: string;
    success_status: string;
    entry: string;
    exit: string;
    mode: string;
    location: string;
    suspend_data: string;
    progress_measure: string;
    session_time: string;
    scaled_passing_score: string;
    score: { scaled: string; raw: string; min: string; max: string };
    objectives: Record<string, { id: string; success_status: string; completion_status: string; score: { scaled: string; raw: string; min: string; max: string } }>;
    interactions: Record<
      string,
      {
        id: string;
        type: string;
        timestamp: string;
        weighting: string;
        learner_response: string;
        result: string;
        latency: string;
        description: string;
        objectives: Record<string, { id: string }>;
        correct_responses: Record<string, { pattern: string }>;
      }
    >;
  };
  adl?: { nav?: { request?: string } };
}

/** What the LMS hands the SCO at launch: earlier commits plus its own settings (mode, pass mark, objectives). */
export type Launch2004 = Record<string, unknown>;

const FUNCTIONS = ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"] as const;
const RECORDED = new Set(["Initialize", "Terminate", "GetValue", "SetValue", "Commit"]);
/**
 * scorm-again warnings that are no fault of the SCO: 403 answers a read of an element the LMS has no value
 * for yet (RTE ch.3, a legitimate probe), and this LMS runs without a sequencing engine (no activity tree),
 * so it ignores the navigation request a SCO makes at Terminate.
 */
const EXPECTED_LOG = /403: The data model element passed to GetValue|Navigation request '\w+' ignored - sequencing not initialized/;
/** scorm-again's LogLevelEnum.WARN (the enum is a type-only export of the ESM build). */
const WARN = 3;

export interface Lms2004 {
  readonly api: Scorm2004API;
  readonly calls: RecordedCall[];
  readonly doc: Document;
  readonly win: Window;
  readonly errors: string[];
  /** CMI as of the last Commit (or Terminate): what a real LMS has on its server. */
  committed(): Cmi2004;
  /** Violations of the 2004 rules in the calls so far (`end`: the SCO is gone, so Terminate must have run once). */
  violations(end?: boolean): Violation[];
  count(fn: string): number;
  close(polite: boolean): void;
}

export async function buildScorm2004(scoPerSession = false, contentDir = "content"): Promise<BuiltPackage> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-s2004-"));
  const [report] = await build({ contentDir, outDir: path.join(root, "dist"), targets: [scorm2004], scoPerSession });
  if (!report) throw new Error("build produced no package");
  const zip = path.join(root, "dist", report.file);
  const dir = path.join(root, "unpacked");
  for (const [name, data] of readZip(zip)) {
    const file = path.join(dir, ...name.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  return { zip, dir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * A fault the LMS shows: for a call it answers `result` with `error` as its last error (the real API is not
 * called), or throws when `error` is `throw`. Undefined: the call goes through.
 */
export type Fault2004 = (fn: string, args: readonly string[]) => { readonly result: string; readonly error: string } | undefined;

/**
 * Opens `file` of the unpacked package inside a player page that offers `API_1484_11`. `reuse`: one API for
 * every SCO, as Moodle keeps. `fault`: the LMS misbehaves as it says.
 */
export async function launchScorm2004(dir: string, file = "index.html", stored?: Launch2004, reuse?: Scorm2004API, fault?: Fault2004, stayOnCover = false): Promise<Lms2004> {
  const errors: string[] = [];
  const api =
    reuse ??
    new Scorm2004API({
      autocommit: false,
      lmsCommitUrl: false,
      logLevel: WARN,
      onLogMessage: (level: unknown, message: unknown) => {
        if (Number(level) >= WARN && !EXPECTED_LOG.test(String(message))) errors.push(`scorm-again: ${String(message)}`);
      },
    });
  if (stored) api.loadFromJSON(stored);
  let committed = JSON.parse(api.renderCMIToJSONString()) as Cmi2004;
  const snapshot = (): void => {
    committed = JSON.parse(api.renderCMIToJSONString()) as Cmi2004;
  };
  api.on("Commit", snapshot);
  api.on("Terminate", snapshot);

  const calls: RecordedCall[] = [];
  const raw = api as unknown as Record<string, (...args: string[]) => unknown>;
  const wrapped: Record<string, (...args: string[]) => string> = {};
  let forcedError: string | undefined;
  for (const fn of FUNCTIONS) {
    wrapped[fn] = (...args: string[]): string => {
      if (fn === "GetLastError" && forcedError !== undefined) return forcedError;
      if (fn === "GetErrorString" || fn === "GetDiagnostic" || fn === "GetLastError") return String(raw[fn]?.apply(api, args));
      const forced = fault?.(fn, args);
      if (forced?.error === "throw") throw new Error(`LMS fault in ${fn}`);
      forcedError = forced?.error;
      const result = forced ? forced.result : String(raw[fn]?.apply(api, args));
      if (RECORDED.has(fn)) calls.push({ fn, args: args.map(String), result, error: forcedError ?? String(api.GetLastError()) });
      return result;
    };
  }

  const virtualConsole = new VirtualConsole();
  virtualConsole.on("error", (...args: unknown[]) => errors.push(`console.error: ${args.map(String).join(" ")}`));
  virtualConsole.on("warn", (...args: unknown[]) => errors.push(`console.warn: ${args.map(String).join(" ")}`));
  virtualConsole.on("jsdomError", (e: Error) => errors.push(`jsdom: ${e.message}`));
  const dom = new JSDOM(`<!doctype html><html><body><iframe id="sco" src="${pathToFileURL(path.join(dir, file)).href}"></iframe></body></html>`, {
    url: pathToFileURL(path.join(dir, "player.html")).href,
    runScripts: "dangerously",
    resources: "usable",
    virtualConsole,
    beforeParse(window) {
      (window as unknown as { API_1484_11: unknown }).API_1484_11 = wrapped;
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
    calls,
    doc: win.document as unknown as Document,
    win: win as unknown as Window,
    errors,
    committed: () => committed,
    violations: (end = false) => checkScorm2004Calls(calls, { endOfSession: end }),
    count: (fn) => calls.filter((c) => c.fn === fn).length,
    close(polite) {
      if (polite) win.dispatchEvent(new (win as unknown as typeof globalThis).Event("pagehide"));
      dom.window.close();
    },
  };
}

/**
 * What an LMS hands back on the next launch after these commits: location and suspend_data when the SCO
 * exited with `suspend` (entry resume), the statuses, objectives and interactions it keeps (RTE §4.2.7 cmi.entry).
 */
export function relaunch2004(c: Cmi2004, extra: Launch2004 = {}): Launch2004 {
  const suspended = c.cmi.exit === "suspend";
  return {
    entry: suspended ? "resume" : "",
    completion_status: c.cmi.completion_status,
    success_status: c.cmi.success_status,
    score: c.cmi.score,
    objectives: c.cmi.objectives,
    interactions: c.cmi.interactions,
    ...(suspended ? { location: c.cmi.location, suspend_data: c.cmi.suspend_data } : {}),
    ...extra,
  };
}
