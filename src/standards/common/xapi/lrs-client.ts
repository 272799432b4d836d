// The few LRS calls the runtime makes, over fetch (so page-hide sends can use keepalive and carry the
// Authorization header, which sendBeacon cannot). Every request has its own deadline: an LRS (or a proxy)
// that accepts the connection and never answers must not hold the learner or later requests.
import type { Statement } from "@xapi/xapi";
import type { LrsLaunch } from "./lrs-launch.js";
import { parseJson } from "./sender.js";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What one request came to; a failure to get any answer (network error, timeout) is status 0. */
export interface SendOutcome {
  /** HTTP status, or 0 when no usable answer came (network error, timeout, a 2xx that confirmed nothing). */
  readonly status: number;
  /** Seconds from a Retry-After header, when given. */
  readonly retryAfter?: number;
  /** The answer's body (for the console, when a statement is rejected). */
  readonly text?: string;
  /** The ETag header, when given. */
  readonly etag?: string;
}

export interface StateDocument {
  readonly body: string;
  readonly etag?: string;
}

/** A 2xx: the LRS took it (xAPI 1.0.3 Part 3 §2.1.2, §2.3). */
export const delivered = (status: number): boolean => status > 199 && status < 300;

/** No answer (0), a server error, 429 Too Many Requests or 408 Request Timeout: worth sending again later. */
export const retryable = (status: number): boolean => !status || status > 499 || status === 429 || status === 408;

/** keepalive requests share a 64 KiB budget per page; stay under it. */
export const KEEPALIVE_LIMIT = 60_000;
/** Generous for a healthy LRS (answers in well under a second); short enough that a stuck one is noticed. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The methods are closures over the launch (assignable, so tests can script the LRS's answers). */
export class LrsClient {
  postStatements: (statements: readonly Statement[], keepalive?: boolean) => Promise<SendOutcome>;
  /** undefined: no document yet (404). Throws on network errors, timeouts and other failures. */
  getState: (activityId: string, stateId: string) => Promise<StateDocument | undefined>;
  /** PUT with If-Match (or If-None-Match: * for a new document). Status 0: no answer. */
  putState: (activityId: string, stateId: string, body: string, etag: string | undefined, keepalive?: boolean) => Promise<SendOutcome>;

  constructor(launch: LrsLaunch, fetchFn: Fetch, timeoutMs = REQUEST_TIMEOUT_MS) {
    const { endpoint, registration } = launch;
    /** Never throws: no answer (network error; headers and body not both in time) is status 0. */
    const call = async (url: string, init: RequestInit, extra?: Record<string, string>): Promise<SendOutcome> => {
      const abort = new AbortController();
      // A keepalive request outlives the page; its timer dies with the page, so it is never cut short then.
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const headers = { Authorization: launch.auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json", ...extra };
        const res = await fetchFn(url, { ...init, headers, signal: abort.signal });
        const header = (name: string): string | undefined => res.headers.get(name) ?? undefined;
        return { status: res.status, retryAfter: Number(header("Retry-After")) || undefined, etag: header("ETag"), text: await res.text() };
      } catch {
        return { status: 0 };
      } finally {
        clearTimeout(timer);
      }
    };
    // The learner by identifier only (the State API keys documents by it; JSON leaves the undefined name
    // out), and the attempt.
    const learner = { agent: JSON.stringify({ ...launch.actor, name: undefined }), ...(registration ? { registration } : {}) };
    const stateUrl = (activityId: string, stateId: string): string => `${endpoint}activities/state?${new URLSearchParams({ activityId, stateId, ...learner })}`;
    this.postStatements = async (statements, keepalive) => {
      const answer = await call(`${endpoint}statements`, { method: "POST", body: JSON.stringify(statements), keepalive });
      // xAPI 1.0.3 Part 3 §2.1.2: POST answers 200 with the array of the stored statements' ids, in order.
      // Anything else (a proxy's HTML page, an empty body, other ids) confirms nothing: not delivered.
      return delivered(answer.status) && !confirms(answer.text, statements) ? { status: 0 } : answer;
    };
    this.getState = async (activityId, stateId) => {
      const { status, text = "", etag } = await call(stateUrl(activityId, stateId), {});
      if (status === 404) return undefined;
      if (!delivered(status)) throw new Error(String(status));
      return { body: text, etag };
    };
    this.putState = (activityId, stateId, body, etag, keepalive) =>
      call(stateUrl(activityId, stateId), { method: "PUT", body, keepalive }, etag ? { "If-Match": etag } : { "If-None-Match": "*" });
  }
}

/**
 * The body is exactly the ids we sent, in order (we make the ids, so we know them; UUIDs compare
 * case-insensitively, and hold no comma, so the lists compare joined).
 */
function confirms(text: string | undefined, sent: readonly Statement[]): boolean {
  const ids = parseJson(text);
  return Array.isArray(ids) && `${ids}`.toLowerCase() === sent.map((s) => s.id).join().toLowerCase();
}
