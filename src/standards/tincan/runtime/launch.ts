// TinCan launch parameters (TinCan launch, Rustici launch/lms_lrs.md): read from the query string with
// URLSearchParams, because LMSs encode spaces as '+' or '%20' (both legal form encoding) and a bare
// decodeURIComponent turns `Basic+…` into an Authorization header every LRS refuses with 401.
import type { Agent } from "@xapi/xapi";
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";

/** The TinCan launch is an LRS launch read from the query string. */
export type TinCanLaunch = LrsLaunch;

export type LaunchResult =
  | { readonly ok: true; readonly launch: TinCanLaunch }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function parseLaunch(search: string): LaunchResult {
  const q = new URLSearchParams(search);
  const endpoint = q.get("endpoint");
  const auth = q.get("auth");
  const actorText = q.get("actor");
  if (!endpoint && !auth && !actorText) {
    return { ok: false, missing: true, reason: "This course was opened without an LRS, so your progress is not being recorded." };
  }
  const bad = (what: string): LaunchResult => ({ ok: false, missing: false, reason: `The xAPI launch is malformed (${what}), so your progress is not being recorded.` });
  let url: URL | undefined;
  try {
    url = new URL(endpoint || "");
  } catch {
    /* not a URL */
  }
  if (!url || !/^https?:$/.test(url.protocol)) return bad("endpoint");
  if (!auth || !/^\S+ \S+/.test(auth)) return bad("auth"); // an Authorization header value: "Basic …"
  const actor = parseActor(actorText || "");
  if (!actor) return bad("actor"); // an xAPI Agent with exactly one identifier
  const registration = q.get("registration");
  if (registration !== null && !UUID.test(registration)) return bad("registration");
  const activityId = q.get("activity_id");
  if (activityId !== null && !IRI.test(activityId)) return bad("activity_id");
  const grouping = (q.get("grouping") || "").split(",").map((s) => s.trim()).filter((s) => IRI.test(s));
  const base = url.href.endsWith("/") ? url.href : `${url.href}/`;
  return {
    ok: true,
    launch: { endpoint: base, auth, actor, ...(registration ? { registration: registration.toLowerCase() } : {}), ...(activityId ? { activityId } : {}), grouping },
  };
}

/** TinCan LMSs send single-valued arrays (`"mbox":["mailto:…"]`, `"name":["…"]`) too: normalise them. */
function parseActor(text: string): Agent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const a = raw as Record<string, unknown>;
  const one = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  const name = one(a["name"]);
  const named = typeof name === "string" && name ? { name } : {};
  const mbox = one(a["mbox"]);
  const sha = one(a["mbox_sha1sum"]);
  const openid = one(a["openid"]);
  const account = one(a["account"]) as Record<string, unknown> | undefined;
  const ids = [mbox, sha, openid, account].filter((v) => v !== undefined);
  if (ids.length !== 1) return undefined;
  if (typeof mbox === "string") return /^mailto:[^@\s]+@\S+$/.test(mbox) ? { objectType: "Agent", ...named, mbox } : undefined;
  if (typeof sha === "string") return /^[0-9a-f]{40}$/i.test(sha) ? { objectType: "Agent", ...named, mbox_sha1sum: sha } : undefined;
  if (typeof openid === "string") return IRI.test(openid) ? { objectType: "Agent", ...named, openid } : undefined;
  if (account && typeof account === "object") {
    const homePage = one(account["homePage"]);
    const accountName = one(account["name"]);
    if (typeof homePage === "string" && IRI.test(homePage) && typeof accountName === "string" && accountName) {
      return { objectType: "Agent", ...named, account: { homePage, name: accountName } };
    }
  }
  return undefined;
}
