// The simulation facet of a standard: what plays the LMS's part in the LMS-like player (preview, verify,
// the end-to-end tests). The Node side is this object; the browser side is the standard's own client
// module, `src/standards/<id>/player-client.ts`, which registers with the neutral client core
// (src/player/client/core.ts) and is what the player page loads (prebuilt as `player-<id>.js` beside the
// compiled CLI by scripts/compile.mjs).
import type { JsonObject, RunningLrs } from "../lrs/index.js";
import type { OptionalPeer } from "../optional-deps.js";

export interface PlayerScript {
  /** Served as /__cw/<name>, loaded by the player page before the client. */
  readonly name: string;
  /** The script's text (read when first served: it may come from an optional package). */
  source(): string;
}

/** A request to the LMS's own endpoints on the player server: `/__cw/lms/<path>`. */
export interface LmsRequest {
  readonly method: string;
  /** After `/__cw/lms/`. */
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface LmsReply {
  readonly status: number;
  readonly body: string;
  /** Default application/json. */
  readonly type?: string;
}

/** What an LMS with endpoints of its own plays against, from the player server. */
export interface LmsContext {
  readonly lrs: RunningLrs;
  /** The player's address, ending in '/': the LMS's endpoints are `${base}__cw/lms/…`. */
  readonly base: string;
  readonly actor: JsonObject;
  /** The attempt's registration (a new attempt changes it). */
  registration(): string;
  /** The unpacked package's folder (a preview rebuild may change it). */
  packageDir(): string;
}

/** An LMS that answers requests itself (a launch it prepares, a one-time token it hands out), beside the LRS. */
export interface SimulatedLms {
  answer(request: LmsRequest): Promise<LmsReply>;
}

export interface Simulation {
  /** What plays the LMS, for reports: "scorm-again as the LMS". */
  readonly lms: string;
  /** The player needs the development LRS beside it (launch parameters point at it). */
  readonly needsLrs: boolean;
  /** With an LRS: the launch URL's query that points the content at it, for this learner and attempt. */
  launchQuery?(lrs: RunningLrs, launch: { readonly actor: JsonObject; readonly registration: string; readonly activityId?: string }): string;
  /** An LMS with endpoints of its own (served under /__cw/lms/), made once per player server. */
  endpoints?(context: LmsContext): SimulatedLms;
  /** Scripts the player page loads before the client module (the LMS's API implementation). */
  readonly scripts: readonly PlayerScript[];
  /**
   * Where the attempt is kept when the content keeps it itself and the player stores nothing (no LMS: the
   * browser's storage); preview says this instead of naming its attempt file.
   */
  readonly attemptKeptIn?: string;
  /** The tracking panel: the heading of its log and the id of the list the client fills, the data heading. */
  readonly panel: { readonly log: string; readonly logId: string; readonly data: string };
  /** Optional packages that playing it needs (verify checks them before loading; Chromium's driver aside). */
  readonly peers: readonly OptionalPeer[];
}
