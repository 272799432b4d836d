// The one writer of the learner's progress document (xAPI 1.0.3 Part 3 §2.3 State Resource): the latest
// document wins, at most one request is in flight, failures follow the same exponential back-off as the
// statement queue (sender.ts: a click during an outage writes nothing; the timer does), and every write keeps
// what the LRS's own copy holds (progress-merge.ts). Concurrency control per Part 3 §2.3.1 / RFC 7232:
// If-Match with the last ETag, If-None-Match: * for a new document; 412 → read it again, merge, write again.
import { delivered, retryable, type LrsClient } from "./lrs-client.js";
import { parseDocument, type ProgressDocument } from "./progress-merge.js";
import { keep, Sender, type KeyValueStore, type LinkReport } from "./sender.js";

export const STATE_ID = "coursewright-progress";

export interface StateWriterOptions {
  readonly merge: (other: ProgressDocument, mine: ProgressDocument) => ProgressDocument;
  readonly onLink: LinkReport;
  /** The LRS's copy, each time one is read. */
  readonly onRemote: (doc: ProgressDocument) => void;
  readonly baseDelayMs?: number;
}

/** Its state lives in the constructor's closure (the methods are closures too), so the bundle's minifier can shorten it. */
export class StateWriter extends Sender {
  /** Nothing waiting and nothing in flight. */
  readonly settled: () => boolean;
  /** The LRS refused the document (4xx other than 408/412/429) and it is not written yet. */
  refused = false;
  /** This device's copy (localStorage), read at once: the learner never waits for the LRS to start. */
  readonly local: () => ProgressDocument | undefined;
  /** The launch's read of the LRS copy; then writes whatever came meanwhile. Resolves with the copy, if any, when that is done (or failed). */
  readonly open: () => Promise<ProgressDocument | undefined>;
  readonly write: (doc: ProgressDocument) => void;
  /** The page is going away: one keepalive PUT of the latest document, then nothing more. */
  readonly exit: (doc: ProgressDocument) => void;

  constructor(client: LrsClient, activityId: string, store: KeyValueStore, key: string, options: StateWriterOptions) {
    super(() => turn(), options.onLink, options.baseDelayMs);
    const { merge } = options;
    let pending: ProgressDocument | undefined;
    /** The LRS's copy as last read: what every write must keep. */
    let remote: ProgressDocument | undefined;
    let etag: string | undefined;
    /** The LRS's copy has to be read (again) before the next write: at launch, after a failed read, after a 412. */
    let unread = true;
    let conflicts = 0;
    const put = (body: string, keepalive?: boolean, match = etag) => client.putState(activityId, STATE_ID, body, match, keepalive);
    /** One read or one write; true: carry on. */
    const turn = async (): Promise<boolean> => {
      if (unread) {
        try {
          const doc = await client.getState(activityId, STATE_ID);
          etag = doc?.etag;
          unread = false;
          const theirs = parseDocument(doc?.body);
          if (theirs) {
            remote = theirs;
            if (pending) pending = merge(theirs, pending);
            options.onRemote(theirs);
          }
          this.ok();
        } catch {
          this.fail(true);
        }
        return !unread;
      }
      const doc = pending;
      if (!doc) return false;
      const body = JSON.stringify(doc);
      const answer = await put(body);
      const { status } = answer;
      if (delivered(status)) {
        // Not every LRS returns the new ETag on PUT; xAPI defines it as the SHA-1 of the content.
        etag = answer.etag ?? (await sha1Etag(body));
        if (pending === doc) pending = undefined;
        conflicts = 0;
        this.refused = false;
        this.ok();
        return true;
      }
      // Someone else wrote it (another tab or device): read theirs, merge, write again (a few times at most).
      if (status === 412 && ++conflicts < 4) return (unread = true);
      conflicts = 0;
      const again = retryable(status);
      this.refused = !again && status !== 412; // e.g. 400, 401, 403: the LRS will not take it as it is
      this.fail(again);
      return false;
    };
    this.settled = () => !pending && !this.busy;
    const write = (this.write = (doc) => {
      pending = remote ? merge(remote, doc) : doc;
      keep(store, key, pending);
      if (!this.failures) void this.flush();
    });
    this.local = () => parseDocument(store.getItem(key));
    this.open = async () => {
      await this.flush();
      return remote;
    };
    this.exit = (doc) => {
      this.stop();
      write(doc);
      const last = pending;
      if (!last) return;
      // With a PUT still in flight our ETag is about to be stale: If-Match: * (RFC 7232 §3.1) replaces the document we know exists.
      void put(JSON.stringify(last), true, this.busy && etag ? "*" : etag).then((r) => {
        if (delivered(r.status) && pending === last) pending = undefined;
      });
    };
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
