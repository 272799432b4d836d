// A durable, ordered outbox of statements (conformance 7.3, 7.11; lms-notes.md): every statement is kept
// in localStorage until the LRS confirms it, sent in order and in batches, retried with exponential
// back-off on network errors, 5xx and 429. Statement ids are made by the client, so a retry after an
// ambiguous failure cannot duplicate: the LRS accepts an identical resend (or answers 409), both delivered.
// A statement the LRS rejects (other 4xx) is parked and reported, never retried forever or blocking others.
import type { Statement } from "@xapi/xapi";
import { KEEPALIVE_LIMIT, type LrsClient, type SendOutcome } from "./lrs-client.js";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface QueueOptions {
  readonly batchSize?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Shown to the learner: rejected statements, refused credentials. */
  readonly onProblem?: (message: string) => void;
  /** Called whenever the queue becomes empty (after a flush). */
  readonly onDrained?: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

export class StatementQueue {
  private items: Statement[];
  private sending = false;
  private timer: Timer | undefined;
  private failures = 0;
  /** After a rejected batch, send one at a time until the bad statement is found. */
  private isolate = 0;
  private readonly batchSize: number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;

  constructor(
    private readonly client: LrsClient,
    private readonly store: KeyValueStore | null,
    private readonly key: string,
    private readonly options: QueueOptions = {},
  ) {
    this.items = this.load(key);
    this.batchSize = options.batchSize ?? 25;
    this.baseDelay = options.baseDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 60_000;
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
    if (this.failures === 0) this.schedule(0);
  }

  /** Sends until empty or until a failure schedules a retry. */
  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    this.clearTimer();
    try {
      while (this.items.length) {
        const batch = this.items.slice(0, this.isolate > 0 ? 1 : this.batchSize);
        const outcome = await this.client.postStatements(batch);
        if (!this.handle(batch, outcome)) return;
      }
      this.options.onDrained?.();
    } finally {
      this.sending = false;
    }
  }

  /**
   * The page is going away: hand everything to the browser with keepalive, which survives the page.
   * Nothing is removed: if these requests are lost, the next launch sends the same statements again.
   */
  flushOnExit(): void {
    this.clearTimer();
    let batch: Statement[] = [];
    let size = 2;
    const send = (): void => {
      if (batch.length) void this.client.postStatements(batch, true);
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
    if ((status >= 200 && status < 300) || status === 409) {
      this.remove(batch);
      this.failures = 0;
      if (this.isolate > 0) this.isolate--;
      return true;
    }
    if (status === 0 || status >= 500 || status === 429 || status === 408) {
      this.retryLater(outcome.retryAfter);
      return false;
    }
    if (status === 401 || status === 403) {
      this.options.onProblem?.(`The LRS refused our credentials (HTTP ${status}); your progress is kept on this device and will be sent when it accepts them.`);
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
    const parked = [...this.parked, ...batch];
    this.store?.setItem(`${this.key}:parked`, JSON.stringify(parked));
    const verb = batch[0]?.verb.display?.["en-US"] ?? batch[0]?.verb.id ?? "?";
    console.error(`[coursewright] the LRS rejected a '${verb}' statement (HTTP ${outcome.status}): ${outcome.message ?? ""}`);
    this.options.onProblem?.(`The LRS rejected a record of your progress (HTTP ${outcome.status}). It has been set aside; please tell your course administrator.`);
  }

  private remove(batch: readonly Statement[]): void {
    const sent = new Set(batch.map((s) => s.id));
    this.items = this.items.filter((s) => !sent.has(s.id));
    this.persist();
  }

  private retryLater(retryAfterSeconds?: number, slow = false): void {
    this.failures++;
    const backoff = Math.min(this.maxDelay, this.baseDelay * 2 ** (this.failures - 1) * (slow ? 8 : 1));
    const jitter = backoff * 0.2 * Math.random();
    this.setTimer(Math.max(backoff + jitter, (retryAfterSeconds ?? 0) * 1000));
  }

  private schedule(delayMs: number): void {
    if (this.sending) return; // the running flush picks new items up
    this.setTimer(delayMs);
  }

  private setTimer(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops timers (the page is gone, or a test is over). */
  stop(): void {
    this.clearTimer();
  }

  private load(key: string): Statement[] {
    try {
      const raw = this.store?.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as Statement[]) : [];
    } catch {
      return [];
    }
  }

  private persist(): void {
    try {
      this.store?.setItem(this.key, JSON.stringify(this.items));
    } catch (err) {
      // Storage full or blocked: the statements still go out from memory while the page lives.
      console.warn("[coursewright] could not keep statements in localStorage", err);
    }
  }
}
