// SCORM 1.2 adapter (design.md §3, conformance.md §2–§3, lms-notes.md).
// Writes only what changed, then commits once per learner action; finishes on pagehide because
// LMS players such as Moodle never call LMSFinish for the content.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../../model/runtime-data.js";
import { reportedStatus } from "../../core/state.js";
import { cmiClockTime, cmiTimespan } from "../../core/timing.js";
import { findApi } from "../find-api.js";
import type { LearnerEvent, SaveState, Snapshot, Tracker, TrackerStart } from "../tracker.js";
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

const SUSPEND_DATA_LIMIT = 4096;
const TERMINAL = new Set(["passed", "completed"]);
/** ADL's sample discovery code stops after 7 hops. */
const MAX_HOPS = 7;

export class Scorm12Tracker implements Tracker {
  readonly maxStateLength = SUSPEND_DATA_LIMIT;
  onProblem?: (message: string) => void;

  private api: Scorm12Api | undefined;
  private course: RuntimeCourse | undefined;
  private readonly startedAt = Date.now();
  private review = false;
  private finished = false;
  /** Last value written per element, so unchanged values are not sent again. */
  private readonly written = new Map<string, string>();
  private readonly objectiveIndex = new Map<string, number>();
  private objectiveCount = 0;
  private interactionCount = 0;
  /** Status the LMS already holds as final (never regress it, conformance 3.2). */
  private storedTerminal = false;

  constructor(private readonly win: Window) {}

  start(course: RuntimeCourse): Promise<TrackerStart> {
    this.course = course;
    const api = findApi<Scorm12Api>(this.win, "API", MAX_HOPS);
    if (!api) {
      return Promise.resolve({ tracked: false, notice: "No SCORM 1.2 LMS was found, so your progress is not being recorded." });
    }
    this.api = api;
    if (String(api.LMSInitialize("")) !== "true") {
      const code = String(api.LMSGetLastError());
      // Moodle answers 101 when the previous SCO never finished, yet keeps working (lms-notes.md).
      if (code !== "101" || api.LMSGetValue("cmi.core.lesson_status") === "") {
        this.api = undefined;
        return Promise.resolve({ tracked: false, notice: `The LMS refused to start tracking (error ${code}); your progress is not being recorded.` });
      }
    }
    this.review = this.get("cmi.core.lesson_mode") === "review";
    const status = this.get("cmi.core.lesson_status");
    this.storedTerminal = TERMINAL.has(status);
    if (!this.review) {
      if (status === "not attempted" || status === "") this.set("cmi.core.lesson_status", "incomplete");
      // Set early: if the window is closed without a clean finish, the LMS still offers resume.
      this.set("cmi.core.exit", "suspend");
    }
    this.objectiveCount = toCount(this.get("cmi.objectives._count"));
    for (let i = 0; i < this.objectiveCount; i++) {
      this.objectiveIndex.set(this.get(`cmi.objectives.${i}.id`), i);
    }
    this.interactionCount = toCount(this.get("cmi.interactions._count"));
    const location = this.get("cmi.core.lesson_location");
    const state = this.get("cmi.suspend_data");
    const learnerName = this.get("cmi.core.student_name");
    this.commit();
    return Promise.resolve({
      tracked: true,
      ...(location || state ? { resume: { location, state } } : {}),
      review: this.review,
      ...(learnerName ? { learnerName } : {}),
    });
  }

  record(events: readonly LearnerEvent[], snapshot: Snapshot): void {
    if (!this.writable()) return;
    for (const e of events) if (e.kind === "answer") this.writeInteraction(e);
    this.writeProgress(snapshot);
    this.commit();
  }

  save(snapshot: Snapshot): void {
    if (!this.writable()) return;
    this.writeProgress(snapshot);
    this.commit();
  }

  finish(snapshot: Snapshot): void {
    if (!this.api || this.finished) return;
    if (!this.review) {
      this.writeProgress(snapshot);
      this.set("cmi.core.session_time", cmiTimespan(Date.now() - this.startedAt));
      this.set("cmi.core.exit", snapshot.progress.success ? "" : "suspend");
      this.commit();
    }
    this.finished = true;
    this.call("LMSFinish", () => this.api?.LMSFinish(""));
  }
  saveStatus(): SaveState {
    return this.api ? "saved" : "untracked"; // placeholder until the hardening work lands
  }


  private writable(): boolean {
    return Boolean(this.api) && !this.finished && !this.review;
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
      // Score before status (conformance 11.5); min/max before raw (3.4).
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
      this.set("cmi.core.score.raw", String(a.best));
    }
    const status = reportedStatus(course.reporting, s.progress);
    if (!this.storedTerminal || TERMINAL.has(status)) {
      this.set("cmi.core.lesson_status", status);
      this.storedTerminal = TERMINAL.has(status);
    }

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

  /** Index of the objective with this id, appending it (densely, conformance 3.10) if new. */
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
    this.set(p + "id", `${e.quizId}-${e.question.id}`, true);
    this.set(p + "objectives.0.id", e.objective, true);
    this.set(p + "time", cmiClockTime(e.at), true);
    this.set(p + "type", interactionType(e.question), true);
    this.set(p + "correct_responses.0.pattern", correctPattern(e.question), true);
    this.set(p + "weighting", String(e.graded ? e.question.points : 0), true);
    this.set(p + "student_response", responseText(e.question, e.answer), true);
    this.set(p + "result", e.correct ? "correct" : "wrong", true);
    this.set(p + "latency", cmiTimespan(e.latencyMs), true);
  }

  private get(element: string): string {
    const api = this.api;
    if (!api) return "";
    const value = String(api.LMSGetValue(element) ?? "");
    return value;
  }

  /** `always`: write-only elements (interactions) are never cached. */
  private set(element: string, value: string, always = false): void {
    const api = this.api;
    if (!api || (!always && this.written.get(element) === value)) return;
    if (String(api.LMSSetValue(element, value)) === "true") {
      if (!always) this.written.set(element, value);
      return;
    }
    this.report(`LMSSetValue("${element}", "${value.slice(0, 40)}")`);
  }

  private commit(): void {
    this.call("LMSCommit", () => this.api?.LMSCommit(""));
  }

  private call(name: string, fn: () => string | undefined): void {
    // Some LMSs refuse Commit during unload and rely on Finish (conformance 11.2): log, don't stop.
    if (String(fn()) !== "true") this.report(`${name}("")`);
  }

  private report(what: string): void {
    const api = this.api;
    const code = api ? String(api.LMSGetLastError()) : "";
    const text = api ? `${api.LMSGetErrorString(code)} ${api.LMSGetDiagnostic(code)}`.trim() : "";
    console.warn(`[coursewright] SCORM 1.2 ${what} failed: error ${code} ${text}`);
  }

  private problem(message: string): void {
    console.error(`[coursewright] ${message}`);
    this.onProblem?.(message);
  }
}

function toCount(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
