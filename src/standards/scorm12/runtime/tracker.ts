// SCORM 1.2 adapter (SCORM 1.2 RTE §3.3 API, §3.4 data model; README: What the packages report).
// Writes only what changed and commits once per learner action (a burst of changes leaves as one commit);
// finishes on pagehide because LMS players such as Moodle never call LMSFinish for the content.
// Every call into the LMS is guarded: an LMS that throws or refuses never stops the course.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../../model/runtime-data.js";
import { reportedStatus, settled } from "../../../runtime/core/state.js";
import { cmiClockTime, cmiTimespan } from "../../../runtime/core/timing.js";
import { findApi } from "../../shared/scorm/find-api.js";
import type { LearnerEvent, NoticeTone, SaveState, Snapshot, Tracker, TrackerStart } from "../../../runtime/tracking/tracker.js";
import { CMI_STRING4096_MAX, interactionId } from "../limits.js";
import { CMI_LIMIT, correctPattern, interactionType, responseText } from "./responses.js";

export interface Scorm12Api {
  LMSInitialize(arg: ""): string;
  LMSFinish(arg: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ""): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

const SUSPEND_DATA_LIMIT = CMI_STRING4096_MAX;
const TERMINAL = new Set(["passed", "completed"]);
/** ADL's sample discovery code stops after 7 hops. */
const MAX_HOPS = 7;
/**
 * SCORM 1.2 RTE §3.3.3 error codes that say the value or element itself is wrong (201 invalid argument,
 * 401 not implemented, 402 keyword, 403 read-only, 404 write-only, 405 incorrect data type): sending it
 * again cannot succeed, so it is reported once and not retried. Anything else (101 general, a throw) may pass.
 */
const VALUE_ERRORS = new Set(["201", "401", "402", "403", "404", "405"]);
/** Back-off between retries of a refused commit; after the last one, the next learner action tries again. */
const RETRY_MS = [1000, 2000, 4000, 8000, 16000];
const THREW = "thrown";

export class Scorm12Tracker implements Tracker {
  readonly maxStateLength = SUSPEND_DATA_LIMIT;
  onProblem?: (message: string) => void;
  onNotice?: (key: string, message: string | null, tone: NoticeTone) => void;

  private api: Scorm12Api | undefined;
  private course: RuntimeCourse | undefined;
  private readonly startedAt = Date.now();
  /** `review` / `browse` (SCORM 1.2 RTE §3.4.4 cmi.core.lesson_mode): show the course, record nothing. */
  private readOnly = false;
  private finished = false;
  private finishedOk = false;
  /** Last value the LMS accepted per element, so unchanged values are not sent again. */
  private readonly written = new Map<string, string>();
  /** Values the LMS did not take for a reason that may pass: sent again before the next commit. */
  private readonly unsent = new Map<string, string>();
  /** Elements (indices as `n`) the LMS refused as wrong: reported once. */
  private readonly refused = new Set<string>();
  /** Accepted values not yet confirmed by a successful LMSCommit. */
  private dirty = false;
  /** Commits refused in a row, and the timer of the next retry. */
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly objectiveIndex = new Map<string, number>();
  private objectiveCount = 0;
  private interactionCount = 0;
  /** Status the LMS already holds as final (never regress it: many LMSs freeze a completed status, others reset it). */
  private storedTerminal = false;

  constructor(private readonly win: Window) {}

  start(course: RuntimeCourse): Promise<TrackerStart> {
    this.course = course;
    this.api = findApi<Scorm12Api>(this.win, "API", MAX_HOPS);
    if (!this.api) return untracked("No SCORM 1.2 LMS was found, so your progress is not being recorded.");
    const init = this.call((a) => a.LMSInitialize(""));
    if (init !== "true") {
      const code = init === undefined ? THREW : this.error().code;
      // Moodle 5.1 mod_scorm answers 101 when the previous SCO never called LMSFinish, yet later calls work.
      if (code !== "101" || this.get("cmi.core.lesson_status") === "") {
        this.api = undefined;
        return untracked(`The LMS did not start tracking (${code === THREW ? "it did not respond" : `error ${code}`}), so your progress may not be recorded.`);
      }
    }
    const mode = this.get("cmi.core.lesson_mode");
    const status = this.get("cmi.core.lesson_status");
    this.storedTerminal = TERMINAL.has(status);
    this.objectiveCount = toCount(this.get("cmi.objectives._count"));
    for (let i = 0; i < this.objectiveCount; i++) this.objectiveIndex.set(this.get(`cmi.objectives.${i}.id`), i);
    this.interactionCount = toCount(this.get("cmi.interactions._count"));
    const location = this.get("cmi.core.lesson_location");
    const state = this.get("cmi.suspend_data");
    const learnerName = this.get("cmi.core.student_name");
    if (mode === "browse") {
      // SCORM 1.2 RTE §3.4.4: a browsed lesson is reported `browsed` (only where nothing was recorded
      // yet), and nothing of it is graded: no score, objectives, interactions or bookmark.
      if (status === "not attempted" || status === "") {
        this.set("cmi.core.lesson_status", "browsed");
        this.flush(false);
      }
    }
    this.readOnly = mode === "review" || mode === "browse";
    // No commit here: the player's first record() follows at once and carries this launch's values in the
    // same commit, so the LMS never gets `incomplete` followed a moment later by `completed` (Moodle 4.5
    // mod_scorm sends commits after a SCO switch as beacons and may apply two in reverse order).
    return Promise.resolve({
      tracked: true,
      ...(location || state ? { resume: { location, state } } : {}),
      review: this.readOnly,
      ...(mode === "browse" ? { notice: "Preview: you can use the whole course; nothing is graded or recorded." } : {}),
      ...(learnerName ? { learnerName } : {}),
    });
  }

