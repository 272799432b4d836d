// A durable, ordered outbox of statements (client-made ids, xAPI 1.0.3 Part 2 §2.4.1; a tab closed or an
// LRS that never answers must not lose a statement): every statement is kept
// in localStorage until the LRS confirms it (xAPI 1.0.3 Part 3 §2.1.2: the ids come back), sent in order
// and in batches, retried with exponential back-off on network errors, timeouts, unconfirmed 2xx, 5xx and
// 429 (sender.ts). Statement ids are made by the client, so a retry after an ambiguous failure cannot
// duplicate: the LRS accepts an identical resend (or answers 409), both delivered. A statement the LRS
// rejects (other 4xx) is parked and reported, never retried forever or blocking others.
import type { Statement } from "@xapi/xapi";
import { delivered, KEEPALIVE_LIMIT, retryable, type LrsClient } from "./lrs-client.js";
import { keep, parseJson, Sender, type KeyValueStore, type LinkReport } from "./sender.js";

export { NO_STORE, type KeyValueStore, type LinkReport } from "./sender.js";

export interface QueueOptions {
  readonly batchSize?: number;
  readonly baseDelayMs?: number;
  /** Wait for `release` before sending anything. */
  readonly held?: boolean;
  /** Shown to the learner: rejected statements, refused credentials (a key of messages.ts, and the HTTP status). */
  readonly onProblem?: (key: string, status: number) => void;
  readonly onLink?: LinkReport;
}

const noop = (): void => {};

/**
 * The queue's state lives in its constructor's closure (the methods are closures too), so the bundle's
 * minifier can shorten it; what the tracker and tests read is on the object.
 */
export class StatementQueue extends Sender {
  /** Not confirmed by the LRS yet, oldest first (kept in storage under `key`). */
  readonly pending: readonly Statement[];
  /** Statements the LRS rejected, set aside (under `<key>:parked`, from every session). */
  parked: readonly Statement[];
  /** The LRS refused part of the learner's record this session: a statement was parked (sticky), or our credentials are refused (until accepted). */
  refused = false;
  readonly enqueue: (statements: readonly Statement[]) => void;
  /** Puts `first` after what earlier sessions left and before everything queued since, then starts sending (once). */
  readonly release: (first: Statement) => void;
  /**
   * The page is going away: hand everything to the browser with keepalive, which survives the page.
   * What the LRS confirms while the page still lives is removed; if the answers are lost, the next launch
   * sends the same statements again (same ids: no duplicates).
   */
  readonly flushOnExit: () => void;

  constructor(client: LrsClient, store: KeyValueStore, key: string, options: QueueOptions = {}) {
    super(() => turn(), options.onLink || noop, options.baseDelayMs);
    const parkedKey = `${key}:parked`;
    const load = (k: string): Statement[] => {
      const parsed = parseJson(store.getItem(k));
      return Array.isArray(parsed) ? (parsed as Statement[]) : [];
    };
    const items = load(key);
    /** What earlier sessions left: it goes out before this session's first statement. */
    const left = items.length;
    this.pending = items;
    this.parked = load(parkedKey);
    const problem = options.onProblem || noop;
    /** After a rejected batch, send one at a time until the bad statement is found. */
    let isolate = 0;
    /** Not sent before `release` (the launch's State read decides the first statement). */
    let held = Boolean(options.held);
    let parkedNow = false;
    const remove = (batch: readonly Statement[]): void => {
      const sent = new Set(batch.map((s) => s.id));
      items.splice(0, items.length, ...items.filter((s) => !sent.has(s.id)));
      keep(store, key, items);
    };
    /** One batch; true: carry on with the next. */
    const turn = async (): Promise<boolean> => {
      if (held || !items.length) return false;
      const batch = items.slice(0, isolate > 0 ? 1 : options.batchSize || 25);
      const outcome = await client.postStatements(batch);
      const { status } = outcome;
      if (delivered(status) || status === 409) {
        remove(batch);
        this.refused = parkedNow;
        this.ok();
      } else if (status === 401 || status === 403) {
        this.refused = true;
        problem("lrsRefused", status);
        // Credentials are not fixed in a second: ask again, slowly.
        this.fail(false, outcome.retryAfter, 8);
        return false;
      } else if (retryable(status)) {
        this.fail(true, outcome.retryAfter);
        return false;
      } else if (batch.length > 1) {
        // Another 4xx: something in this batch is invalid. Find it, park it, keep going.
        isolate = batch.length;
        return true;
      } else {
        remove(batch);
        parkedNow = this.refused = true;
        this.parked = [...load(parkedKey), ...batch];
        keep(store, parkedKey, this.parked);
        console.error("[coursewright] the LRS rejected", batch[0], outcome);
        problem("lrsRejected", status);
      }
      if (isolate > 0) isolate--;
      return true;
    };

    this.enqueue = (statements) => {
      if (!statements.length) return;
      items.push(...statements);
      keep(store, key, items);
      // On the next tick, so the same task's statements (and a page-hide's flushOnExit) go together; while the
      // LRS is failing, keep to the back-off schedule instead of retrying on every click.
      if (!this.failures) this.soon();
    };
    this.release = (first) => {
      if (!held) return;
      items.splice(left, 0, first);
      keep(store, key, items);
      held = false;
      this.soon();
    };
    this.flushOnExit = () => {
      this.stop();
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
