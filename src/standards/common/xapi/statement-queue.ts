// A durable, ordered outbox of statements (client-made ids, xAPI 1.0.3 Part 2 §2.4.1; a tab closed or an
// LRS that never answers must not lose a statement): every statement is kept
// in localStorage until the LRS confirms it (xAPI 1.0.3 Part 3 §2.1.2: the ids come back), sent in order
// and in batches, retried with exponential back-off on network errors, timeouts, unconfirmed 2xx, 5xx and
// 429. Statement ids are made by the client, so a retry after an ambiguous failure cannot duplicate: the
// LRS accepts an identical resend (or answers 409), both delivered. A statement the LRS rejects (other
// 4xx) is parked and reported, never retried forever or blocking others.
import type { Statement } from "@xapi/xapi";
import { delivered, KEEPALIVE_LIMIT, retryable, type LrsClient, type SendOutcome } from "./lrs-client.js";

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
  /** Shown to the learner: rejected statements, refused credentials (a key of messages.ts, and the HTTP status). */
  readonly onProblem?: (key: string, status: number) => void;
  readonly onLink?: LinkReport;
}

const noop = (): void => {};

/** Where nothing can be kept (storage blocked): everything still goes out from memory while the page lives. */
export const NO_STORE: KeyValueStore = { getItem: () => null, setItem: noop };

/** Exponential back-off with 20 % jitter, the same for statements and the State API. */
export function backoff(failures: number, baseMs: number, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** (failures - 1)) * (1 + 0.2 * Math.random());
}

/**
 * The queue's state lives in its constructor's closure (the methods are closures too), so the bundle's
 * minifier can shorten it; what the tracker and tests read is on the object.
 */
export class StatementQueue {
  /** Not confirmed by the LRS yet, oldest first (kept in storage under `key`). */
  readonly pending: readonly Statement[];
  /** Statements the LRS rejected, set aside (under `<key>:parked`, from every session). */
  parked: readonly Statement[];
  /** The LRS refused part of the learner's record this session: a statement was parked (sticky), or our credentials are refused (until accepted). */
  refused = false;
  readonly enqueue: (statements: readonly Statement[]) => void;
  /** Puts `first` before everything queued since index `at`, then starts sending (once). */
  readonly release: (first: Statement, at: number) => void;
  /** The LRS answered elsewhere after an outage: retry now rather than at the end of the back-off. */
  readonly kick: () => void;
  /** Sends until empty or until a failure schedules a retry. */
  readonly flush: () => Promise<void>;
  /**
   * The page is going away: hand everything to the browser with keepalive, which survives the page.
   * What the LRS confirms while the page still lives is removed; if the answers are lost, the next launch
   * sends the same statements again (same ids: no duplicates).
   */
  readonly flushOnExit: () => void;
  /** Stops the retry timer (a flush is starting, the page is gone, or a test is over). */
  readonly stop: () => void;

  constructor(client: LrsClient, store: KeyValueStore, key: string, options: QueueOptions = {}) {
    const parkedKey = `${key}:parked`;
    const load = (k: string): Statement[] => {
      try {
        const parsed: unknown = JSON.parse(store.getItem(k) || "[]");
        return Array.isArray(parsed) ? (parsed as Statement[]) : [];
      } catch {
        return [];
      }
    };
    const persist = (): void => {
      try {
        store.setItem(key, JSON.stringify(items));
      } catch {
        // Storage full or blocked: the statements still go out from memory while the page lives.
      }
    };
    const items = load(key);
    this.pending = items;
    this.parked = load(parkedKey);
    const problem = options.onProblem || noop;
    const link = options.onLink || noop;
    let sending = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    /** After a rejected batch, send one at a time until the bad statement is found. */
    let isolate = 0;
    /** Not sent before `release` (the launch's State read decides the first statement). */
    let held = Boolean(options.held);
    let parkedNow = false;

    const stop = (this.stop = () => clearTimeout(timer));
    const setTimer = (delayMs: number): void => {
      stop();
      timer = setTimeout(() => void flush(), delayMs);
    };
    // While a flush runs it picks new items up.
    const schedule = (): void => {
      if (!sending) setTimer(0);
    };
    const retryLater = (retryAfterSeconds = 0, slow = false): void => {
      failures++;
      setTimer(Math.max(backoff(failures, (options.baseDelayMs || 1000) * (slow ? 8 : 1), options.maxDelayMs), retryAfterSeconds * 1000));
    };
    const remove = (batch: readonly Statement[]): void => {
      const sent = new Set(batch.map((s) => s.id));
      items.splice(0, items.length, ...items.filter((s) => !sent.has(s.id)));
      persist();
    };
    const found = (): void => {
      if (isolate > 0) isolate--;
    };
    /** true: carry on with the next batch. */
    const handle = (batch: readonly Statement[], outcome: SendOutcome): boolean => {
      const { status } = outcome;
      if (delivered(status) || status === 409) {
        remove(batch);
        const recovered = failures > 0;
        failures = 0;
        this.refused = parkedNow;
        found();
        link(true, recovered);
        return true;
      }
      if (retryable(status)) {
        retryLater(outcome.retryAfter);
        link(false, false);
        return false;
      }
      if (status === 401 || status === 403) {
        this.refused = true;
        problem("lrsRefused", status);
        retryLater(outcome.retryAfter, true);
        return false;
      }
      // Another 4xx: something in this batch is invalid. Find it, park it, keep going.
      if (batch.length > 1) {
        isolate = batch.length;
        return true;
      }
      remove(batch);
      parkedNow = this.refused = true;
      this.parked = [...load(parkedKey), ...batch];
      try {
        store.setItem(parkedKey, JSON.stringify(this.parked));
      } catch {
        // Storage full or blocked: the refused statement stays listed in memory; the learner goes on.
      }
      console.error("[coursewright] the LRS rejected", batch[0], outcome);
      problem("lrsRejected", status);
      found();
      return true;
    };
    const flush = (this.flush = async () => {
      if (sending || held) return;
      sending = true;
      stop();
      try {
        while (items.length) {
          const batch = items.slice(0, isolate > 0 ? 1 : options.batchSize || 25);
          if (!handle(batch, await client.postStatements(batch))) return;
        }
      } finally {
        sending = false;
      }
    });

    this.enqueue = (statements) => {
      if (!statements.length) return;
      items.push(...statements);
      persist();
      // While the LRS is failing, keep to the back-off schedule instead of retrying on every click.
      if (!failures) schedule();
    };
    this.release = (first, at) => {
      if (!held) return;
      items.splice(at, 0, first);
      persist();
      held = false;
      schedule();
    };
    this.kick = () => {
      if (failures) schedule();
    };
    this.flushOnExit = () => {
      stop();
      let batch: Statement[] = [];
      let size = 2;
      const send = (): void => {
        const sent = batch;
        if (sent.length) void client.postStatements(sent, true).then((o) => delivered(o.status) && remove(sent));
        batch = [];
        size = 2;
      };
      for (const s of items) {
        const n = JSON.stringify(s).length + 1;
        if (size + n > KEEPALIVE_LIMIT / 2) send();
        batch.push(s);
        size += n;
      }
      send();
    };
  }
}
