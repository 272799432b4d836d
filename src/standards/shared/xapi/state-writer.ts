// The one writer of the learner's progress document (xAPI 1.0.3 Part 3 §2.3 State Resource): the latest
// document wins, at most one request is in flight, failures follow the same exponential back-off as the
// statement queue (a click during an outage writes nothing; the timer does), and every write keeps what
// the LRS's own copy holds (progress-merge.ts). Concurrency control per Part 3 §2.3.1 / RFC 7232:
// If-Match with the last ETag, If-None-Match: * for a new document; 412 → read it again, merge, write again.
import { backoff, type KeyValueStore, type LinkReport } from "./statement-queue.js";
import type { LrsClient } from "./lrs-client.js";
import { parseDocument, type ProgressDocument } from "./progress-merge.js";

export const STATE_ID = "coursewright-progress";

export interface StateWriterOptions {
  readonly merge: (other: ProgressDocument, mine: ProgressDocument) => ProgressDocument;
  readonly onLink: LinkReport;
  /** The LRS's copy, each time one is read. */
  readonly onRemote: (doc: ProgressDocument) => void;
  readonly baseDelayMs?: number;
}

export class StateWriter {
  private pending: ProgressDocument | undefined;
  /** The LRS's copy as last read: what every write must keep. */
  private remote: ProgressDocument | undefined;
  private etag: string | undefined;
  private busy = true; // until the launch's read is done
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;
  /** The LRS refused the document (4xx other than 408/412/429) and it is not written yet. */
  refused = false;

  constructor(
    private readonly client: LrsClient,
    private readonly activityId: string,
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly options: StateWriterOptions,
  ) {}

  /** Nothing waiting and nothing in flight. */
  get settled(): boolean {
    return !this.pending && !this.busy;
  }

  /** This device's copy (localStorage), read at once: the learner never waits for the LRS to start. */
  local(): ProgressDocument | undefined {
    return parseDocument(this.store.getItem(this.key));
  }

  /** The launch's read of the LRS copy; then writes whatever came meanwhile. Resolves with the copy, if any. */
  async open(): Promise<ProgressDocument | undefined> {
    const ok = await this.read();
    this.busy = false;
    if (!ok) this.retryLater();
    else if (this.pending) void this.run();
    return this.remote;
  }

  write(doc: ProgressDocument): void {
    this.pending = this.remote ? this.options.merge(this.remote, doc) : doc;
    try {
      this.store.setItem(this.key, JSON.stringify(this.pending));
    } catch {
      /* storage full or blocked: the LRS copy still goes out */
    }
    if (!this.failures) void this.run();
  }

  /** The LRS answered elsewhere after an outage: write now rather than at the end of the back-off. */
  kick(): void {
    if (this.failures && this.pending) void this.run();
  }

  /** The page is going away: one keepalive PUT of the latest document, then nothing more. */
  exit(doc: ProgressDocument): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.write(doc);
    const last = this.pending;
    if (!last) return;
    // With a PUT still in flight our ETag is about to be stale: If-Match: * (RFC 7232 §3.1) replaces the document we know exists.
    void this.client.putState(this.activityId, STATE_ID, JSON.stringify(last), this.busy && this.etag ? "*" : this.etag, true).then((r) => {
      if (r.status > 199 && r.status < 300 && this.pending === last) this.pending = undefined;
    });
  }

  /** false: the LRS could not be read (network, timeout, error status). */
  private async read(): Promise<boolean> {
    try {
      const doc = await this.client.getState(this.activityId, STATE_ID);
      this.etag = doc?.etag;
      const remote = parseDocument(doc?.body);
      if (remote) {
        this.remote = remote;
        if (this.pending) this.pending = this.options.merge(remote, this.pending);
        this.options.onRemote(remote);
      }
      this.options.onLink(true, false);
      return true;
    } catch {
      this.failures++;
      this.options.onLink(false, false);
      return false;
    }
  }

  private async run(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    clearTimeout(this.timer);
    let conflicts = 0;
    try {
      while (this.pending && !this.stopped) {
        const doc = this.pending;
        const body = JSON.stringify(doc);
        const { status, etag } = await this.client.putState(this.activityId, STATE_ID, body, this.etag);
        if (status > 199 && status < 300) {
          // Not every LRS returns the new ETag on PUT; xAPI defines it as the SHA-1 of the content.
          this.etag = etag ?? (await sha1Etag(body));
          if (this.pending === doc) this.pending = undefined;
          const recovered = this.failures > 0;
          this.failures = 0;
          this.refused = false;
          this.options.onLink(true, recovered);
          continue;
        }
        // Someone else wrote it (another tab or device): read theirs, merge, write again (a few times at most).
        if (status === 412 && ++conflicts < 4) {
          if (await this.read()) continue;
          this.retryLater();
          return;
        }
        const retryable = !status || status > 499 || status === 429 || status === 408;
        this.refused = !retryable && status !== 412; // e.g. 400, 401, 403: the LRS will not take it as it is
        this.failures++;
        if (retryable) this.options.onLink(false, false);
        this.retryLater();
        return;
      }
    } finally {
      this.busy = false;
    }
  }

  private retryLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), backoff(this.failures, this.options.baseDelayMs || 1000));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** Quoted hex SHA-1 of `body` (undefined where WebCrypto is unavailable: non-secure origins). */
async function sha1Etag(body: string): Promise<string | undefined> {
  try {
    const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body));
    return `"${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
  } catch {
    return undefined;
  }
}
