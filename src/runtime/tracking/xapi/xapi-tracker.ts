// xAPI adapter (design.md §3, conformance.md §6–§7): statements through a durable queue, bookmark and
// progress in the State API (one document per registration, written with ETag concurrency control).
import type { Statement } from "@xapi/xapi";
import { fnv1a } from "../../../model/hash.js";
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { LearnerEvent, SaveState, Snapshot, Tracker, TrackerStart } from "../tracker.js";
import { parseLaunch, type TinCanLaunch } from "./launch.js";
import { LrsClient, type Fetch } from "./lrs-client.js";
import { StatementQueue, type KeyValueStore } from "./statement-queue.js";
import { StatementFactory } from "./statements.js";

export const STATE_ID = "coursewright-progress";

interface ProgressDocument {
  readonly v: 1;
  readonly location: string;
  readonly state: string;
  /** ms since epoch; decides between the LRS copy and this device's copy. */
  readonly updated: number;
}

export interface XapiTrackerOptions {
  readonly fetch?: Fetch;
  readonly storage?: KeyValueStore | null;
  readonly baseDelayMs?: number;
}

export class XapiTracker implements Tracker {
  /** The State API has no size limit we need to respect for our compact encoding. */
  readonly maxStateLength = Number.POSITIVE_INFINITY;
  onProblem?: (message: string) => void;

  private launch: TinCanLaunch | undefined;
  private client: LrsClient | undefined;
  private queue: StatementQueue | undefined;
  private factory: StatementFactory | undefined;
  private etag: string | undefined;
  private stateKey = "";
  private pendingState: ProgressDocument | undefined;
  private savingState = false;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private stateFailures = 0;
  private readonly startedAt = Date.now();
  private finished = false;
  private readonly storage: KeyValueStore | null;
  private readonly fetchFn: Fetch;

  constructor(
    private readonly win: Window,
    private readonly options: XapiTrackerOptions = {},
  ) {
    this.storage = options.storage !== undefined ? options.storage : safeStorage(win);
    this.fetchFn = options.fetch ?? ((input, init) => win.fetch(input, init));
  }

  async start(course: RuntimeCourse): Promise<TrackerStart> {
    const parsed = parseLaunch(this.win.location.search);
    if (!parsed.ok) return { tracked: false, notice: parsed.reason };
    const launch = parsed.launch;
    this.launch = launch;
    this.client = new LrsClient(launch, this.fetchFn);
    this.factory = new StatementFactory(course, launch, course.language);
    const who = JSON.stringify([launch.endpoint, launch.actor.mbox ?? launch.actor.mbox_sha1sum ?? launch.actor.openid ?? launch.actor.account, this.factory.courseId]);
    const key = `cw-xapi:${fnv1a(who)}`;
    this.stateKey = `${key}:state:${launch.registration ?? "none"}`;
    // Statements left by a tab that closed before the LRS confirmed them go out first, in order.
    this.queue = new StatementQueue(this.client, this.storage, key, {
      onProblem: (m) => this.problem(m),
      ...(this.options.baseDelayMs !== undefined ? { baseDelayMs: this.options.baseDelayMs } : {}),
    });

    const saved = await this.loadState();
    this.queue.enqueue([this.factory.courseEvent(saved ? "resumed" : "initialized")]);
    return {
      tracked: true,
      ...(saved ? { resume: { location: saved.location, state: saved.state } } : {}),
      ...(launch.actor.name ? { learnerName: launch.actor.name } : {}),
    };
  }

  record(events: readonly LearnerEvent[], snapshot: Snapshot): void {
    const f = this.factory;
    if (!f || !this.queue || this.finished) return;
    const out: Statement[] = [];
    for (const e of events) {
      switch (e.kind) {
        case "page":
          out.push(f.page(e.page.sessionId, e.page.pageId, e.title));
          break;
        case "answer":
          out.push(f.answered(e.quizId, e.objective, e.question, e.answer, e.correct, e.latencyMs));
          break;
        case "session-complete":
          out.push(f.sessionCompleted(e.sessionId));
          break;
        case "attempt":
          out.push(f.attempt(e.quizId, e.score, e.passed, e.durationMs, "assessment"));
          if (e.final) out.push(f.attempt(e.quizId, e.score, e.passed, Date.now() - this.startedAt, "course"));
          break;
        case "course-complete":
          out.push(f.courseEvent("completed", Date.now() - this.startedAt));
          break;
      }
    }
    this.queue.enqueue(out);
    this.saveState(snapshot, false);
  }

