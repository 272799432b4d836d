// TinCan launch parameters (TinCan launch, Rustici launch/lms_lrs.md): read from the query string with
// URLSearchParams, because LMSs encode spaces as '+' or '%20' (both legal form encoding) and a bare
// decodeURIComponent turns `Basic+…` into an Authorization header every LRS refuses with 401.
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";
import { IRI, parseActor, UUID } from "../../common/xapi/actor.js";

/** The TinCan launch is an LRS launch read from the query string. */
export type TinCanLaunch = LrsLaunch;

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
