// The neutral core of the player page (preview, verify, end-to-end tests): it launches each unit of a package
// in an iframe, as Moodle does, keeps the attempt on the player server, exposes `window.__cw` to the tests
// and verify, and hosts the tracking panel. What the LMS side is (an API object, launch parameters for an
// LRS) and what the panel shows come from the standard's own client module
// (src/standards/<id>/player-client.ts), which calls startPlayer with its LmsClient.
import type { RecordedCall } from "../../standards/common/scorm/call-recorder.js";
import { startLayout } from "./layout.js";

export interface PlayerUnit {
  readonly id: string;
  readonly title: string;
  readonly href: string;
}

export interface PlayerConfig {
  readonly title: string;
  readonly units: readonly PlayerUnit[];
  readonly packageBase: string;
  readonly panel: boolean;
  /** The launch query string where the LMS side is an LRS (endpoint, auth, actor, registration, activity_id). */
  readonly launchQuery?: string;
}

/** A recorded API call, with the unit it belongs to and when it was made. */
export interface PlayerCall extends RecordedCall {
  readonly unit: string;
  readonly at: number;
}

/** What the core offers a standard's client. */
export interface PlayerContext {
  readonly config: PlayerConfig;
  $(id: string): HTMLElement | null;
  /** Keeps a recorded call (window.__cw.calls) and shows it in the panel's log. */
  record(unit: string, call: RecordedCall): void;
  /** Saves what the content committed for `unit` (JSON text) in the attempt; dropped while a new attempt starts. */
  persist(unit: string, json: string): void;
  /** What the attempt holds for `unit`, once every save still on its way has landed; undefined on a first launch. */
  stored(unit: string): Promise<Record<string, unknown> | undefined>;
}

/** A standard's LMS side in the player page. */
export interface LmsClient {
  /** Sets the LMS up for `unit` before its frame loads; returns a query string to add to the launch URL, if any. */
  launch(unit: PlayerUnit): Promise<string | undefined>;
  /** What the LMS holds for the open unit (window.__cw.cmi()). */
  data(): unknown;
  /** Refreshes the panel's data view (after a launch and after each recorded call). */
  showData?(): void;
  /** Starts what the panel polls for, when the page has a panel. */
  startPanel?(): void;
}

interface PlayerHandle {
  config: PlayerConfig;
  calls: PlayerCall[];
  unit: string;
  cmi(): unknown;
  open(unitId: string): Promise<void>;
}

declare global {
  interface Window {
    __cw: PlayerHandle;
  }
}

const $ = (id: string): HTMLElement | null => document.getElementById(id);
const attemptUrl = (unit: string): string => `/__cw/attempt?unit=${encodeURIComponent(unit)}`;

export function startPlayer(makeClient: (context: PlayerContext) => LmsClient): void {
  const config = JSON.parse($("cw-player-config")?.textContent ?? "{}") as PlayerConfig;
  const calls: PlayerCall[] = [];
  let currentUnit = "";
  /** Saves still on their way to the server: a relaunch waits for them, so it resumes from the latest commit. */
  const saving = new Set<Promise<unknown>>();
  /** Set while a new attempt replaces the old one: the old content's closing commits must not be kept. */
  let discarding = false;

  const logCall = (call: PlayerCall): void => {
    const list = document.querySelector<HTMLElement>("[data-cw-log]");
    if (!config.panel || !list) return;
    const li = document.createElement("li");
    if (call.result === "false" || (call.error !== "0" && call.error !== "")) li.className = "is-error";
    li.textContent = `${call.fn}(${call.args.map((a) => JSON.stringify(a.length > 80 ? a.slice(0, 80) + "…" : a)).join(", ")}) → ${JSON.stringify(call.result)}${call.error !== "0" ? ` [error ${call.error}]` : ""}`;
    list.prepend(li);
    const count = $("cw-call-count");
    if (count) count.textContent = String(calls.length);
  };

  const context: PlayerContext = {
    config,
    $,
    record(unit, recorded) {
      const call = { unit, ...recorded, args: [...recorded.args], at: Date.now() };
      calls.push(call);
      logCall(call);
      if (config.panel) client.showData?.();
    },
    persist(unit, json) {
      if (discarding) return;
      // keepalive: the commit must reach the server even when it happens while the page is being hidden.
      const save = fetch(attemptUrl(unit), { method: "PUT", body: json, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(() => undefined);
      saving.add(save);
      void save.finally(() => saving.delete(save));
    },
    async stored(unit) {
      // The frame just removed may have finished on its way out: read the attempt after that save.
      await Promise.allSettled([...saving]);
      const res = await fetch(attemptUrl(unit), { cache: "no-store" });
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
    },
  };
  const client = makeClient(context);

  async function open(unitId: string): Promise<void> {
    const unit = config.units.find((u) => u.id === unitId) ?? config.units[0];
    const frameHost = $("cw-frame-host");
    if (!unit || !frameHost) return;
    // Like Moodle: switching unit destroys the frame (the content's pagehide does its own finishing).
    frameHost.textContent = "";
    currentUnit = unit.id;
    const query = await client.launch(unit);
    let src = config.packageBase + unit.href;
    if (query) src += (src.includes("?") ? "&" : "?") + query;
    const frame = document.createElement("iframe");
    frame.id = "cw-content";
    frame.title = unit.title;
    frame.src = src;
    frameHost.appendChild(frame);
    for (const b of document.querySelectorAll<HTMLElement>("[data-unit]")) {
      if (b.dataset.unit === unit.id) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
    if (config.panel) client.showData?.();
  }

  async function newAttempt(): Promise<void> {
    // Close the content first, without keeping what it commits on its way out; otherwise its pagehide
    // (during the reload) would save the old attempt again after the reset.
    discarding = true;
    const frameHost = $("cw-frame-host");
    if (frameHost) frameHost.textContent = "";
    await Promise.allSettled([...saving]);
    await (await fetch("/__cw/attempt", { method: "DELETE" })).arrayBuffer(); // complete before the page goes
    location.reload();
  }

  window.__cw = {
    config,
    calls,
    get unit() {
      return currentUnit;
    },
    cmi: () => client.data(),
    open,
  };

  document.addEventListener("click", (ev) => {
    const el = ev.target instanceof Element ? ev.target.closest<HTMLElement>("[data-unit], [data-cw-player]") : null;
    if (!el) return;
    if (el.dataset.unit) void open(el.dataset.unit);
    else if (el.dataset.cwPlayer === "new-attempt") void newAttempt();
  });

  if (config.panel) startLayout();
  void open(config.units[0]?.id ?? "");
  if (config.panel) {
    if (typeof EventSource !== "undefined") {
      // preview's watch mode: relaunch after a rebuild, keeping the attempt (the content's own pagehide
      // commits before the frame goes away).
      new EventSource("/__cw/events").addEventListener("reload", () => void open(currentUnit));
    }
    client.startPanel?.();
  }
}