  record(events: readonly LearnerEvent[], snapshot: Snapshot): void {
    if (!this.writable()) return;
    for (const e of events) if (e.kind === "answer") this.writeInteraction(e);
    this.writeProgress(snapshot);
    this.flush(true);
  }

  save(snapshot: Snapshot): void {
    if (!this.writable()) return;
    this.writeProgress(snapshot);
    this.flush(true);
  }

  finish(snapshot: Snapshot): void {
    if (!this.api || this.finished) return;
    if (!this.readOnly) {
      this.writeProgress(snapshot);
      this.set("cmi.core.session_time", cmiTimespan(Date.now() - this.startedAt));
      this.flush(false);
    }
    this.finished = true;
    clearTimeout(this.retry);
    // LMSFinish also persists what was set (SCORM 1.2 RTE §3.3.2.2), so it settles a commit that failed.
    this.finishedOk = this.call((a) => a.LMSFinish("")) === "true";
    if (!this.finishedOk) this.report('LMSFinish("")');
  }

  saveStatus(): SaveState {
    if (!this.api || this.readOnly) return "untracked";
    if (this.finished) return this.finishedOk && !this.refused.size ? "saved" : "failed";
    if (this.failures > RETRY_MS.length || this.refused.size) return "failed";
    return this.failures || this.dirty || this.unsent.size ? "pending" : "saved";
  }

  private writable(): boolean {
    return Boolean(this.api) && !this.finished && !this.readOnly;
  }

  private writeProgress(s: Snapshot): void {
    const course = this.course;
    if (!course) return;
    if (s.location.length <= CMI_LIMIT) this.set("cmi.core.lesson_location", s.location);
    else this.problem(`bookmark longer than ${CMI_LIMIT} characters was not saved`);
    const state = s.state.length <= SUSPEND_DATA_LIMIT ? s.state : s.compactState;
    if (state.length <= SUSPEND_DATA_LIMIT) this.set("cmi.suspend_data", state);
    else this.problem(`progress data of ${state.length} characters exceeds SCORM 1.2's ${SUSPEND_DATA_LIMIT}; it was not saved`);

    const a = s.progress.assessment;
    if (a && a.best !== null) {
      // Score before status (some LMSs refuse a score set after `completed`); min/max before raw
      // (SCORM 1.2 RTE §3.4, cmi.core.score).
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
      this.set("cmi.core.score.raw", String(a.best));
    }
    const status = reportedStatus(course.reporting, s.progress);
    if (!this.storedTerminal || TERMINAL.has(status)) {
      this.set("cmi.core.lesson_status", status);
      this.storedTerminal = TERMINAL.has(status);
    }
    // SCORM 1.2 RTE §3.4.1 cmi.core.exit: `suspend` (resume later) until nothing more can change; then ""
    // so the LMS sees a finished attempt — also after every assessment attempt was used and failed.
    // Set with every write: if the window dies without a clean finish, the LMS still offers resume.
    this.set("cmi.core.exit", settled(s.progress) ? "" : "suspend");

    for (const session of s.progress.sessions) {
      if (session.id === ASSESSMENT_ID || !session.started) continue;
      const n = this.objective(session.id);
      this.set(`cmi.objectives.${n}.status`, session.complete ? "completed" : "incomplete");
    }
    if (a && a.best !== null) {
      const n = this.objective(ASSESSMENT_ID);
      this.set(`cmi.objectives.${n}.score.min`, "0");
      this.set(`cmi.objectives.${n}.score.max`, "100");
      this.set(`cmi.objectives.${n}.score.raw`, String(a.best));
      this.set(`cmi.objectives.${n}.status`, a.passed ? "passed" : "failed");
    }
  }

