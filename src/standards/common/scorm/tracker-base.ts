// The part of a SCORM tracker that every SCORM version shares (SCORM 1.2 RTE §3.3; SCORM 2004 4th ed. RTE
// ch.3): API discovery, guarded calls, set-if-changed, one commit per learner action (a burst of changes
// leaves as one commit), bounded retry of a refused commit, error reporting through GetLastError /
// GetErrorString / GetDiagnostic, the standing notices and saveStatus. A dialect names the functions and
// error codes of one version; a subclass writes that version's data model.
// Every call into the LMS is guarded: an LMS that throws or refuses never stops the course.
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { LearnerEvent, NoticeTone, Snapshot, Tracker, TrackerStart } from "../../../runtime/tracking/tracker.js";
import { say } from "../../../runtime/core/messages.js";
import type { ScormDialect } from "./dialect.js";
import { findApi } from "./find-api.js";

export type AnswerEvent = Extract<LearnerEvent, { kind: "answer" }>;
export type ReflectionEvent = Extract<LearnerEvent, { kind: "reflection" }>;

/** `cmi.interactions.n.id` of a reflection: unique in the SCO (a question's starts with its quiz id, `check-…` or `assessment`). */
export const reflectionInteractionId = (id: string): string => `reflection-${id}`;

/** The guarded LMS calls a version's writer uses (its `start` opens the session with them). */
export interface ScormLms {
  /** Initializes the session: `""` when the LMS agreed, else its error code (or THREW). */
  readonly initialize: () => string;
  /** Gives up on the LMS (it would not start the session): nothing more is sent. */
  readonly disconnect: () => void;
  /**
   * Reads the objective ids the LMS already holds (resume, or the LMS's own entries such as a primary
   * objective); returns cmi.interactions._count, where new interactions go.
   */
  readonly loadObjectives: () => number;
  /**
   * Index of the objective with this id, appending it if new: densely, n = `_count`, id first (SCORM 1.2 RTE
   * §3.4 cmi.objectives, Moodle answers 201 otherwise; SCORM 2004 4th ed. RTE §4.2.17, 408 otherwise).
   */
  readonly objective: (id: string) => number;
  readonly get: (element: string) => string;
  /** `always`: write-only elements (interactions) are never cached. */
  readonly set: (element: string, value: string, always?: boolean) => void;
  /** Re-sends what the LMS did not take, then commits if anything changed; `retry`: retry a refused commit. */
  readonly flush: (retry: boolean) => void;
  /** Tells the learner (and the console): a key of messages.ts with its placeholders' values. */
  readonly problem: (key: string, ...args: readonly (string | number)[]) => void;
}

/** One SCORM version's data model, written through the guarded calls. */
export interface ScormVersion {
  readonly maxStateLength: number;
  /** Opens the session (the API was found) and reads what the LMS holds; `review`: show, don't record. */
  readonly start: (course: RuntimeCourse) => TrackerStart;
  /** Writes where the learner stands (bookmark, state, status, score, objectives). */
  readonly writeProgress: (s: Snapshot) => void;
  readonly writeInteraction: (e: AnswerEvent) => void;
  /** A reflection as an ungraded free-text interaction, in the version's longest text type. */
  readonly writeReflection: (e: ReflectionEvent) => void;
  /** What only the end of the session sends (session time, exit, navigation), after a last writeProgress. */
  readonly writeEnd: (s: Snapshot) => void;
}

/** An LMS API object: the dialect's function names, called with strings. */
type ScormApi = Readonly<Record<string, unknown>>;

/** Retries of a refused commit, 1 s, 2 s, 4 s, 8 s, 16 s apart; after the last one, the next learner action tries again. */
const RETRIES = 5;
/** Stands for the error code when the API threw instead of answering. */
export const THREW = "thrown";

