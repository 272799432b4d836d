// The xAPI tracker every xAPI launch shares (xAPI 1.0.3 Part 2 §2.4, Part 3 §2.1 Statement Resource and
// §2.3 State Resource): statements through a durable queue, bookmark and progress in the State API (one
// document per registration, state-writer.ts). A standard gives only where its launch comes from (a
// LaunchSource) and, with the session it returns, its statement profile. The learner never waits for the
// LRS unless the session says so: the course starts from this device's copy at once; the LRS's copy, when
// it answers, is merged in (nothing either copy holds is lost) and offered to the player, which moves the
// learner there only if they have not moved yet. An unreachable LRS is said once, and so is its return.
import { fnv1a } from "../../../model/hash.js";
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { NoticeTone, SaveState, Snapshot, Tracker, TrackerStart } from "../../../runtime/tracking/tracker.js";
import { say } from "../../../runtime/core/messages.js";
import { LrsClient, type Fetch } from "./lrs-client.js";
import type { LrsLaunch } from "./lrs-launch.js";
import { mergeProgress, type ProgressDocument } from "./progress-merge.js";
import { NO_STORE, StatementQueue, type KeyValueStore } from "./statement-queue.js";
import { StatementFactory } from "./statements.js";
import { StateWriter } from "./state-writer.js";

export interface XapiTrackerOptions {
  readonly fetch?: Fetch;
  /** Default: the page's localStorage (NO_STORE where it is blocked). */
  readonly storage?: KeyValueStore;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
}

/** What makes the statements: the shared builder, or a standard's profile of it (the same methods). */
export type Statements = Pick<StatementFactory, "courseId" | "courseEvent" | "of">;

/** A launch the tracker can record against, with what its standard's profile asks beyond plain xAPI. */
export interface XapiSession extends LrsLaunch {
  /** The statement profile: the shared builder's statements reshaped (context, categories, result) or left out. */
  readonly statements?: (course: RuntimeCourse) => Statements;
  /**
   * Every launch is a session of its own: opened by `initialized` (never `resumed`), closed by `terminated`
   * alone, and the course waits for the LRS's copy of the progress before it starts, since what earlier
   * sessions did decides what this one may still send.
   */
  readonly strict?: boolean;
  /** What start() answers besides `tracked` and `resume`: review, the LMS's pass mark, a notice. */
  readonly start?: Omit<TrackerStart, "tracked" | "resume">;
  /** After finish: the launch's way out (a return address), given where the record stands. */
  readonly leave?: (status: () => SaveState) => void;
}

/** Where a standard's launch comes from; a string is the notice the course shows as it runs untracked. */
export type LaunchSource = (win: Window, course: RuntimeCourse, fetch: Fetch, timeoutMs?: number) => Promise<XapiSession | string> | XapiSession | string;

const noop = (): void => {};

/** Until `start` finds a valid launch nothing is recorded; then the session's state lives in its closure. */
export class XapiTrackerBase implements Tracker {
  /** The State API has no size limit we need to respect for our compact encoding. */
  readonly maxStateLength = Infinity;
  onProblem?: (message: string) => void;
  onNotice?: (key: string, message: string | null, tone: NoticeTone) => void;
  onResume?: (resume: { readonly location: string; readonly state: string }) => void;
  record: Tracker["record"] = noop;
  save: Tracker["save"] = noop;
  finish: Tracker["finish"] = noop;
  saveStatus = (): SaveState => "untracked";
  readonly start: (course: RuntimeCourse) => Promise<TrackerStart>;

