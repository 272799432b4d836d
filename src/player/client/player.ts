// The LMS side of the player page (preview, verify, end-to-end tests): it launches each unit of a package
// in an iframe, as Moodle does, with scorm-again's Scorm12API as `window.API` (SCORM 1.2) or TinCan launch
// parameters pointing at the development LRS (xAPI). It records every API call, persists what the content
// commits, and can show a tracking panel.

import { recordingApi, type Scorm12ApiLike as ApiLike } from "../../standards/shared/scorm/call-recorder.js";

interface ScormAgainApi extends ApiLike {
  loadFromJSON(json: object): void;
  renderCMIToJSONString(): string;
}

interface Unit {
  id: string;
  title: string;
  href: string;
}

interface PlayerConfig {
  standard: "scorm12" | "xapi";
  title: string;
  units: Unit[];
  packageBase: string;
  panel: boolean;
  /** xAPI: the launch query string (endpoint, auth, actor, registration, activity_id). */
  launchQuery?: string;
}

export interface ApiCall {
  unit: string;
  fn: string;
  args: string[];
  result: string;
  error: string;
  at: number;
}

interface PlayerHandle {
  config: PlayerConfig;
  calls: ApiCall[];
  unit: string;
  /** Current CMI of the open unit, as scorm-again renders it. */
  cmi(): unknown;
  open(unitId: string): Promise<void>;
}

declare global {
  interface Window {
    Scorm12API?: new (settings: object) => ScormAgainApi;
    API?: ApiLike;
    __cw: PlayerHandle;
  }
}

const config = JSON.parse(document.getElementById("cw-player-config")?.textContent ?? "{}") as PlayerConfig;
const calls: ApiCall[] = [];
let current: ScormAgainApi | undefined;
let currentUnit = "";
const $ = (id: string): HTMLElement | null => document.getElementById(id);

const attemptUrl = (unit: string): string => `/__cw/attempt?unit=${encodeURIComponent(unit)}`;

async function storedCmi(unit: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(attemptUrl(unit), { cache: "no-store" });
  return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
}

/** An LMS hands back what was committed, with entry=resume after exit=suspend. */
function relaunchData(saved: Record<string, unknown>): object {
  const cmi = (saved["cmi"] ?? {}) as Record<string, Record<string, unknown>>;
  const core = (cmi["core"] ?? {}) as Record<string, unknown>;
  return {
    core: { lesson_location: core["lesson_location"], lesson_status: core["lesson_status"], score: core["score"], entry: core["exit"] === "suspend" ? "resume" : "" },
    suspend_data: cmi["suspend_data"] ?? "",
    objectives: cmi["objectives"] ?? {},
  };
}

/** Saves still on their way to the server: a relaunch waits for them, so it resumes from the latest commit. */
const saving = new Set<Promise<unknown>>();
/** Set while a new attempt replaces the old one: the old content's closing commits must not be kept. */
let discarding = false;

function persist(unit: string, api: ScormAgainApi): void {
  if (discarding) return;
  // keepalive: the commit must reach the server even when it happens while the page is being hidden.
  const save = fetch(attemptUrl(unit), { method: "PUT", body: api.renderCMIToJSONString(), keepalive: true, headers: { "Content-Type": "application/json" } }).catch(
    () => undefined,
  );
  saving.add(save);
  void save.finally(() => saving.delete(save));
}

function recorder(unit: string, api: ScormAgainApi): ApiLike {
  return recordingApi(api, (recorded) => {
    const call = { unit, ...recorded, args: [...recorded.args], at: Date.now() };
    calls.push(call);
    if ((call.fn === "LMSCommit" || call.fn === "LMSFinish") && call.result === "true") persist(unit, api);
    renderPanel(call);
  });
}

