// The cmi5 launch (cmi5 §8.1): endpoint, fetch, actor, registration and activityId from the query string
// (URLSearchParams: LMSs encode spaces as '+' or '%20'); the authorization token from one POST to the fetch
// URL (§8.2); the LMS's launch data from the State API before the first statement (§10); the learner's
// preferences from the Agent Profile (§11). Anything missing or refused leaves the course running untracked,
// with a notice that says why.
import type { Agent } from "@xapi/xapi";
import { say } from "../../../runtime/core/messages.js";
import { IRI, UUID } from "../../common/xapi/actor.js";
import { LrsClient, REQUEST_TIMEOUT_MS, type Fetch } from "../../common/xapi/lrs-client.js";
import { parseJson } from "../../common/xapi/sender.js";
import type { LaunchSource } from "../../common/xapi/xapi-tracker.js";
import { cmi5Statements, type LaunchData } from "./profile.js";

/** cmi5 §10: the LMS's document for the launch, which the AU reads and never writes. */
export const LAUNCH_DATA = "LMS.LaunchData";
/** cmi5 §11: the Agent Profile document of the learner's preferences. */
export const PREFERENCES = "cmi5LearnerPreferences";

const HTTP = /^https?:\/\/\S+$/i;

type Json = Record<string, unknown>;

/** The launch parameters, or the name of the one that is wrong; "" when none was given at all. */
export function parseCmi5Query(search: string): { endpoint: string; fetch: string; actor: Agent; registration: string; activityId: string } | string {
  const q = new URLSearchParams(search);
  const [endpoint = "", fetchUrl = "", actorText = "", registration = "", activityId = ""] = ["endpoint", "fetch", "actor", "registration", "activityId"].map((k) => q.get(k) || "");
  if (!endpoint && !fetchUrl && !actorText) return "";
  // §9.2: an Agent with an account (an IRI homePage and a name) and nothing else that identifies it.
  const a = (parseJson(actorText) || {}) as Json;
  const { homePage, name } = (a["account"] || {}) as Json;
  const actor = { objectType: "Agent", name: typeof a["name"] == "string" ? a["name"] : undefined, account: { homePage, name } } as Agent;
  return !HTTP.test(endpoint) ? "endpoint"
    : !HTTP.test(fetchUrl) ? "fetch"
    : !IRI.test(String(homePage)) || typeof name != "string" || !name || a["mbox"] || a["mbox_sha1sum"] || a["openid"] ? "actor"
    : !UUID.test(registration) ? "registration"
    : !IRI.test(activityId) ? "activityId"
    : { endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`, fetch: fetchUrl, actor, registration: registration.toLowerCase(), activityId };
}

/** §10: the document as the LMS must write it (a context template, a launch mode); undefined when it is not. */
export function parseLaunchData(text: string | undefined): LaunchData | undefined {
  const d = parseJson(text) as LaunchData | undefined;
  const m = d?.masteryScore;
  return d?.contextTemplate && typeof d.contextTemplate == "object" && /^(Normal|Browse|Review)$/.test(d.launchMode) && (m === undefined || (typeof m == "number" && m >= 0 && m <= 1)) ? d : undefined;
}

/**
 * §8.2: the token, from one POST to the fetch URL; else the answer (§8.2.3: `error-code`, `error-text`) and its
 * HTTP status. The fetch URL is for one use only: a reload of the same launch takes the token this tab
 * was given (sessionStorage, which ends with the tab) instead of asking again.
 */
async function authToken(store: Storage | undefined, fetchFn: Fetch, url: string, timeoutMs: number): Promise<{ token: string } | { refused: Json; status: number }> {
  const key = `cw-cmi5-token:${url}`;
  let token = store?.getItem(key);
  let answer: Json = {};
  let status = 0;
  if (!token) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await fetchFn(url, { method: "POST", signal: abort.signal });
      status = res.status;
      answer = (parseJson(await res.text()) || {}) as Json;
    } catch {
      /* no answer */
    }
    clearTimeout(timer);
    token = typeof answer["auth-token"] == "string" ? answer["auth-token"] : "";
    try {
      if (token) store?.setItem(key, token);
    } catch {
      /* full: a reload asks again */
    }
  }
  return token ? { token } : { refused: answer, status };
}

/** This tab's storage (it ends with the tab), or undefined where it is blocked. */
function tabStorage(win: Window): Storage | undefined {
  try {
    return win.sessionStorage;
  } catch {
    return undefined;
  }
}

export const cmi5Launch: LaunchSource = async (win, course, fetchFn, timeoutMs = REQUEST_TIMEOUT_MS) => {
  const q = parseCmi5Query(win.location.search);
  if (typeof q === "string") return q ? say(course, "lrsBadLaunch", q) : say(course, "lrsNoLaunch");
  const store = tabStorage(win);
  // §9.3.8: nothing is sent in a session after its terminated. A reload of the page after it (the page's
  // leaving terminated the session) runs untracked and says how to carry on: a new session is the LMS's to open.
  const ended = `cw-cmi5-ended:${q.fetch}`;
  if (store?.getItem(ended)) return say(course, "lrsSessionEnded");
  const got = await authToken(store, fetchFn, q.fetch, timeoutMs);
  if ("refused" in got) {
    // The LMS's own words, else its error code, else the HTTP status.
    const { refused: r, status } = got;
    return say(course, "lrsNoToken", String(r["error-text"] || (r["error-code"] ? say(course, "lmsError", String(r["error-code"])) : `HTTP ${status}`)));
  }
  // §8.2.1: the token in the Authorization header, Basic scheme (RFC 1945 §11.1).
  const launch = { ...q, auth: `Basic ${got.token}`, grouping: [] };
  const client = new LrsClient(launch, fetchFn, timeoutMs);
  // §11: read at startup. The course speaks the one language it was written in and has no audio, so neither
  // preference changes what it shows (§11.1: an AU that does not offer several languages shows its own).
  void fetchFn(`${q.endpoint}agents/profile?${new URLSearchParams({ agent: JSON.stringify({ ...q.actor, name: undefined }), profileId: PREFERENCES })}`, {
    headers: { Authorization: launch.auth, "X-Experience-API-Version": "1.0.3" },
  }).then(
    (r) => r.text(),
    () => "",
  );
  let data: LaunchData | undefined;
  try {
    data = parseLaunchData((await client.getState(q.activityId, LAUNCH_DATA))?.body);
  } catch {
    /* unreachable: said below */
  }
  if (!data) return say(course, "lrsNoLaunchData");
  const { launchMode, masteryScore, returnURL } = data;
  return {
    ...launch,
    statements: (course) => cmi5Statements(course, launch, data),
    strict: true,
    start: {
      // Review: look back, record nothing new; Browse: look around without judgement (§10 launchMode).
      review: launchMode !== "Normal",
      ...(launchMode === "Browse" ? { notice: say(course, "lmsBrowse") } : {}),
      // §10 masteryScore: passed/failed are judged against the LMS's mark (0..1, 4 decimals), as a percent.
      ...(masteryScore !== undefined ? { passMark: Math.round(masteryScore * 10000) / 100 } : {}),
    },
    // §10 returnURL: once terminated (and what is queued) has gone, the window goes back to the LMS.
    leave: (status) => {
      try {
        store?.setItem(ended, "1");
      } catch {
        /* full: a reload would start again in the ended session; the LMS's rule check says so */
      }
      if (!returnURL) return;
      const go = (tries: number): unknown => (status() === "pending" && tries ? setTimeout(go, 200, tries - 1) : win.location.assign(returnURL));
      go(25);
    },
  };
};
