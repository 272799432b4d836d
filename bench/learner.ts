// Learner-side figures in real headless Chromium: the unpacked SCORM 1.2 package runs in an iframe of an
// LMS-like player page whose `window.API` is a recording stub (answers "true"/"", stores values). A stub,
// not scorm-again, because this measures the content: the LMS's own cost is not ours to count.
//
// "First page interactive" = the moment the runtime has started: tracker started, click/keyboard handlers
// wired, the first page shown, its first commit sent and the progress chrome rendered — the runtime's first
// write to [data-cw=progress-text] (the static HTML says "0% viewed"; the runtime rewrites it at the end of
// Player.start()). An init script installed before any page script observes that element from the moment the
// document is parsed (readystatechange → "interactive", before the runtime's DOMContentLoaded handler runs)
// and records performance.timeOrigin + performance.now() in the frame when the first mutation arrives.
// "Launch" is the moment the LMS launches the SCO: the navigation start of the SCO frame (its own
// performance.timeOrigin), so the figure is the package's cost — HTML, CSS and script fetched, parsed and run.
// The figure from the LMS page's navigation start is reported too; it adds the (stub) LMS page and the
// creation of the frame. timeOrigin + now() is one clock across same-origin frames. Each launch uses a fresh
// browser context (empty HTTP and code caches), after one warm-up launch that starts the browser's processes.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { stats, type Stats } from "./measure.js";

/** As in test/helpers/browser.ts: Debian's Chromium, or $CHROMIUM_PATH; nothing downloads a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

export interface LearnerFigures {
  readonly browser: string;
  /** SCO launch (frame navigation start) → first page interactive: the package's own cost. */
  readonly interactiveFromFrameStart: Stats;
  /** LMS page navigation start → first page interactive (adds the stub LMS page and the frame's creation). */
  readonly interactiveFromLaunch: Stats;
  /** First contentful paint of the SCO frame, from the LMS page's navigation start. */
  readonly firstPaintFromLaunch: Stats | null;
  /** Where the time goes: medians, ms from the LMS page's navigation start, of the SCO frame's milestones. */
  readonly timeline: Record<string, number>;
  readonly launchCalls: number;
  readonly launchCommits: number;
  readonly pageTurns: number;
  readonly callsPerTurn: number;
  readonly commitsPerTurn: number;
  readonly setValuesPerTurn: number;
  /** Click on "Next" (input event in the frame) → the LMSCommit it causes, per turn. */
  readonly turnToCommitMs: Stats;
}

export type LearnerResult = LearnerFigures | { readonly skipped: string };

interface Call {
  readonly name: string;
  readonly element?: string;
  readonly at: number;
}

declare global {
  interface Window {
    __cwCalls?: Call[];
    __cwMarks?: Record<string, number>;
    __cwClicks?: number[];
  }
}

