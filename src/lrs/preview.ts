// What the preview server needs from the LRS: start one that keeps its data in a file, and build the TinCan
// launch parameters (endpoint, auth, actor, registration, activity_id) that point content at it.
import { randomUUID } from "node:crypto";
import type { JsonObject } from "./json.js";
import { startLrs, type LrsCredentials, type RunningLrs } from "./server.js";

export interface PreviewLrsOptions {
  /** SQLite file; its folder is created if missing. Data survives preview restarts. */
  dbFile: string;
  /** Default 0 (any free port). */
  port?: number;
  credentials?: LrsCredentials;
}

/** A file-backed development LRS on 127.0.0.1 (no faults, no latency). */
export function startPreviewLrs(options: PreviewLrsOptions): Promise<RunningLrs> {
  return startLrs({
    dbFile: options.dbFile,
    port: options.port ?? 0,
    ...(options.credentials ? { credentials: [options.credentials] } : {}),
  });
}

export interface LaunchFor {
  actor: JsonObject;
  /** Default: a new UUID (a new attempt). */
  registration?: string;
  activityId?: string;
}

/** TinCan launch query parameters for content talking to `lrs` (append to the launch file's URL). */
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
