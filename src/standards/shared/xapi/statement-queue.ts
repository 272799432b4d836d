// A durable, ordered outbox of statements (client-made ids, xAPI 1.0.3 Part 2 §2.4.1; a tab closed or an
// LRS that never answers must not lose a statement): every statement is kept
// in localStorage until the LRS confirms it (xAPI 1.0.3 Part 3 §2.1.2: the ids come back), sent in order
// and in batches, retried with exponential back-off on network errors, timeouts, unconfirmed 2xx, 5xx and
// 429. Statement ids are made by the client, so a retry after an ambiguous failure cannot duplicate: the
// LRS accepts an identical resend (or answers 409), both delivered. A statement the LRS rejects (other
// 4xx) is parked and reported, never retried forever or blocking others.
import type { Statement } from "@xapi/xapi";
import { KEEPALIVE_LIMIT, type LrsClient, type SendOutcome } from "./lrs-client.js";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Whether the LRS answered, and whether that answer ends a run of failures (a recovery). */
export type LinkReport = (ok: boolean, recovered: boolean) => void;

export interface QueueOptions {
  readonly batchSize?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Wait for `release` before sending anything. */
  readonly held?: boolean;
  /** Shown to the learner: rejected statements, refused credentials. */
  readonly onProblem?: (message: string) => void;
  readonly onLink?: LinkReport;
}

const noop = (): void => {};

/** Where nothing can be kept (storage blocked): everything still goes out from memory while the page lives. */
export const NO_STORE: KeyValueStore = { getItem: () => null, setItem: noop };

/** Exponential back-off with 20 % jitter, the same for statements and the State API. */
export function backoff(failures: number, baseMs: number, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** (failures - 1)) * (1 + 0.2 * Math.random());
}

export class StatementQueue {
  private items: Statement[];
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private failures = 0;
  /** After a rejected batch, send one at a time until the bad statement is found. */
  private isolate = 0;
  /** Not sent before `release` (the launch's State read decides the first statement). */
  private held: boolean;
  /** This session: a statement was parked (sticky); our credentials are refused (until accepted). */
  private parkedNow = false;
  private authRefused = false;
  private readonly problem: (message: string) => void;
  private readonly link: LinkReport;

  constructor(
    private readonly client: LrsClient,
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly options: QueueOptions = {},
  ) {
    this.items = this.load(key);
    this.held = Boolean(options.held);
    this.problem = options.onProblem || noop;
    this.link = options.onLink || noop;
  }

  /** The LRS refused part of the learner's record this session. */
  get refused(): boolean {
    return this.parkedNow || this.authRefused;
  }

  get pending(): readonly Statement[] {
    return this.items;
  }

  get parked(): readonly Statement[] {
    return this.load(`${this.key}:parked`);
  }

  enqueue(statements: readonly Statement[]): void {
    if (!statements.length) return;
    this.items.push(...statements);
    this.persist();
    // While the LRS is failing, keep to the back-off schedule instead of retrying on every click.
    if (!this.failures) this.schedule(0);
  }

  /** Puts `first` before everything queued since index `at`, then starts sending (once). */
  release(first: Statement, at: number): void {
    if (!this.held) return;
    this.items.splice(at, 0, first);
    this.persist();
    this.held = false;
    this.schedule(0);
  }

  /** The LRS answered elsewhere after an outage: retry now rather than at the end of the back-off. */
  kick(): void {
    if (this.failures) this.schedule(0);
  }

  /** Sends until empty or until a failure schedules a retry. */
  async flush(): Promise<void> {
    if (this.sending || this.held) return;
    this.sending = true;
    this.stop();
    try {
      while (this.items.length) {
        const batch = this.items.slice(0, this.isolate > 0 ? 1 : this.options.batchSize || 25);
        if (!this.handle(batch, await this.client.postStatements(batch))) return;
      }
    } finally {
      this.sending = false;
    }
  }

  /**
   * The page is going away: hand everything to the browser with keepalive, which survives the page.
   * What the LRS confirms while the page still lives is removed; if the answers are lost, the next launch
   * sends the same statements again (same ids: no duplicates).
   */
  flushOnExit(): void {
    this.stop();
    let batch: Statement[] = [];
    let size = 2;
    const send = (): void => {
      const sent = batch;
      if (sent.length) void this.client.postStatements(sent, true).then((o) => o.status > 199 && o.status < 300 && this.remove(sent));
      batch = [];
      size = 2;
    };
    for (const s of this.items) {
      const n = JSON.stringify(s).length + 1;
      if (size + n > KEEPALIVE_LIMIT / 2) send();
      batch.push(s);
      size += n;
    }
    send();
  }

  /** true: carry on with the next batch. */
  private handle(batch: readonly Statement[], outcome: SendOutcome): boolean {
    const { status } = outcome;
    if ((status > 199 && status < 300) || status === 409) {
      this.remove(batch);
      const recovered = this.failures > 0;
      this.failures = 0;
      this.authRefused = false;
      if (this.isolate > 0) this.isolate--;
      this.link(true, recovered);
      return true;
    }
    if (!status || status > 499 || status === 429 || status === 408) {
      this.retryLater(outcome.retryAfter);
      this.link(false, false);
      return false;
    }
    if (status === 401 || status === 403) {
      this.authRefused = true;
      this.problem(`The LRS refused our credentials (HTTP ${status}); your progress is kept on this device until it accepts them.`);
      this.retryLater(outcome.retryAfter, true);
      return false;
    }
    // Another 4xx: something in this batch is invalid. Find it, park it, keep going.
    if (batch.length > 1) {
      this.isolate = batch.length;
      return true;
    }
    this.park(batch, outcome);
    if (this.isolate > 0) this.isolate--;
    return true;
  }

  private park(batch: readonly Statement[], outcome: SendOutcome): void {
    this.remove(batch);
    this.parkedNow = true;
    this.store.setItem(`${this.key}:parked`, JSON.stringify([...this.parked, ...batch]));
    console.error("[coursewright] the LRS rejected", batch[0], outcome);
    this.problem(`The LRS rejected a record of your progress (HTTP ${outcome.status}); please tell your course administrator.`);
  }

  private remove(batch: readonly Statement[]): void {
    const sent = new Set(batch.map((s) => s.id));
    this.items = this.items.filter((s) => !sent.has(s.id));
    this.persist();
  }

  private retryLater(retryAfterSeconds = 0, slow = false): void {
    this.failures++;
    this.setTimer(Math.max(backoff(this.failures, (this.options.baseDelayMs || 1000) * (slow ? 8 : 1), this.options.maxDelayMs), retryAfterSeconds * 1000));
  }

  private schedule(delayMs: number): void {
    if (!this.sending) this.setTimer(delayMs); // else the running flush picks new items up
  }

  private setTimer(delayMs: number): void {
    this.stop();
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  /** Stops the retry timer (a flush is starting, the page is gone, or a test is over). */
  stop(): void {
    clearTimeout(this.timer);
  }

  private load(key: string): Statement[] {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(key) || "[]");
      return Array.isArray(parsed) ? (parsed as Statement[]) : [];
    } catch {
      return [];
    }
  }

  private persist(): void {
    try {
      this.store.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked: the statements still go out from memory while the page lives.
    }
  }
}
