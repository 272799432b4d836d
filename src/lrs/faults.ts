// Fault injection for tests of the content's retry queue: error statuses, an LRS that is down, slow answers,
// and the ambiguous failure (stored, but the answer never arrives) that makes retries need client-side ids.

/** Which requests a fault applies to. /about and CORS preflights are never faulted. */
export type FaultScope = "statements" | "state" | "all";

/** Answer `status` (e.g. 500, 503, 429) without doing anything, for the next `count` matching requests. */
export interface StatusFault {
  status: number;
  /** How many requests; omitted = until setFault(null). */
  count?: number;
  /** Sent as Retry-After (seconds). */
  retryAfterSeconds?: number;
  /** Default "statements". */
  scope?: FaultScope;
}

/** Process the request normally (statements are stored), then destroy the connection instead of answering. */
export interface DropResponseFault {
  status: 200;
  dropResponse: true;
  count?: number;
  /** Default "statements". */
  scope?: FaultScope;
}

/** Every new connection (and every open one, at once) is destroyed: the client sees a network error. */
export interface DownFault {
  down: true;
}

/** Answer normally but `delayMs` later. */
export interface DelayFault {
  delayMs: number;
  count?: number;
  /** Default "all". */
  scope?: FaultScope;
}

export type LrsFault = StatusFault | DropResponseFault | DownFault | DelayFault;

/** What the server must do to one request. */
export type FaultAction =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "drop" }
  | { kind: "delay"; delayMs: number };

export function resourceScope(resource: string): FaultScope | undefined {
  if (resource === "statements") return "statements";
  if (resource === "activities/state") return "state";
  return undefined;
}

export class FaultController {
  private fault: LrsFault | null = null;
  private remaining = Infinity;

  set(fault: LrsFault | null): void {
    this.fault = fault;
    this.remaining = fault && "count" in fault && fault.count !== undefined ? fault.count : Infinity;
  }

  get current(): LrsFault | null {
    return this.fault;
  }

  get down(): boolean {
    return this.fault !== null && "down" in this.fault;
  }

  /** The action for a request to `resource` (below the base path), using up one of the fault's count. */
  take(resource: string): FaultAction | undefined {
    const fault = this.fault;
    if (fault === null || "down" in fault || this.remaining <= 0) return undefined;
    const scope = resourceScope(resource);
    if (scope === undefined) return undefined;
    const wanted = fault.scope ?? ("delayMs" in fault ? "all" : "statements");
    if (wanted !== "all" && wanted !== scope) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.fault = null;
    if ("delayMs" in fault) return { kind: "delay", delayMs: fault.delayMs };
    if ("dropResponse" in fault) return { kind: "drop" };
    return { kind: "status", status: fault.status, retryAfterSeconds: fault.retryAfterSeconds };
  }
}
