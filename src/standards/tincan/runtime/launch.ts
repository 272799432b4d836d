// TinCan launch parameters (TinCan launch, Rustici launch/lms_lrs.md): read from the query string with
// URLSearchParams, because LMSs encode spaces as '+' or '%20' (both legal form encoding) and a bare
// decodeURIComponent turns `Basic+…` into an Authorization header every LRS refuses with 401.
import type { Agent } from "@xapi/xapi";
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";

/** The TinCan launch is an LRS launch read from the query string. */
export type TinCanLaunch = LrsLaunch;

export type LaunchResult =
  | { readonly ok: true; readonly launch: TinCanLaunch }
  /** `reason`: the parameter that is wrong (the tracker words it), `""` when nothing was given. */
  | { readonly ok: false; readonly missing: boolean; readonly reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function parseLaunch(search: string): LaunchResult {
  const q = new URLSearchParams(search);
  const endpoint = q.get("endpoint");
  const auth = q.get("auth");
  const actorText = q.get("actor");
  if (!endpoint && !auth && !actorText) return { ok: false, missing: true, reason: "" };
  const bad = (what: string): LaunchResult => ({ ok: false, missing: false, reason: what });
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

/**
 * The Agent's inverse functional identifiers (xAPI 1.0.3 Part 2 §2.4.2.3), each with the shape its value
 * must have; `account` is checked apart (an object of homePage and name).
 */
const IFIS: Readonly<Record<string, RegExp | undefined>> = { mbox: /^mailto:[^@\s]+@\S+$/, mbox_sha1sum: /^[0-9a-f]{40}$/i, openid: IRI, account: undefined };

type Json = Record<string, unknown> | null | undefined;

/** TinCan LMSs send single-valued arrays (`"mbox":["mailto:…"]`, `"name":["…"]`) too: normalise them. */
const one = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const text = (v: unknown): v is string => typeof v === "string" && v !== "";

/** An Agent with exactly one identifier, of the right shape, and the display name when it has one. */
export function parseActor(json: string): Agent | undefined {
  let a: Json;
  try {
    a = JSON.parse(json) as Json;
  } catch {
    return undefined;
  }
  if (!a || typeof a !== "object" || Array.isArray(a)) return undefined;
  const raw = a;
  const ids = Object.keys(IFIS).filter((k) => one(raw[k]) !== undefined);
  const key = ids[0];
  if (ids.length !== 1 || !key) return undefined;
  const shape = IFIS[key];
  let value = one(raw[key]);
  if (!shape) {
    const homePage = one((value as Json)?.["homePage"]);
    const name = one((value as Json)?.["name"]);
    value = text(homePage) && IRI.test(homePage) && text(name) ? { homePage, name } : undefined;
  } else if (!text(value) || !shape.test(value)) value = undefined;
  const name = one(a["name"]);
  return value ? ({ objectType: "Agent", ...(text(name) ? { name } : {}), [key]: value } as Agent) : undefined;
}