  save(snapshot: Snapshot): void {
    if (this.finished) return;
    void this.queue?.flush();
    this.saveState(snapshot, false);
  }

  finish(snapshot: Snapshot): void {
    const f = this.factory;
    if (!f || !this.queue || this.finished) return;
    this.finished = true;
    const elapsed = Date.now() - this.startedAt;
    this.queue.enqueue([...(snapshot.progress.success ? [] : [f.courseEvent("suspended", elapsed)]), f.courseEvent("terminated", elapsed)]);
    this.queue.flushOnExit();
    this.saveState(snapshot, true);
    if (this.stateTimer !== undefined) clearTimeout(this.stateTimer);
  }
  saveStatus(): SaveState {
    return "pending"; // placeholder until the hardening work lands
  }


  /** The newer of the LRS's document and this device's copy (the LRS may be unreachable right now). */
  private async loadState(): Promise<ProgressDocument | undefined> {
    let remote: ProgressDocument | undefined;
    try {
      const doc = await this.client?.getState(this.factory?.courseId ?? "", STATE_ID);
      this.etag = doc?.etag;
      remote = doc ? parseDocument(doc.body) : undefined;
    } catch (err) {
      console.warn("[coursewright] could not read the saved progress from the LRS", err);
    }
    const local = parseDocument(this.storage?.getItem(this.stateKey) ?? "");
    if (local && (!remote || local.updated > remote.updated)) {
      this.pendingState = local; // this device is ahead: bring the LRS up to date
      this.scheduleStateSave(0);
      return local;
    }
    return remote;
  }

  private saveState(snapshot: Snapshot, exiting: boolean): void {
    const doc: ProgressDocument = { v: 1, location: snapshot.location, state: snapshot.state, updated: Date.now() };
    try {
      this.storage?.setItem(this.stateKey, JSON.stringify(doc));
    } catch {
      /* storage full or blocked: the LRS copy still goes out */
    }
    this.pendingState = doc;
    if (exiting) {
      void this.client?.putState(this.factory?.courseId ?? "", STATE_ID, JSON.stringify(doc), this.etag, true);
      return;
    }
    this.scheduleStateSave(0);
  }

  private scheduleStateSave(delayMs: number): void {
    if (this.savingState) return;
    if (this.stateTimer !== undefined) clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => void this.writeState(), delayMs);
  }

  /** Writes the latest pending document; on 412 re-reads the ETag and writes again (ours is newest). */
  private async writeState(): Promise<void> {
    const client = this.client;
    if (!client || this.savingState || this.finished) return;
    this.savingState = true;
    try {
      while (this.pendingState) {
        const doc = this.pendingState;
        const activityId = this.factory?.courseId ?? "";
        const body = JSON.stringify(doc);
        const res = await client.putState(activityId, STATE_ID, body, this.etag);
        if (res.status >= 200 && res.status < 300) {
          // Not every LRS returns the new ETag on PUT; xAPI defines it as the SHA-1 of the content.
          this.etag = res.etag ?? (await sha1Etag(body));
          this.stateFailures = 0;
          if (this.pendingState === doc) this.pendingState = undefined;
          continue;
        }
        if (res.status === 412) {
          try {
            this.etag = (await client.getState(activityId, STATE_ID))?.etag;
          } catch {
            this.etag = undefined;
          }
          if (++this.stateFailures < 5) continue;
        }
        this.stateFailures++;
        this.savingState = false;
        this.scheduleStateSave(Math.min(60_000, 1000 * 2 ** Math.min(6, this.stateFailures)));
        return;
      }
    } finally {
      this.savingState = false;
    }
  }

  private problem(message: string): void {
    this.onProblem?.(message);
  }
}

function parseDocument(text: string): ProgressDocument | undefined {
  try {
    const doc = JSON.parse(text) as Partial<ProgressDocument>;
    return doc && doc.v === 1 && typeof doc.location === "string" && typeof doc.state === "string"
      ? { v: 1, location: doc.location, state: doc.state, updated: Number(doc.updated) || 0 }
      : undefined;
  } catch {
    return undefined;
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

function safeStorage(win: Window): KeyValueStore | null {
  try {
    return win.localStorage;
  } catch {
    return null; // blocked (third-party iframe, privacy mode)
  }
}
