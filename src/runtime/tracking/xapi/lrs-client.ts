// The few LRS calls the runtime makes, over fetch (so page-hide sends can use keepalive and carry the
// Authorization header, which sendBeacon cannot).
import type { Agent, Statement } from "@xapi/xapi";
import type { TinCanLaunch } from "./launch.js";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SendOutcome {
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  /** Seconds from a Retry-After header, when given. */
  readonly retryAfter?: number;
  readonly message?: string;
}

export interface StateDocument {
  readonly body: string;
  readonly etag?: string;
}

/** keepalive requests share a 64 KiB budget per page; stay under it. */
export const KEEPALIVE_LIMIT = 60_000;

export class LrsClient {
  constructor(
    private readonly launch: TinCanLaunch,
    private readonly fetchFn: Fetch,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: this.launch.auth, "X-Experience-API-Version": "1.0.3", ...extra };
  }

  async postStatements(statements: readonly Statement[], keepalive = false): Promise<SendOutcome> {
    try {
      const res = await this.fetchFn(`${this.launch.endpoint}statements`, {
        method: "POST",
        headers: this.headers({ "Content-Type": "application/json" }),
        body: JSON.stringify(statements),
        keepalive,
      });
      const retry = Number(res.headers.get("Retry-After"));
      const message = res.ok ? undefined : (await res.text().catch(() => "")).slice(0, 300);
      return { status: res.status, ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}), ...(message ? { message } : {}) };
    } catch (err) {
      return { status: 0, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private stateUrl(activityId: string, stateId: string): string {
    const q = new URLSearchParams({ activityId, agent: JSON.stringify(agentIfi(this.launch.actor)), stateId });
    if (this.launch.registration) q.set("registration", this.launch.registration);
    return `${this.launch.endpoint}activities/state?${q.toString()}`;
  }

  /** undefined: no document yet (404). Throws on network errors and other failures. */
  async getState(activityId: string, stateId: string): Promise<StateDocument | undefined> {
    const res = await this.fetchFn(this.stateUrl(activityId, stateId), { headers: this.headers() });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`state GET answered ${res.status}`);
    const etag = res.headers.get("ETag") ?? undefined;
    return { body: await res.text(), ...(etag ? { etag } : {}) };
  }

  /** PUT with If-Match (or If-None-Match: * for a new document). Returns the HTTP status (0 = no answer). */
  async putState(activityId: string, stateId: string, body: string, etag: string | undefined, keepalive = false): Promise<{ status: number; etag?: string }> {
    try {
      const res = await this.fetchFn(this.stateUrl(activityId, stateId), {
        method: "PUT",
        headers: this.headers({ "Content-Type": "application/json", ...(etag ? { "If-Match": etag } : { "If-None-Match": "*" }) }),
        body,
        keepalive,
      });
      const next = res.headers.get("ETag") ?? undefined;
      return { status: res.status, ...(next ? { etag: next } : {}) };
    } catch {
      return { status: 0 };
    }
  }
}

/** The agent's identifier only: the State API keys documents by it, not by display name. */
export function agentIfi(a: Agent): Agent {
  if (a.mbox) return { objectType: "Agent", mbox: a.mbox };
  if (a.mbox_sha1sum) return { objectType: "Agent", mbox_sha1sum: a.mbox_sha1sum };
  if (a.openid) return { objectType: "Agent", openid: a.openid };
  return { objectType: "Agent", ...(a.account ? { account: a.account } : {}) };
}
