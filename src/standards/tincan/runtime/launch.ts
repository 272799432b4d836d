// TinCan launch parameters (TinCan launch, Rustici launch/lms_lrs.md): read from the query string with
// URLSearchParams, because LMSs encode spaces as '+' or '%20' (both legal form encoding) and a bare
// decodeURIComponent turns `Basic+…` into an Authorization header every LRS refuses with 401.
import type { Agent } from "@xapi/xapi";
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";

/** The TinCan launch is an LRS launch read from the query string. */
export type TinCanLaunch = LrsLaunch;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
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
const IFIS: Readonly<Record<string, RegExp>> = { mbox: /^mailto:[^@\s]+@\S+$/, mbox_sha1sum: /^[0-9a-f]{40}$/i, openid: IRI, account: IRI };

type Json = Record<string, unknown>;

/** TinCan LMSs send single-valued arrays (`"mbox":["mailto:…"]`, `"name":["…"]`) too: normalise them. */
const one = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const shaped = (v: unknown, shape: RegExp | undefined): v is string => typeof v === "string" && shape!.test(v);

/** An Agent with exactly one identifier, of the right shape, and the display name when it has one. */
export function parseActor(json: string): Agent | undefined {
  try {
    const a = JSON.parse(json) as Json;
    // Not an object (null, a number): reading a field throws, and the catch says no.
    const [key = "", other] = Object.keys(IFIS).filter((k) => a[k] !== undefined);
    let value = one(a[key]);
    let valid = shaped(value, IFIS[key]);
    if (key === "account") {
      const account = value as Json;
      const homePage = one(account["homePage"]);
      const name = one(account["name"]);
      value = { homePage, name };
      valid = shaped(homePage, IRI) && shaped(name, TEXT);
    }
    const name = one(a["name"]);
    if (valid && !other) return { objectType: "Agent", name: shaped(name, TEXT) ? name : undefined, [key]: value } as Agent;
  } catch {
    /* not JSON, or not an object */
  }
  return undefined;
}
