// TinCan launch parameters (TinCan launch, Rustici launch/lms_lrs.md): read from the query string with
// URLSearchParams, because LMSs encode spaces as '+' or '%20' (both legal form encoding) and a bare
// decodeURIComponent turns `Basic+…` into an Authorization header every LRS refuses with 401.
import type { Agent } from "@xapi/xapi";
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";
import { parseJson } from "../../common/xapi/sender.js";

/** The TinCan launch is an LRS launch read from the query string. */
export type TinCanLaunch = LrsLaunch;

const UUID = /^[\da-f]{8}-[\da-f]{4}-[1-8][\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const TEXT = /[^]/;

/**
 * The launch, or the parameter that is wrong (the tracker words it): `""` when nothing was given at all
 * (the course runs untracked, which is no error).
 */
export function parseLaunch(search: string): TinCanLaunch | string {
  const q = new URLSearchParams(search);
  const endpoint = q.get("endpoint") || "";
  const auth = q.get("auth") || "";
  const actorText = q.get("actor");
  if (!endpoint && !auth && !actorText) return "";
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    /* not a URL */
  }
  const actor = parseActor(actorText || "");
  const registration = q.get("registration");
  const activityId = q.get("activity_id");
  const { href } = url || {};
  return !href || !/^https?:$/.test(url!.protocol) ? "endpoint"
    : !/^\S+ \S+/.test(auth) ? "auth" // an Authorization header value: "Basic …"
    : !actor ? "actor" // an xAPI Agent with exactly one identifier
    : registration !== null && !UUID.test(registration) ? "registration"
    : activityId !== null && !IRI.test(activityId) ? "activity_id"
    : {
        endpoint: href.endsWith("/") ? href : `${href}/`,
        auth,
        actor,
        registration: registration?.toLowerCase(),
        activityId: activityId || undefined,
        grouping: (q.get("grouping") || "").split(",").map((s) => s.trim()).filter((s) => IRI.test(s)),
      };
}

/**
 * The Agent's inverse functional identifiers (xAPI 1.0.3 Part 2 §2.4.2.3), each with the shape its value
 * must have; `account`'s is its homePage's (an object of homePage and name).
 */
const IFIS: Readonly<Record<string, RegExp>> = { mbox: /^mailto:[^@\s]+@\S+$/, mbox_sha1sum: /^[\da-f]{40}$/i, openid: IRI, account: IRI };

type Json = Record<string, unknown>;

/** TinCan LMSs send single-valued arrays (`"mbox":["mailto:…"]`, `"name":["…"]`) too: a JSON reviver unwraps them. */
const one = (_key: string, v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const shaped = (v: unknown, shape: RegExp | undefined): v is string => typeof v === "string" && shape!.test(v);

/** An Agent with exactly one identifier, of the right shape, and the display name when it has one. */
export function parseActor(json: string): Agent | undefined {
  // Not JSON, or null: no fields at all.
  const a = (parseJson(json, one) || {}) as Json;
  const [key = "", other] = Object.keys(IFIS).filter((k) => a[k] !== undefined);
  const value = a[key];
  const { homePage, name } = ((key === "account" && value) || {}) as Json;
  const valid = key === "account" ? shaped(homePage, IRI) && shaped(name, TEXT) : shaped(value, IFIS[key]);
  const display = a["name"];
  return valid && !other ? ({ objectType: "Agent", name: shaped(display, TEXT) ? display : undefined, [key]: homePage ? { homePage, name } : value } as Agent) : undefined;
}
