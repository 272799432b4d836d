// Fault injection for tests of the content's retry queue and State API writer: error statuses, an LRS that
// is down (for everything or for one resource), slow answers, an LRS that never answers, a 200 whose body
// is not what xAPI requires, and the ambiguous failure (stored, but the answer never arrives) that makes
// retries need client-side ids.

/** Which requests a fault applies to. /about and CORS preflights are never faulted. */
export type FaultScope = "statements" | "state" | "all";

interface Counted {
  /** How many matching requests; omitted = until setFault(null). */
  count?: number;
  scope?: FaultScope;
}

/** Answer `status` (e.g. 500, 503, 429) without doing anything. Scope default "statements". */
export interface StatusFault extends Counted {
  status: number;
  /** Sent as Retry-After (seconds). */
  retryAfterSeconds?: number;
}

/** Process the request normally (statements are stored), then destroy the connection instead of answering. */
export interface DropResponseFault extends Counted {
  status: 200;
  dropResponse: true;
}

/** Every new connection (and every open one, at once) is destroyed: the client sees a network error. */
export interface DownFault {
  down: true;
}

/** A network error for the matching requests only (the rest of the LRS works): nothing is done. Scope default "all". */
export interface ResetFault extends Counted {
  reset: true;
}

/** Accept the request and never answer (a stuck LRS or proxy); the connection stays open until the client gives up. Scope default "all". */
export interface HangFault extends Counted {
  hang: true;
}

/**
 * Answer `status` (default 200) with exactly `body`, doing nothing: e.g. a captive portal's HTML, an empty
 * body, or statement ids that are not the ones sent. Scope default "statements".
 */
export interface ReplyFault extends Counted {
  reply: string;
  status?: number;
  contentType?: string;
}

/** Answer normally but `delayMs` later. Scope default "all". */
export interface DelayFault extends Counted {
  delayMs: number;
}

export type LrsFault = StatusFault | DropResponseFault | DownFault | ResetFault | HangFault | ReplyFault | DelayFault;

/** What the server must do to one request. */
export type FaultAction =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "drop" }
  | { kind: "delay"; delayMs: number }
  | { kind: "reset" }
  | { kind: "hang" }
  | { kind: "reply"; status: number; body: string; contentType: string };

export function resourceScope(resource: string): FaultScope | undefined {
  if (resource === "statements") return "statements";
  if (resource === "activities/state") return "state";
  return undefined;
}

function defaultScope(fault: Exclude<LrsFault, DownFault>): FaultScope {
  return "delayMs" in fault || "reset" in fault || "hang" in fault ? "all" : "statements";
}

function action(fault: Exclude<LrsFault, DownFault>): FaultAction {
  if ("delayMs" in fault) return { kind: "delay", delayMs: fault.delayMs };
  if ("reset" in fault) return { kind: "reset" };
  if ("hang" in fault) return { kind: "hang" };
  if ("reply" in fault) return { kind: "reply", status: fault.status ?? 200, body: fault.reply, contentType: fault.contentType ?? "application/json" };
  if ("dropResponse" in fault) return { kind: "drop" };
  return { kind: "status", status: fault.status, retryAfterSeconds: fault.retryAfterSeconds };
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
    const wanted = fault.scope ?? defaultScope(fault);
    if (wanted !== "all" && wanted !== scope) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.fault = null;
    return action(fault);
  }
}