/** The LMS player page: a recording SCORM 1.2 API and the SCO in an iframe (as Moodle nests it). */
const PLAYER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS player</title>
<script>
(function () {
  var calls = (window.__cwCalls = []);
  var store = {};
  function rec(name, element, result) {
    calls.push({ name: name, element: element, at: performance.timeOrigin + performance.now() });
    return result;
  }
  window.API = {
    LMSInitialize: function () { return rec("LMSInitialize", undefined, "true"); },
    LMSFinish: function () { return rec("LMSFinish", undefined, "true"); },
    LMSGetValue: function (k) { return rec("LMSGetValue", k, Object.prototype.hasOwnProperty.call(store, k) ? store[k] : ""); },
    LMSSetValue: function (k, v) { store[k] = String(v); return rec("LMSSetValue", k, "true"); },
    LMSCommit: function () { return rec("LMSCommit", undefined, "true"); },
    LMSGetLastError: function () { return rec("LMSGetLastError", undefined, "0"); },
    LMSGetErrorString: function () { return rec("LMSGetErrorString", undefined, ""); },
    LMSGetDiagnostic: function () { return rec("LMSGetDiagnostic", undefined, ""); }
  };
})();
</script></head>
<body style="margin:0"><iframe id="sco" title="Course" src="index.html" style="border:0;width:100vw;height:100vh"></iframe></body></html>`;

/** Runs in every frame before its scripts; acts only in the SCO frame. */
function frameProbe(): void {
  if (window.top === window) return;
  const marks: Record<string, number> = (window.__cwMarks = {});
  const clicks: number[] = (window.__cwClicks = []);
  const now = (): number => performance.timeOrigin + performance.now();
  const attach = (): void => {
    const el = document.querySelector("[data-cw=progress-text]");
    if (!el) return;
    const observer = new MutationObserver(() => {
      marks.interactive = now();
      observer.disconnect();
    });
    observer.observe(el, { childList: true, characterData: true, subtree: true });
  };
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") attach();
  });
  document.addEventListener("click", () => clicks.push(now()), true);
}

function visiblePage(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.querySelector("[data-page]:not([hidden])")?.getAttribute("data-page") ?? "");
}

interface LaunchRun {
  readonly timeline: Record<string, number>;
  readonly fromLaunch: number;
  readonly fromFrame: number;
  readonly fcp: number | null;
  readonly launchCalls: readonly Call[];
  readonly turnCalls: readonly Call[];
  readonly clicks: readonly number[];
}

async function oneLaunch(browser: Browser, url: string, turns: number): Promise<LaunchRun> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(frameProbe);
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}player.html`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error("the SCO frame did not load");
    await frame.waitForFunction(() => window.__cwMarks?.interactive !== undefined, undefined, { timeout: 15_000 });
    const launchOrigin = await page.evaluate(() => performance.timeOrigin);
    const inFrame = await frame.evaluate(() => {
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const at = (t: number | undefined): number => performance.timeOrigin + (t ?? 0);
      return {
        origin: performance.timeOrigin,
        interactive: window.__cwMarks?.interactive ?? 0,
        fcp: fcp ? at(fcp.startTime) : null,
        milestones: {
          "SCO navigation start": at(0),
          "HTML received": at(nav?.responseEnd),
          "HTML parsed (domInteractive)": at(nav?.domInteractive),
          "DOMContentLoaded (runtime starts)": at(nav?.domContentLoadedEventStart),
          "first page interactive": window.__cwMarks?.interactive ?? 0,
          "load event": at(nav?.loadEventStart),
        },
      };
    });
    const launchCalls = await page.evaluate(() => window.__cwCalls?.slice() ?? []);

    for (let i = 0; i < turns; i++) {
      const before = await visiblePage(frame);
      await frame.click("[data-cw=next]");
      await frame.waitForFunction((b) => document.querySelector("[data-page]:not([hidden])")?.getAttribute("data-page") !== b, before);
    }
    const all = await page.evaluate(() => window.__cwCalls?.slice() ?? []);
    const clicks = await frame.evaluate(() => window.__cwClicks?.slice() ?? []);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    return {
      timeline: Object.fromEntries(Object.entries(inFrame.milestones).map(([k, v]) => [k, v - launchOrigin])),
      fromLaunch: inFrame.interactive - launchOrigin,
      fromFrame: inFrame.interactive - inFrame.origin,
      fcp: inFrame.fcp === null ? null : inFrame.fcp - launchOrigin,
      launchCalls,
      turnCalls: all.slice(launchCalls.length),
      clicks,
    };
  } finally {
    await context.close();
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".xsd": "application/xml",
};

/** Serves the unpacked package (and the player page) on 127.0.0.1, files read once up front. */
async function serve(dir: string, extra: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname).replace(/^\/+/, "");
    const file = path.resolve(dir, rel);
    const body = extra[rel] ?? (file.startsWith(path.resolve(dir) + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined);
    if (body === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(rel)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `dir`: the unpacked SCORM 1.2 package. One warm-up launch, then `runs` measured ones. */
export async function measureLearner(dir: string, runs: number, turns = 10): Promise<LearnerResult> {
  if (!fs.existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)` };
  // Imported here, not at the top: the in-process build children of bench/run.ts must not load playwright.
  const { chromium } = await import("playwright-core");
  const server = await serve(dir, { "player.html": PLAYER });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  try {
    await oneLaunch(browser, server.url, 1); // warm-up: browser process, first renderer
    const results: LaunchRun[] = [];
    for (let i = 0; i < runs; i++) results.push(await oneLaunch(browser, server.url, turns));
    const last = results[results.length - 1];
    if (!last) throw new Error("no runs");
    const turnToCommit = results.flatMap((r) =>
      r.clicks.flatMap((t) => {
        const commit = r.turnCalls.find((c) => c.name === "LMSCommit" && c.at >= t);
        return commit ? [commit.at - t] : [];
      }),
    );
    const count = (calls: readonly Call[], name?: string): number => calls.filter((c) => name === undefined || c.name === name).length;
    const perTurn = (name?: string): number => results.reduce((n, r) => n + count(r.turnCalls, name), 0) / (results.length * turns);
    const fcps = results.flatMap((r) => (r.fcp === null ? [] : [r.fcp]));
    return {
      browser: `${browser.version()} (${CHROMIUM_PATH}, headless)`,
      interactiveFromLaunch: stats(results.map((r) => r.fromLaunch)),
      interactiveFromFrameStart: stats(results.map((r) => r.fromFrame)),
      firstPaintFromLaunch: fcps.length ? stats(fcps) : null,
      timeline: Object.fromEntries(Object.keys(last.timeline).map((k) => [k, Math.round(stats(results.map((r) => r.timeline[k] ?? 0)).median * 10) / 10])),
      launchCalls: count(last.launchCalls),
      launchCommits: count(last.launchCalls, "LMSCommit"),
      pageTurns: turns,
      callsPerTurn: perTurn(),
      commitsPerTurn: perTurn("LMSCommit"),
      setValuesPerTurn: perTurn("LMSSetValue"),
      turnToCommitMs: stats(turnToCommit.length ? turnToCommit : [Number.NaN]),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
