// xAPI adapter (TinCan launch, Rustici launch/lms_lrs.md; xAPI 1.0.3 Part 2 §2.4, Part 3 §2.1 Statement
// Resource and §2.3 State Resource): statements through a durable queue, bookmark and progress in the
// State API (one document per registration, state-writer.ts). The learner never waits for the LRS:
// the course starts from this device's copy at once; the LRS's copy, when it answers, is
// merged in (nothing either copy holds is lost) and offered to the player, which moves the learner
// there only if they have not moved yet. An unreachable LRS is said once, and so is its return.
import { fnv1a } from "../../../model/hash.js";
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { LearnerEvent, NoticeTone, SaveState, Snapshot, Tracker, TrackerStart } from "../../../runtime/tracking/tracker.js";
import { parseLaunch } from "./launch.js";
import { LrsClient, type Fetch } from "../../shared/xapi/lrs-client.js";
import { mergeProgress, type ProgressDocument } from "../../shared/xapi/progress-merge.js";
import { NO_STORE, StatementQueue, type KeyValueStore } from "../../shared/xapi/statement-queue.js";
import { StatementFactory, VERBS } from "../../shared/xapi/statements.js";
import { StateWriter } from "../../shared/xapi/state-writer.js";

export { STATE_ID } from "../../shared/xapi/state-writer.js";

const OFFLINE = "Can't reach the learning record store; your progress is kept on this device and sent when it is back.";
const RESTORED = "Connection restored; your progress is saved.";

export interface XapiTrackerOptions {
  readonly fetch?: Fetch;
  readonly storage?: KeyValueStore | null;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
}

export class XapiTracker implements Tracker {
  /** The State API has no size limit we need to respect for our compact encoding. */
  readonly maxStateLength = Infinity;
  onProblem?: (message: string) => void;
  onNotice?: (key: string, message: string | null, tone: NoticeTone) => void;
  onResume?: (resume: { readonly location: string; readonly state: string }) => void;

  private queue: StatementQueue | undefined;
  private writer: StateWriter | undefined;
  private factory: StatementFactory | undefined;
  /** "off": the unreachable notice is showing; "back": the restored one is. */
  private notice: "" | "off" | "back" = "";
  private readonly startedAt = Date.now();
  private finished = false;
  private open = (): void => {};
  private readonly storage: KeyValueStore;
  private readonly fetchFn: Fetch;

  constructor(
    private readonly win: Window,
    private readonly options: XapiTrackerOptions = {},
  ) {
    this.storage = options.storage === undefined ? safeStorage(win) : options.storage || NO_STORE;
    this.fetchFn = options.fetch || ((input, init) => win.fetch(input, init));
  }

  start(course: RuntimeCourse): Promise<TrackerStart> {
    const parsed = parseLaunch(this.win.location.search);
    if (!parsed.ok) return Promise.resolve({ tracked: false, notice: parsed.reason });
    const launch = parsed.launch;
    const client = new LrsClient(launch, this.fetchFn, this.options.timeoutMs);
    const f = (this.factory = new StatementFactory(course, launch, course.language));
    const who = JSON.stringify([launch.endpoint, launch.actor.mbox || launch.actor.mbox_sha1sum || launch.actor.openid || launch.actor.account, f.courseId]);
    const key = `cw-xapi:${fnv1a(who)}`;
    const onLink = (ok: boolean, recovered: boolean): void => this.link(ok, recovered);
    const { baseDelayMs } = this.options;
    // Statements left by a tab that closed before the LRS confirmed them go out first, in order.
    const queue = (this.queue = new StatementQueue(client, this.storage, key, { onProblem: (m) => this.onProblem && this.onProblem(m), onLink, held: true, baseDelayMs }));
    const writer = (this.writer = new StateWriter(client, f.courseId, this.storage, `${key}:state:${launch.registration || "none"}`, {
      merge: (other, mine) => mergeProgress(course, other, mine),
      onLink,
      onRemote: (remote) => {
        // Written later than this device's copy (another device): offer its position; the merge keeps the rest.
        if (remote.updated > (local ? local.updated : 0) && !this.finished && this.onResume) this.onResume({ location: remote.location, state: mergeProgress(course, local || remote, remote).state });
      },
      baseDelayMs,
    }));
    const local = writer.local();
    // The first statement says whether this registration was begun before: known once the LRS's copy is read.
    const first = f.courseEvent("initialized");
    const at = queue.pending.length;
    const open = (this.open = (resumed = Boolean(local)) => queue.release(resumed ? { ...first, verb: VERBS.resumed } : first, at));
    void writer.open().then((remote) => open(Boolean(local || remote)));
    this.win.addEventListener("online", () => this.link(true, true));
    return Promise.resolve({
      tracked: true,
      ...(local ? { resume: { location: local.location, state: local.state } } : {}),
      ...(launch.actor.name ? { learnerName: launch.actor.name } : {}),
    });
  }