  constructor(win: Window, source: LaunchSource, options: XapiTrackerOptions = {}) {
    this.start = async (course) => {
      const launched = new Date();
      const fetchFn = options.fetch || win.fetch.bind(win);
      const launch = await source(win, course, fetchFn, options.timeoutMs);
      if (typeof launch === "string") return { tracked: false, notice: launch };
      const { actor, strict } = launch;
      const readOnly = launch.start?.review;
      const storage = options.storage || safeStorage(win);
      const client = new LrsClient(launch, fetchFn, options.timeoutMs);
      const f = launch.statements?.(course) || new StatementFactory(course, launch, course.language);
      const key = `cw-xapi:${fnv1a(JSON.stringify([launch.endpoint, actor.mbox || actor.mbox_sha1sum || actor.openid || actor.account, f.courseId]))}`;
      /** "off": the unreachable notice is showing; "back": the restored one is. */
      let notice: "" | "off" | "back" = "";
      let finished = false;
      const since = (): number => Date.now() - +launched;
      const tell = (state: typeof notice, message: string | null, tone: NoticeTone = "info"): void => {
        notice = state;
        this.onNotice?.("lrs", message, tone);
      };
      /** Every LRS answer lands here: one notice while it can't be reached, one when all is saved again. */
      const onLink = (ok: boolean, recovered: boolean): void => {
        if (!ok) {
          if (notice !== "off") tell("off", say(course, "lrsOffline"), "error");
          return;
        }
        // The LRS answers again: the other writer should not sit out the rest of its back-off.
        if (recovered) {
          queue.kick();
          writer.kick();
        }
        // Once the sender that reported it has finished its turn (it reports from inside it).
        setTimeout(() => notice === "off" && status() === "saved" && tell("back", say(course, "lrsRestored")));
      };
      // Statements left by a tab that closed before the LRS confirmed them go out first, in order.
      const queue = new StatementQueue(client, storage, key, { ...options, onProblem: (k, status) => this.onProblem?.(say(course, k, status)), onLink, held: true });
      const writer = new StateWriter(client, f.courseId, storage, `${key}:state:${launch.registration || "none"}`, {
        ...options,
        merge: (other, mine) => mergeProgress(course, other, mine),
        onLink,
        onRemote: (remote) => {
          // Written later than this device's copy (another device): offer its position; the merge keeps the rest.
          if (remote.updated > (local?.updated || 0) && !finished) this.onResume?.(mergeProgress(course, local || remote, remote));
        },
      });
      let local = writer.local();
      // The first statement (timed at the launch) says whether this registration was begun before: known once
      // the LRS's copy is read.
      const open = (resumed = Boolean(local)): void => queue.release(f.courseEvent(resumed && !strict ? "resumed" : "initialized", undefined, launched));
      const opened = writer.open().then((remote) => {
        open(Boolean(local || remote));
        return remote;
      });
      if (strict) {
        // The course starts from what both copies hold.
        const remote = await opened;
        if (remote) local = local ? mergeProgress(course, remote, local) : remote;
      }
      win.addEventListener("online", () => onLink(true, true));

      this.record = (events, snapshot) => {
        if (finished) return;
        if (notice === "back") tell("", null);
        // In the order things happened: a submit carries answers given earlier, in question order.
        queue.enqueue(events.flatMap((e) => f.of(e, since())).sort((a, b) => Date.parse(a.timestamp!) - Date.parse(b.timestamp!)));
        if (!readOnly) writer.write(doc(snapshot));
      };
      this.save = (snapshot) => {
        if (finished) return;
        void queue.flush();
        if (!readOnly) writer.write(doc(snapshot));
      };
      this.finish = (snapshot) => {
        if (finished) return;
        finished = true;
        open(); // leaving before the LRS answered: the first statement goes out with the rest
        const elapsed = since();
        // Passed: nothing to resume, so no `suspended`.
        queue.enqueue([f.courseEvent("suspended", elapsed), f.courseEvent("terminated", elapsed)].slice(strict || snapshot.progress.outcome.success === "passed" ? 1 : 0));
        queue.flushOnExit();
        if (!readOnly) writer.exit(doc(snapshot));
        launch.leave?.(status);
      };
      const status = (this.saveStatus = () => (queue.refused || writer.refused ? "failed" : queue.pending.length || !writer.settled() ? "pending" : "saved"));
      // The launch actor's display name (a string, or an array of one, normalised by parseActor).
      return { ...launch.start, tracked: true, resume: local, learnerName: actor.name };
    };
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
