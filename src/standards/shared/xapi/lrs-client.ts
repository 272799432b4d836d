// The few LRS calls the runtime makes, over fetch (so page-hide sends can use keepalive and carry the
// Authorization header, which sendBeacon cannot). Every request has its own deadline: an LRS (or a proxy)
// that accepts the connection and never answers must not hold the learner or later requests.
import type { Agent, Statement } from "@xapi/xapi";
import type { TinCanLaunch } from "../../tincan/runtime/launch.js";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SendOutcome {
  /** HTTP status, or 0 when no usable answer came (network error, timeout, a 2xx that confirmed nothing). */
  readonly status: number;
  /** Seconds from a Retry-After header, when given. */
  readonly retryAfter?: number;
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

export class LrsClient {
  constructor(
    private readonly launch: TinCanLaunch,
    private readonly fetchFn: Fetch,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  /** Throws on network errors and on timeout (headers and body must both arrive in time). */
  private async call(url: string, init: RequestInit, extra: Record<string, string> = {}): Promise<Answer> {
    const abort = new AbortController();
    // A keepalive request outlives the page; its timer dies with the page, so it is never cut short then.
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      const res = await this.fetchFn(url, { ...init, headers: { Authorization: this.launch.auth, "X-Experience-API-Version": "1.0.3", ...extra }, signal: abort.signal });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } finally {
      clearTimeout(timer);
    }
  }

  async postStatements(statements: readonly Statement[], keepalive = false): Promise<SendOutcome> {
    try {
      const { status, headers, text } = await this.call(`${this.launch.endpoint}statements`, { method: "POST", body: JSON.stringify(statements), keepalive }, JSON_TYPE);
      // xAPI 1.0.3 Part 3 §2.1.2: POST answers 200 with the array of the stored statements' ids, in order.
      // Anything else (a proxy's HTML page, an empty body, other ids) confirms nothing: not delivered.
      if (status < 300 && status >= 200 && !confirms(text, statements)) return { status: 0 };
      const retry = Number(headers.get("Retry-After"));
      return { status, ...(retry > 0 ? { retryAfter: retry } : {}), ...(status < 300 ? {} : { message: text.slice(0, 300) }) };
    } catch {
      return { status: 0 };
    }
  }

  private stateUrl(activityId: string, stateId: string): string {
    const q = new URLSearchParams({ activityId, agent: JSON.stringify(agentIfi(this.launch.actor)), stateId });
    if (this.launch.registration) q.set("registration", this.launch.registration);
    return `${this.launch.endpoint}activities/state?${q.toString()}`;
  }

  /** undefined: no document yet (404). Throws on network errors, timeouts and other failures. */
  async getState(activityId: string, stateId: string): Promise<StateDocument | undefined> {
    const res = await this.call(this.stateUrl(activityId, stateId), {});
    if (res.status === 404) return undefined;
    if (res.status >= 300) throw new Error(String(res.status));
    const etag = res.headers.get("ETag");
    return { body: res.text, ...(etag ? { etag } : {}) };
  }

  /** PUT with If-Match (or If-None-Match: * for a new document). Returns the HTTP status (0 = no answer). */
  async putState(activityId: string, stateId: string, body: string, etag: string | undefined, keepalive = false): Promise<{ status: number; etag?: string }> {
    try {
      const res = await this.call(this.stateUrl(activityId, stateId), { method: "PUT", body, keepalive }, { ...JSON_TYPE, ...(etag ? { "If-Match": etag } : { "If-None-Match": "*" }) });
      const next = res.headers.get("ETag");
      return { status: res.status, ...(next ? { etag: next } : {}) };
    } catch {
      return { status: 0 };
    }
  }
}

const JSON_TYPE = { "Content-Type": "application/json" };

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