  record(events: readonly LearnerEvent[], snapshot: Snapshot): void {
    const { factory: f, queue, writer } = this;
    if (!f || !queue || !writer || this.finished) return;
    if (this.notice === "back") this.say("", null);
    // In the order things happened: a submit carries answers given earlier, in question order.
    queue.enqueue(
      events.flatMap((e) => {
        switch (e.kind) {
          case "page":
            return [f.page(e.page.sessionId, e.page.pageId, e.title)];
          case "answer":
            return [f.answered(e.quizId, e.objective, e.question, e.answer, e.correct, e.latencyMs, e.at)];
          case "session-complete":
            return [f.sessionCompleted(e.sessionId)];
          case "attempt":
            return [f.attempt(e.quizId, e.score, e.passed, e.durationMs, "assessment"), ...(e.final ? [f.attempt(e.quizId, e.score, e.passed, Date.now() - this.startedAt, "course")] : [])];
          case "course-complete":
            return [f.courseEvent("completed", Date.now() - this.startedAt)];
        }
      }).sort((a, b) => Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp))),
    );
    writer.write(doc(snapshot));
  }

  save(snapshot: Snapshot): void {
    const { queue, writer } = this;
    if (!queue || !writer || this.finished) return;
    void queue.flush();
    writer.write(doc(snapshot));
  }

  finish(snapshot: Snapshot): void {
    const { factory: f, queue, writer } = this;
    if (!f || !queue || !writer || this.finished) return;
    this.finished = true;
    this.open(); // leaving before the LRS answered: the first statement goes out with the rest
    const elapsed = Date.now() - this.startedAt;
    queue.enqueue([...(snapshot.progress.success ? [] : [f.courseEvent("suspended", elapsed)]), f.courseEvent("terminated", elapsed)]);
    queue.flushOnExit();
    writer.exit(doc(snapshot));
  }

  saveStatus(): SaveState {
    const { queue, writer } = this;
    if (!queue || !writer) return "untracked";
    if (queue.refused || writer.refused) return "failed";
    return queue.pending.length || !writer.settled ? "pending" : "saved";
  }

  /** Every LRS answer lands here: one notice while it can't be reached, one when all is saved again. */
  private link(ok: boolean, recovered: boolean): void {
    if (!ok) {
      if (this.notice !== "off") this.say("off", OFFLINE, "error");
      return;
    }
    // The LRS answers again: the other writer should not sit out the rest of its back-off.
    if (recovered && this.queue && this.writer) {
      this.queue.kick();
      this.writer.kick();
    }
    // After the writer has finished its turn (it reports from inside it).
    void Promise.resolve().then(() => this.notice === "off" && this.saveStatus() === "saved" && this.say("back", RESTORED));
  }

  private say(state: "" | "off" | "back", message: string | null, tone: NoticeTone = "info"): void {
    this.notice = state;
    if (this.onNotice) this.onNotice("lrs", message, tone);
  }
}

function doc(snapshot: Snapshot): ProgressDocument {
  return { v: 1, location: snapshot.location, state: snapshot.state, updated: Date.now() };
}

function safeStorage(win: Window): KeyValueStore {
  try {
    return win.localStorage;
  } catch {
    return NO_STORE; // blocked (third-party iframe, privacy mode)
  }
}
