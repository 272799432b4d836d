// The part of a SCORM tracker that every SCORM version shares (SCORM 1.2 RTE §3.3; SCORM 2004 4th ed. RTE
// ch.3): API discovery, guarded calls, set-if-changed, one commit per learner action (a burst of changes
// leaves as one commit), bounded retry of a refused commit, error reporting through GetLastError /
// GetErrorString / GetDiagnostic, the standing notices and saveStatus. A dialect names the functions and
// error codes of one version; a subclass writes that version's data model.
// Every call into the LMS is guarded: an LMS that throws or refuses never stops the course.
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { LearnerEvent, NoticeTone, SaveState, Snapshot, Tracker, TrackerStart } from "../../../runtime/tracking/tracker.js";
import type { ScormDialect } from "./dialect.js";
import { findApi } from "./find-api.js";

export type AnswerEvent = Extract<LearnerEvent, { kind: "answer" }>;

/** An LMS API object: the dialect's function names, called with strings. */
type ScormApi = Readonly<Record<string, unknown>>;

/** Back-off between retries of a refused commit; after the last one, the next learner action tries again. */
const RETRY_MS = [1000, 2000, 4000, 8000, 16000];
/** Stands for the error code when the API threw instead of answering. */
export const THREW = "thrown";

export abstract class ScormTracker implements Tracker {
  abstract readonly maxStateLength: number;
  onProblem?: (message: string) => void;
  onNotice?: (key: string, message: string | null, tone: NoticeTone) => void;

  protected course: RuntimeCourse | undefined;
  protected readonly startedAt = Date.now();
  /** Review / browse: show the course, record nothing. */
  protected readOnly = false;
  protected interactionCount = 0;
  private api: ScormApi | undefined;
  private finished = false;
  private finishedOk = false;
  /** Last value the LMS accepted per element, so unchanged values are not sent again. */
  private readonly written = new Map<string, string>();
  /** Values the LMS did not take for a reason that may pass: sent again before the next commit. */
  private readonly unsent = new Map<string, string>();
  /** Elements (indices as `n`) the LMS refused as wrong: reported once. */
  private readonly refused = new Set<string>();
  /** Accepted values not yet confirmed by a successful commit. */
  private dirty = false;
  /** Commits refused in a row, and the timer of the next retry. */
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly objectiveIndex = new Map<string, number>();
  private objectiveCount = 0;

  constructor(
    protected readonly win: Window,
    protected readonly dialect: ScormDialect,
  ) {}