async function open(unitId: string): Promise<void> {
  const unit = config.units.find((u) => u.id === unitId) ?? config.units[0];
  if (!unit) return;
  const frameHost = $("cw-frame-host");
  if (!frameHost) return;
  // Like Moodle: switching unit destroys the frame (the content's pagehide does its own finishing).
  frameHost.textContent = "";
  currentUnit = unit.id;
  let src = config.packageBase + unit.href;
  if (config.standard === "scorm12") {
    const Ctor = window.Scorm12API;
    if (!Ctor) throw new Error("scorm-again did not load");
    const api = new Ctor({ autocommit: false, lmsCommitUrl: false, logLevel: 4 });
    // The frame just removed may have finished (LMSFinish) on its way out: read the attempt after that save.
    await Promise.allSettled([...saving]);
    const saved = await storedCmi(unit.id);
    if (saved) api.loadFromJSON(relaunchData(saved));
    current = api;
    window.API = recorder(unit.id, api);
  } else if (config.launchQuery) {
    src += (src.includes("?") ? "&" : "?") + config.launchQuery;
  }
  const frame = document.createElement("iframe");
  frame.id = "cw-content";
  frame.title = unit.title;
  frame.src = src;
  frameHost.appendChild(frame);
  for (const b of document.querySelectorAll<HTMLElement>("[data-unit]")) {
    if (b.dataset.unit === unit.id) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
  }
  renderPanel();
}

// ---- tracking panel -----------------------------------------------------------------------------------

function renderPanel(call?: ApiCall): void {
  if (!config.panel) return;
  const list = $("cw-calls");
  if (call && list) {
    const li = document.createElement("li");
    const failed = call.result === "false" || (call.error !== "0" && call.error !== "");
    if (failed) li.className = "is-error";
    li.textContent = `${call.fn}(${call.args.map((a) => JSON.stringify(a.length > 80 ? a.slice(0, 80) + "…" : a)).join(", ")}) → ${JSON.stringify(call.result)}${call.error !== "0" ? ` [error ${call.error}]` : ""}`;
    list.prepend(li);
    const count = $("cw-call-count");
    if (count) count.textContent = String(calls.length);
  }
  const snapshot = $("cw-cmi");
  if (snapshot && current) {
    const cmi = JSON.parse(current.renderCMIToJSONString()) as { cmi?: { suspend_data?: string } };
    snapshot.textContent = JSON.stringify(cmi, null, 1);
    const size = $("cw-suspend-size");
    const n = cmi.cmi?.suspend_data?.length ?? 0;
    if (size) {
      size.textContent = `${n} / 4096 characters`;
      size.className = n > 4096 ? "is-error" : "";
    }
  }
}

async function pollStatements(): Promise<void> {
  const list = $("cw-statements");
  if (!list) return;
  try {
    const res = await fetch("/__cw/statements", { cache: "no-store" });
    const data = (await res.json()) as { statements: { verb: { id: string }; object: { id: string }; result?: object; timestamp?: string }[]; state?: string };
    list.textContent = "";
    for (const s of data.statements) {
      const li = document.createElement("li");
      li.textContent = `${s.verb.id.split("/").pop() ?? ""} ${s.object.id}${s.result ? " " + JSON.stringify(s.result) : ""}`;
      list.appendChild(li);
    }
    const count = $("cw-call-count");
    if (count) count.textContent = String(data.statements.length);
    const state = $("cw-cmi");
    if (state) state.textContent = data.state ?? "(no state document yet)";
    const size = $("cw-suspend-size");
    if (size) size.textContent = `${data.state?.length ?? 0} characters in the State API`;
  } catch {
    /* the preview server is restarting */
  }
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

function listenForReload(): void {
  if (typeof EventSource === "undefined") return;
  const events = new EventSource("/__cw/events");
  events.addEventListener("reload", () => {
    // Keep the attempt: the content's own pagehide commits before the frame goes away.
    void open(currentUnit);
  });
}

window.__cw = {
  config,
  calls,
  get unit() {
    return currentUnit;
  },
  cmi: () => (current ? (JSON.parse(current.renderCMIToJSONString()) as unknown) : undefined),
  open,
};

document.addEventListener("click", (ev) => {
  const el = ev.target instanceof Element ? ev.target.closest<HTMLElement>("[data-unit], [data-cw-player]") : null;
  if (!el) return;
  if (el.dataset.unit) void open(el.dataset.unit);
  else if (el.dataset.cwPlayer === "new-attempt") void newAttempt();
});

void open(config.units[0]?.id ?? "");
if (config.panel) {
  listenForReload();
  if (config.standard === "xapi") setInterval(() => void pollStatements(), 1000);
}
