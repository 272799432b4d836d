// The few LRS calls the runtime makes, over fetch (so page-hide sends can use keepalive and carry the
// Authorization header, which sendBeacon cannot). Every request has its own deadline: an LRS (or a proxy)
// that accepts the connection and never answers must not hold the learner or later requests.
import type { Agent, Statement } from "@xapi/xapi";
import type { LrsLaunch } from "./lrs-launch.js";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SendOutcome {
  /** HTTP status, or 0 when no usable answer came (network error, timeout, a 2xx that confirmed nothing). */
  readonly status: number;
  /** Seconds from a Retry-After header, when given. */
  readonly retryAfter?: number;
  /** The start of the answer's body (for the console, when a statement is rejected). */
  readonly message?: string;
}

export interface StateDocument {
  readonly body: string;
  readonly etag?: string;
}

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
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
  /** PUT with If-Match (or If-None-Match: * for a new document). Returns the HTTP status (0 = no answer). */
  putState: (activityId: string, stateId: string, body: string, etag: string | undefined, keepalive?: boolean) => Promise<{ status: number; etag?: string }>;

  constructor(launch: LrsLaunch, fetchFn: Fetch, timeoutMs = REQUEST_TIMEOUT_MS) {
    const { endpoint, registration } = launch;
    /** Throws on network errors and on timeout (headers and body must both arrive in time). */
    const call = async (url: string, init: RequestInit, extra?: Record<string, string>): Promise<Answer> => {
      const abort = new AbortController();
      // A keepalive request outlives the page; its timer dies with the page, so it is never cut short then.
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const headers = { Authorization: launch.auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json", ...extra };
        const res = await fetchFn(url, { ...init, headers, signal: abort.signal });
        return { status: res.status, headers: res.headers, text: await res.text() };
      } finally {
        clearTimeout(timer);
      }
    };
    // The learner by identifier only (the State API keys documents by it), and the attempt.
    const stateUrl = (activityId: string, stateId: string): string =>
      `${endpoint}activities/state?${new URLSearchParams({ activityId, agent: JSON.stringify(agentIfi(launch.actor)), stateId, ...(registration ? { registration } : {}) })}`;
    this.postStatements = async (statements, keepalive) => {
      try {
        const { status, headers, text } = await call(`${endpoint}statements`, { method: "POST", body: JSON.stringify(statements), keepalive });
        // xAPI 1.0.3 Part 3 §2.1.2: POST answers 200 with the array of the stored statements' ids, in order.
        // Anything else (a proxy's HTML page, an empty body, other ids) confirms nothing: not delivered.
        return delivered(status) && !confirms(text, statements) ? { status: 0 } : { status, retryAfter: Number(headers.get("Retry-After")) || undefined, message: text.slice(0, 300) };
      } catch {
        return { status: 0 };
      }
    };
    this.getState = async (activityId, stateId) => {
      const { status, headers, text } = await call(stateUrl(activityId, stateId), {});
      if (status === 404) return undefined;
      if (status > 299) throw new Error(String(status));
      return { body: text, etag: headers.get("ETag") ?? undefined };
    };
    this.putState = async (activityId, stateId, body, etag, keepalive) => {
      try {
        const { status, headers } = await call(stateUrl(activityId, stateId), { method: "PUT", body, keepalive }, etag ? { "If-Match": etag } : { "If-None-Match": "*" });
        return { status, etag: headers.get("ETag") ?? undefined };
      } catch {
        return { status: 0 };
      }
    };
  }
}

/** The body is exactly the ids we sent, in order (we make the ids, so we know them; UUIDs compare case-insensitively). */
function confirms(text: string, sent: readonly Statement[]): boolean {
  try {
    const ids: unknown = JSON.parse(text);
    return Array.isArray(ids) && ids.length === sent.length && sent.every((s, i) => String(ids[i]).toLowerCase() === String(s.id).toLowerCase());
  } catch {
    return false;
  }
}

/** The agent's identifier only: the State API keys documents by it, not by display name (launch.ts builds agents as objectType + name + one identifier). */
export function agentIfi(a: Agent): Agent {
  const { name: _, ...ifi } = a;
  return ifi;
}