  /**
   * Index of the objective with this id, appending it if new: densely, n = `_count` (SCORM 1.2 RTE §3.4,
   * cmi.objectives; Moodle 5.1 answers 201 otherwise).
   */
  private objective(id: string): number {
    let n = this.objectiveIndex.get(id);
    if (n === undefined) {
      n = this.objectiveCount++;
      this.objectiveIndex.set(id, n);
      this.set(`cmi.objectives.${n}.id`, id);
    }
    return n;
  }

  private writeInteraction(e: Extract<LearnerEvent, { kind: "answer" }>): void {
    const n = this.interactionCount++;
    const p = `cmi.interactions.${n}.`;
    this.set(p + "id", interactionId(e.quizId, e.question.id), true);
    this.set(p + "objectives.0.id", e.objective, true);
    // When this question was answered and how long the learner took over it (SCORM 1.2 RTE §3.4.6 time, latency).
    this.set(p + "time", cmiClockTime(e.at), true);
    this.set(p + "type", interactionType(e.question), true);
    this.set(p + "correct_responses.0.pattern", correctPattern(e.question), true);
    this.set(p + "weighting", String(e.graded ? e.question.points : 0), true);
    this.set(p + "student_response", responseText(e.question, e.answer), true);
    this.set(p + "result", e.correct ? "correct" : "wrong", true);
    this.set(p + "latency", cmiTimespan(e.latencyMs), true);
  }

  /** One guarded call into the LMS: its answer as a string, or undefined when it threw. */
  private call(fn: (api: Scorm12Api) => unknown): string | undefined {
    const api = this.api;
    if (!api) return undefined;
    try {
      return String(fn(api));
    } catch (err) {
      console.warn("[coursewright] the SCORM 1.2 API threw", err);
      return undefined;
    }
  }

  private get(element: string): string {
    const value = this.call((a) => a.LMSGetValue(element));
    return value === undefined || value === "undefined" || value === "null" ? "" : value;
  }

  /** `always`: write-only elements (interactions) are never cached. */
  private set(element: string, value: string, always = false): void {
    if (!this.api || (!always && this.written.get(element) === value && !this.unsent.has(element))) return;
    this.unsent.delete(element);
    const result = this.call((a) => a.LMSSetValue(element, value));
    if (result === "true") {
      if (!always) this.written.set(element, value);
      this.dirty = true;
      return;
    }
    const { code, text } = result === undefined ? { code: THREW, text: "" } : this.error();
    if (!VALUE_ERRORS.has(code)) {
      this.unsent.set(element, value); // may pass later: sent again before the next commit
      return;
    }
    if (!always) this.written.set(element, value);
    const kind = element.replace(/\.\d+\./g, ".n.");
    if (this.refused.has(kind)) return;
    this.refused.add(kind);
    console.warn(`[coursewright] SCORM 1.2 LMSSetValue("${element}", "${value.slice(0, 40)}") failed: error ${code} ${text}`);
    this.notice("lms-value", `The LMS did not accept part of your progress (${kind}, error ${code}); the rest is being saved.`);
  }

  /** Re-sends what the LMS did not take, then commits if anything changed; retries a refused commit. */
  private flush(retry: boolean): void {
    if (!this.api || this.finished) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    for (const [element, value] of [...this.unsent]) this.set(element, value, true);
    if (!this.dirty && !this.failures && !this.unsent.size) return;
    if (this.call((a) => a.LMSCommit("")) === "true" && !this.unsent.size) {
      this.dirty = false;
      if (this.failures) this.notice("lms", null);
      this.failures = 0;
      return;
    }
    this.failures++;
    this.report('LMSCommit("")');
    this.notice("lms", "The LMS is not saving your progress at the moment. You can carry on: the course keeps trying.");
    // Bounded back-off; after the last retry the next learner action (or the finish) tries again.
    const wait = RETRY_MS[this.failures - 1];
    if (retry && wait !== undefined) this.retry = setTimeout(() => this.flush(true), wait);
  }

  private error(): { code: string; text: string } {
    // SCORM 1.2 RTE §3.3.2.3: LMSGetLastError, LMSGetErrorString, LMSGetDiagnostic explain the last failure.
    const code = this.call((a) => a.LMSGetLastError()) ?? THREW;
    const text = `${this.call((a) => a.LMSGetErrorString(code)) ?? ""} ${this.call((a) => a.LMSGetDiagnostic(code)) ?? ""}`.trim();
    return { code, text };
  }

  private report(what: string): void {
    const { code, text } = this.error();
    console.warn(`[coursewright] SCORM 1.2 ${what} failed: error ${code} ${text}`);
  }

  private notice(key: string, message: string | null): void {
    try {
      this.onNotice?.(key, message, "error");
    } catch {
      // the page's notice must never stop the tracker
    }
  }

  private problem(message: string): void {
    console.error(`[coursewright] ${message}`);
    this.onProblem?.(message);
  }
}

function untracked(notice: string): Promise<TrackerStart> {
  return Promise.resolve({ tracked: false, notice });
}

function toCount(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
