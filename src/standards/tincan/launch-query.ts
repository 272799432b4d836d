// The TinCan launch (Rustici's "TinCan launch" convention, launch/lms_lrs.md): the query parameters that
// point content at an LRS — endpoint, auth, actor, registration, activity_id.
import { randomUUID } from "node:crypto";
import type { JsonObject, RunningLrs } from "../../lrs/index.js";

export interface LaunchFor {
  actor: JsonObject;
  /** Default: a new UUID (a new attempt). */
  registration?: string;
  activityId?: string;
}

/** Launch query parameters for content talking to `lrs` (appended to the launch file's URL). */
export function launchParameters(lrs: RunningLrs, launch: LaunchFor): URLSearchParams {
  const params = new URLSearchParams({
    endpoint: lrs.url,
    auth: lrs.authorization,
    actor: JSON.stringify(launch.actor),
    registration: launch.registration ?? randomUUID(),
  });
  if (launch.activityId !== undefined) params.set("activity_id", launch.activityId);
  return params;
}