export function scormTracker(win: Window, dialect: ScormDialect, version: (lms: ScormLms) => ScormVersion): Tracker {
  const { label, prefix } = dialect;
  let api: ScormApi | undefined;
  /** Review / browse: show the course, record nothing. */
  let readOnly = false;
  let finished = false;
  let finishedOk = false;
  /** Last value the LMS accepted per element, so unchanged values are not sent again. */
  const written = new Map<string, string>();
  /** Values the LMS did not take for a reason that may pass: sent again before the next commit. */
  const unsent = new Map<string, string>();
  /** Elements (indices as `n`) the LMS refused as wrong: reported once. */
  const refused = new Set<string>();
  /** Accepted values not yet confirmed by a successful commit. */
  let dirty = false;
  /** Commits refused in a row, and the timer of the next retry. */
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const objectiveIndex = new Map<string, number>();
  let objectiveCount = 0;
  /** The words come with the course, given to `start`. */
  let words: Pick<RuntimeCourse, "messages"> = { messages: {} };

  /** One guarded call into the LMS: its answer as a string, or undefined when it threw (or has no such function). */
  const invoke = (name: string, ...args: string[]): string | undefined => {
    const fn = prefix + name;
    if (!api) return undefined;
    try {
      // A missing function throws here too (reading `apply` of undefined): caught and reported below.
      return String((api[fn] as (...a: string[]) => unknown).apply(api, args));
    } catch (err) {
      console.warn(`[coursewright] the ${label} API's ${fn} threw`, err);
      return undefined;
    }
  };
  /** The LMS's explanation of the last failure (SCORM 1.2 RTE §3.3.2.3; SCORM 2004 4th ed. RTE ch.3, support methods). */
  const error = (): { code: string; text: string } => {
    const code = invoke("GetLastError") ?? THREW;
    const text = `${invoke("GetErrorString", code) ?? ""} ${invoke("GetDiagnostic", code) ?? ""}`.trim();
    return { code, text };
  };
  const warn = (what: string, { code, text } = error()): void => console.warn(`[coursewright] ${label} ${what} failed: error ${code} ${text}`);
  const notice = (key: string, message: string | null, tone: NoticeTone = "error"): void => {
    try {
      tracker.onNotice?.(key, message, tone);
    } catch {
      // the page's notice must never stop the tracker
    }
  };
  const get = (element: string): string => {
    const value = invoke("GetValue", element);
    return value === undefined || value === "undefined" || value === "null" ? "" : value;
  };
  const set = (element: string, value: string, always = false): void => {
    if (!api || (!always && written.get(element) === value && !unsent.has(element))) return;
    unsent.delete(element);
    const result = invoke("SetValue", element, value);
    if (result === "true") {
      if (!always) written.set(element, value);
      dirty = true;
      return;
    }
    const { code, text } = result === undefined ? { code: THREW, text: "" } : error();
    if (!dialect.valueErrors.has(code)) {
      unsent.set(element, value); // may pass later: sent again before the next commit
      return;
    }
    if (!always) written.set(element, value);
    const kind = element.replace(/\.\d+\./g, ".n.");
    if (refused.has(kind)) return;
    refused.add(kind);
    warn(`${prefix}SetValue("${element}", "${value.slice(0, 40)}")`, { code, text });
    notice("lms-value", say(words, "lmsPart", kind, code));
  };
  const flush = (again: boolean): void => {
    if (!api || finished) return;
    clearTimeout(retry);
    retry = undefined;
    for (const [element, value] of [...unsent]) set(element, value, true);
    if (!dirty && !failures && !unsent.size) return;
    if (invoke("Commit", "") === "true" && !unsent.size) {
      dirty = false;
      if (failures) notice("lms", null);
      failures = 0;
      return;
    }
    failures++;
    warn(`${prefix}Commit("")`);
    notice("lms", say(words, "lmsNotSaving"));
    // Bounded back-off; after the last retry the next learner action (or the finish) tries again.
    if (again && failures <= RETRIES) retry = setTimeout(() => flush(true), 500 * 2 ** failures);
  };
  const writer = version({
    initialize: () => {
      const result = invoke("Initialize", "");
      return result === "true" ? "" : result === undefined ? THREW : error().code;
    },
    disconnect: () => {
      api = undefined;
    },
    loadObjectives: () => {
      objectiveCount = toCount(get("cmi.objectives._count"));
      for (let i = 0; i < objectiveCount; i++) objectiveIndex.set(get(`cmi.objectives.${i}.id`), i);
      return toCount(get("cmi.interactions._count"));
    },
    objective: (id) => {
      let n = objectiveIndex.get(id);
      if (n === undefined) {
        n = objectiveCount++;
        objectiveIndex.set(id, n);
        set(`cmi.objectives.${n}.id`, id);
      }
      return n;
    },
    get,
    set,
    flush,
    problem: (key, ...args) => {
      const message = say(words, key, ...args);
      console.error(`[coursewright] ${message}`);
      tracker.onProblem?.(message);
    },
  });
  const writable = (): boolean => Boolean(api) && !finished && !readOnly;

  const tracker: Tracker = {
    maxStateLength: writer.maxStateLength,
    start: (course) => {
      words = course;
      api = findApi<ScormApi>(win, dialect.apiName, dialect.maxHops);
      const started = api ? writer.start(course) : notTracked(say(course, "lmsNone", label));
      readOnly = Boolean(started.review);
      return Promise.resolve(started);
    },
    record: (events, snapshot) => {
      if (!writable()) return;
      for (const e of events) {
        if (e.kind === "answer") writer.writeInteraction(e);
        else if (e.kind === "reflection") writer.writeReflection(e);
      }
      writer.writeProgress(snapshot);
      flush(true);
    },
    save: (snapshot) => {
      if (!writable()) return;
      writer.writeProgress(snapshot);
      flush(true);
    },
    finish: (snapshot) => {
      if (!api || finished) return;
      if (!readOnly) {
        writer.writeProgress(snapshot);
        writer.writeEnd(snapshot);
        flush(false);
      }
      finished = true;
      clearTimeout(retry);
      // Terminate also persists what was set (SCORM 1.2 RTE §3.3.2.2; SCORM 2004 4th ed. RTE ch.3, Terminate), so it
      // settles a commit that failed.
      const fn = dialect.terminate;
      finishedOk = invoke(fn, "") === "true";
      if (!finishedOk) warn(`${prefix}${fn}("")`);
    },
    saveStatus: () => {
      if (!api || readOnly) return "untracked";
      if (finished) return finishedOk && !refused.size ? "saved" : "failed";
      if (failures > RETRIES || refused.size) return "failed";
      return failures || dirty || unsent.size ? "pending" : "saved";
    },
  };
  return tracker;
}

/** Not tracked: the course runs, nothing is recorded, `notice` says why. */
export const notTracked = (notice: string): TrackerStart => ({ tracked: false, notice });

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