  abstract start(course: RuntimeCourse): Promise<TrackerStart>;
  /** Writes where the learner stands (bookmark, state, status, score, objectives). */
  protected abstract writeProgress(s: Snapshot): void;
  protected abstract writeInteraction(e: AnswerEvent): void;
  /** What only the end of the session sends (session time, exit, navigation), after a last writeProgress. */
  protected abstract writeEnd(s: Snapshot): void;

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
      this.writeEnd(snapshot);
      this.flush(false);
    }
    this.finished = true;
    clearTimeout(this.retry);
    // Terminate also persists what was set (SCORM 1.2 RTE §3.3.2.2; SCORM 2004 4th ed. RTE ch.3, Terminate), so it
    // settles a commit that failed.
    const fn = this.dialect.terminate;
    this.finishedOk = this.invoke(fn, "") === "true";
    if (!this.finishedOk) this.report(`${fn}("")`);
  }

  saveStatus(): SaveState {
    if (!this.api || this.readOnly) return "untracked";
    if (this.finished) return this.finishedOk && !this.refused.size ? "saved" : "failed";
    if (this.failures > RETRY_MS.length || this.refused.size) return "failed";
    return this.failures || this.dirty || this.unsent.size ? "pending" : "saved";
  }

  /** Finds the LMS's API object; false when there is none. */
  protected discover(): boolean {
    this.api = findApi<ScormApi>(this.win, this.dialect.apiName, this.dialect.maxHops);
    return Boolean(this.api);
  }

  /** Initializes the session: `""` when the LMS agreed, else its error code (or THREW). */
  protected initialize(): string {
    const result = this.invoke(this.dialect.initialize, "");
    return result === "true" ? "" : result === undefined ? THREW : this.error().code;
  }

  /** Gives up on the LMS (it would not start the session): nothing more is sent. */
  protected disconnect(): void {
    this.api = undefined;
  }

  protected writable(): boolean {
    return Boolean(this.api) && !this.finished && !this.readOnly;
  }

  /** Reads the objective ids the LMS already holds (resume, or the LMS's own entries such as a primary objective). */
  protected loadObjectives(): void {
    this.objectiveCount = toCount(this.get("cmi.objectives._count"));
    for (let i = 0; i < this.objectiveCount; i++) this.objectiveIndex.set(this.get(`cmi.objectives.${i}.id`), i);
    this.interactionCount = toCount(this.get("cmi.interactions._count"));
  }

  /**
   * Index of the objective with this id, appending it if new: densely, n = `_count`, id first (SCORM 1.2 RTE
   * §3.4 cmi.objectives, Moodle answers 201 otherwise; SCORM 2004 4th ed. RTE §4.2.17, 408 otherwise).
   */
  protected objective(id: string): number {
    let n = this.objectiveIndex.get(id);
    if (n === undefined) {
      n = this.objectiveCount++;
      this.objectiveIndex.set(id, n);
      this.set(`cmi.objectives.${n}.id`, id);
    }
    return n;
  }

  /** One guarded call into the LMS: its answer as a string, or undefined when it threw (or has no such function). */
  protected invoke(fn: string, ...args: string[]): string | undefined {
    const api = this.api;
    if (!api) return undefined;
    try {
      const f = api[fn];
      if (typeof f !== "function") throw new TypeError(`${fn} is not a function`);
      return String((f as (...a: string[]) => unknown).apply(api, args));
    } catch (err) {
      console.warn(`[coursewright] the ${this.dialect.label} API threw`, err);
      return undefined;
    }
  }

  protected get(element: string): string {
    const value = this.invoke(this.dialect.getValue, element);
    return value === undefined || value === "undefined" || value === "null" ? "" : value;
  }

  /** `always`: write-only elements (interactions) are never cached. */
  protected set(element: string, value: string, always = false): void {
    if (!this.api || (!always && this.written.get(element) === value && !this.unsent.has(element))) return;
    this.unsent.delete(element);
    const result = this.invoke(this.dialect.setValue, element, value);
    if (result === "true") {
      if (!always) this.written.set(element, value);
      this.dirty = true;
      return;
    }
    const { code, text } = result === undefined ? { code: THREW, text: "" } : this.error();
    if (!this.dialect.valueErrors.has(code)) {
      this.unsent.set(element, value); // may pass later: sent again before the next commit
      return;
    }
    if (!always) this.written.set(element, value);
    const kind = element.replace(/\.\d+\./g, ".n.");
    if (this.refused.has(kind)) return;
    this.refused.add(kind);
    console.warn(`[coursewright] ${this.dialect.label} ${this.dialect.setValue}("${element}", "${value.slice(0, 40)}") failed: error ${code} ${text}`);
    this.notice("lms-value", `The LMS did not accept part of your progress (${kind}, error ${code}); the rest is being saved.`);
  }

  /** Re-sends what the LMS did not take, then commits if anything changed; retries a refused commit. */
  protected flush(retry: boolean): void {
    if (!this.api || this.finished) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    for (const [element, value] of [...this.unsent]) this.set(element, value, true);
    if (!this.dirty && !this.failures && !this.unsent.size) return;
    const fn = this.dialect.commit;
    if (this.invoke(fn, "") === "true" && !this.unsent.size) {
      this.dirty = false;
      if (this.failures) this.notice("lms", null);
      this.failures = 0;
      return;
    }
    this.failures++;
    this.report(`${fn}("")`);
    this.notice("lms", "The LMS is not saving your progress at the moment. You can carry on: the course keeps trying.");
    // Bounded back-off; after the last retry the next learner action (or the finish) tries again.
    const wait = RETRY_MS[this.failures - 1];
    if (retry && wait !== undefined) this.retry = setTimeout(() => this.flush(true), wait);
  }

  /** The LMS's explanation of the last failure (SCORM 1.2 RTE §3.3.2.3; SCORM 2004 4th ed. RTE ch.3, support methods). */
  protected error(): { code: string; text: string } {
    const d = this.dialect;
    const code = this.invoke(d.getLastError) ?? THREW;
    const text = `${this.invoke(d.getErrorString, code) ?? ""} ${this.invoke(d.getDiagnostic, code) ?? ""}`.trim();
    return { code, text };
  }

  protected report(what: string): void {
    const { code, text } = this.error();
    console.warn(`[coursewright] ${this.dialect.label} ${what} failed: error ${code} ${text}`);
  }

  protected notice(key: string, message: string | null, tone: NoticeTone = "error"): void {
    try {
      this.onNotice?.(key, message, tone);
    } catch {
      // the page's notice must never stop the tracker
    }
  }

  protected problem(message: string): void {
    console.error(`[coursewright] ${message}`);
    this.onProblem?.(message);
  }
}

export function untracked(notice: string): Promise<TrackerStart> {
  return Promise.resolve({ tracked: false, notice });
}

/**
 * The learner's name as a certificate prints it. SCORM 1.2 RTE §3.4.4 cmi.core.student_name is "Last, First"
 * by convention (SCORM 2004 4th ed. RTE §4.2.12 cmi.learner_name keeps it): with exactly one comma, the parts
 * swap to "First Last"; any other name is shown as the LMS gave it.
 */
export function displayName(name: string): string | undefined {
  const parts = name.split(",");
  return (parts.length === 2 ? `${parts[1]} ${parts[0]}` : name).trim() || undefined;
}

export function toCount(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
