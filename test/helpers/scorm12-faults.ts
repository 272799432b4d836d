// A misbehaving LMS for the fault tests: scorm-again's Scorm12API as the parent's `window.API` (in jsdom,
// the SCO in an iframe), with a fault in front of it that can make any call throw or answer "false" with an
// error code, as broken or strict LMSs do. Every call the SCO makes is recorded (before the fault), and every
// commit the LMS really took is kept in order with the status and exit it carried.
import { courseStarted, enterCourse } from "./course-entry.js";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";
import { Scorm12API } from "scorm-again";
import { waitFor, type CmiJson } from "./scorm12-lms.js";

/** What the fault does with one call: pass it on, throw, or refuse with a SCORM 1.2 error code. */
export type FaultAnswer = "pass" | "throw" | { readonly refuse: string };
export type Fault = (fn: string, args: readonly string[]) => FaultAnswer;

export interface FaultyCall {
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
}

export interface FaultyLaunch {
  readonly api: Scorm12API;
  readonly win: Window;
  readonly doc: Document;
  /** Every call the SCO made, in order, with what it got back ("throw" when it threw). */
  readonly calls: FaultyCall[];
  /** Commits the LMS took, in order: status and exit at that moment. */
  readonly commits: { readonly status: string; readonly exit: string }[];
  /** console.warn / console.error lines of the SCO. */
  readonly console: string[];
  committed(): CmiJson;
  banner(): { readonly shown: boolean; readonly text: string; readonly kind: string };
  close(polite: boolean): void;
}

export interface FaultyOptions {
  readonly file?: string;
  /** CMI the LMS starts with (loadFromJSON), e.g. `{ core: { lesson_mode: "browse" } }`. */
  readonly stored?: Record<string, unknown>;
  readonly fault?: Fault;
}

const ERROR_TEXT: Record<string, string> = { "101": "General Exception", "405": "Incorrect Data Type", "301": "Not initialized" };

export async function launchFaulty(dir: string, options: FaultyOptions = {}): Promise<FaultyLaunch> {
  const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  if (options.stored) api.loadFromJSON(options.stored);
  const render = (): CmiJson => JSON.parse(api.renderCMIToJSONString()) as CmiJson;
  let committed = render();
  const commits: { status: string; exit: string }[] = [];
  api.on("LMSCommit", () => {
    committed = render();
    commits.push({ status: committed.cmi.core.lesson_status, exit: committed.cmi.core.exit });
  });
  api.on("LMSFinish", () => {
    committed = render();
  });

  const calls: FaultyCall[] = [];
  const fault = options.fault ?? (() => "pass");
  /** The error the fault injected last, answered by LMSGetLastError & co. until a call succeeds. */
  let injected: string | undefined;
  const real = api as unknown as Record<string, (...args: string[]) => unknown>;
  const facade: Record<string, (...args: string[]) => string> = {};
  for (const fn of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
    facade[fn] = (...args: string[]): string => {
      const answer = fault(fn, args);
      if (answer === "throw") {
        calls.push({ fn, args, result: "throw" });
        throw new Error(`LMS ${fn} failed`);
      }
      let result: string;
      if (answer !== "pass") {
        injected = answer.refuse;
        result = "false";
      } else if (injected !== undefined && fn === "LMSGetLastError") result = injected;
      else if (injected !== undefined && (fn === "LMSGetErrorString" || fn === "LMSGetDiagnostic")) result = ERROR_TEXT[args[0] ?? ""] ?? "";
      else {
        result = String(real[fn]?.apply(api, args));
        if (!fn.startsWith("LMSGet")) injected = undefined;
      }
      calls.push({ fn, args, result });
      return result;
    };
  }

  const lines: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("error", (...args: unknown[]) => lines.push(`error: ${args.map(String).join(" ")}`));
  virtualConsole.on("warn", (...args: unknown[]) => lines.push(`warn: ${args.map(String).join(" ")}`));
  virtualConsole.on("jsdomError", (e: Error) => lines.push(`jsdom: ${e.message}`));
  const launchUrl = pathToFileURL(path.join(dir, options.file ?? "index.html")).href;
  const dom = new JSDOM(`<!doctype html><html><body><iframe id="sco" src="${launchUrl}"></iframe></body></html>`, {
    url: pathToFileURL(path.join(dir, "player.html")).href,
    runScripts: "dangerously",
    resources: "usable",
    virtualConsole,
    beforeParse(window) {
      (window as unknown as { API: unknown }).API = facade;
    },
  });
  const frame = dom.window.document.getElementById("sco") as HTMLIFrameElement;
  const win = await waitFor(() => {
    const w = frame.contentWindow;
    return w && w.document.readyState === "complete" && courseStarted(w.document as unknown as Document) ? w : undefined;
  }, "the SCO to start");
  enterCourse(win.document as unknown as Document);
  const doc = win.document;
  return {
    api,
    win: win as unknown as Window,
    doc: doc as unknown as Document,
    calls,
    commits,
    console: lines,
    committed: () => committed,
    banner() {
      const el = doc.querySelector<HTMLElement>("[data-cw=banner]");
      return { shown: Boolean(el && !el.hidden), text: el?.textContent ?? "", kind: el?.dataset.kind ?? "" };
    },
    close(polite) {
      if (polite) win.dispatchEvent(new (win as unknown as typeof globalThis).Event("pagehide"));
      dom.window.close();
    },
  };
}
