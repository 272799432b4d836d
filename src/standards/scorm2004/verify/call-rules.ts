// Checks a recorded SCORM 2004 call log (and optionally the CMI the LMS ended with) against SCORM 2004 4th ed.
// RTE ch.3 (API, state machine, error codes) and §4.2 (data model: vocabularies, types, SPMs, dependencies),
// plus what Moodle's browser-side checks enforce. Pure: the calls come from any recorder (tests, the
// player page); the verdict is a list of violations, empty when every rule holds.
import type { Violation } from "../../../verify/findings.js";
import type { RecordedCall } from "../../common/scorm/call-recorder.js";
import { matches, oneOf, valueViolations, within, type Check, type ValueRule } from "../../common/scorm/value-rules.js";
import { isLongIdentifier } from "../limits.js";

export type { Violation } from "../../../verify/findings.js";

/** RTE ch.3: every error code an API_1484_11 may answer. */
const ERROR_CODES = new Set(["0", "101", "102", "103", "104", "111", "112", "113", "122", "123", "132", "133", "142", "143", "201", "301", "351", "391", "401", "402", "403", "404", "405", "406", "407", "408"]);
/** GetValue errors that are a legitimate answer to a probe (element the LMS does not implement, or unset). */
const PROBE_ERRORS = new Set(["401", "402", "403"]);

/** RTE §4.1.1 timeinterval (second,10,2): `P[nY][nM][nD][T[nH][nM][n[.nn]S]]`, at least one part, `T` before time parts. */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
/** RTE §4.1.1 time (second,10,0); a zone designator only after fractional seconds (Moodle refuses `…:00Z`). */
const TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2}(Z|[+-]\d{2}(:\d{2})?)?)?)?)?)?)?)?$/;
const REAL = /^-?\d{1,10}(\.\d{1,7})?$/;
const SHORT_ID = /^[\x21-\x7e]{1,250}$/;

const COMPLETION = new Set(["completed", "incomplete", "not attempted", "unknown"]);
const SUCCESS = new Set(["passed", "failed", "unknown"]);
const EXIT = new Set(["time-out", "suspend", "logout", "normal", ""]);
const TYPES = new Set(["true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance", "sequencing", "numeric", "other"]);
const RESULTS = new Set(["correct", "incorrect", "unanticipated", "neutral"]);
const NAV = /^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=[^}]+\}(choice|jump))$/;

const real = (min = -Infinity, max = Infinity): Check => (v) =>
  REAL.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `'${v}' is not a real(10,7)${min > -Infinity ? ` in ${min}…${max}` : ""}`;
const longId: Check = (v) => (isLongIdentifier(v) ? undefined : `'${v.slice(0, 60)}' is not a long_identifier_type`);
const localized = (max: number): Check => (v) => (/^\{(?!lang=)/.test(v) ? `'${v.slice(0, 40)}' starts with '{' but no {lang=} delimiter` : /[\r\n]/.test(v) ? "a line break in a localized string" : within(max)(v.replace(/^\{lang=[^}]*\}/, "")));

/** Element pattern → rule and check. */
const VALUE_RULES: readonly ValueRule[] = [
  [/^cmi\.completion_status$/, "5.4", oneOf(COMPLETION)],
  [/^cmi\.success_status$/, "5.4", oneOf(SUCCESS)],
  [/^cmi\.score\.scaled$/, "5.6", real(-1, 1)],
  [/^cmi\.score\.(raw|min|max)$/, "5.6", real()],
  [/^cmi\.progress_measure$/, "5.4", real(0, 1)],
  [/^cmi\.session_time$/, "5.7", matches(DURATION, "an ISO 8601 duration (timeinterval)")],
  [/^cmi\.location$/, "5.8", within(1000)],
  [/^cmi\.suspend_data$/, "5.8", within(64000)],
  [/^cmi\.exit$/, "5.9", oneOf(EXIT)],
  [/^cmi\.objectives\.\d+\.id$/, "5.11", longId],
  [/^cmi\.objectives\.\d+\.success_status$/, "5.11", oneOf(SUCCESS)],
  [/^cmi\.objectives\.\d+\.completion_status$/, "5.11", oneOf(COMPLETION)],
  [/^cmi\.objectives\.\d+\.score\.scaled$/, "5.11", real(-1, 1)],
  [/^cmi\.objectives\.\d+\.score\.(raw|min|max)$/, "5.11", real()],
  [/^cmi\.objectives\.\d+\.progress_measure$/, "5.11", real(0, 1)],
  [/^cmi\.objectives\.\d+\.description$/, "5.11", localized(250)],
  [/^cmi\.interactions\.\d+\.id$/, "5.10", longId],
  [/^cmi\.interactions\.\d+\.type$/, "5.10", oneOf(TYPES)],
  [/^cmi\.interactions\.\d+\.objectives\.\d+\.id$/, "5.10", longId],
  [/^cmi\.interactions\.\d+\.timestamp$/, "5.10", matches(TIME, "a time (second,10,0) with fractional seconds before any zone")],
  [/^cmi\.interactions\.\d+\.weighting$/, "5.10", real()],
  [/^cmi\.interactions\.\d+\.result$/, "5.10", (v) => (RESULTS.has(v) || REAL.test(v) ? undefined : `'${v}' is not a 2004 result`)],
  [/^cmi\.interactions\.\d+\.latency$/, "5.10", matches(DURATION, "an ISO 8601 duration (timeinterval)")],
  [/^cmi\.interactions\.\d+\.description$/, "5.10", localized(250)],
  [/^adl\.nav\.request$/, "5.12", matches(NAV, "a navigation request")],
];

const READ_ONLY = /^(cmi\.(_version|completion_threshold|credit|entry|launch_data|learner_id|learner_name|max_time_allowed|mode|scaled_passing_score|time_limit_action|total_time|comments_from_lms\..*|.*\._count|.*\._children)|adl\.nav\.request_valid\..*)$/;
const WRITE_ONLY = /^cmi\.(exit|session_time)$/;

/** Response records of a type (RTE §4.2.9.1/§4.2.9.2): items split on `[,]`, each checked. */
function responseProblem(type: string, value: string, pattern: boolean): string | undefined {
  const body = pattern ? value.replace(/^(\{(case_matters|order_matters|lang)=[^}]*\})+/, "") : value;
  const items = body.split("[,]");
  const ids = (max: number, unique: boolean): string | undefined => {
    if (items.length > max) return `${items.length} items, more than ${max}`;
    if (items.some((i) => !SHORT_ID.test(i))) return `'${value.slice(0, 60)}' has an item that is not a short_identifier_type`;
    if (unique && new Set(items).size !== items.length) return `'${value.slice(0, 60)}' repeats an item of a set`;
    return undefined;
  };
  switch (type) {
    case "true-false":
      return value === "true" || value === "false" ? undefined : `'${value}' is not true/false`;
    case "choice":
      return value === "" ? undefined : ids(36, true);
    case "sequencing":
      return ids(36, false);
    case "matching":
      if (items.length > 36) return `${items.length} records, more than 36`;
      return items.every((i) => {
        const [s = "", t = "", ...rest] = i.split("[.]");
        return !rest.length && SHORT_ID.test(s) && SHORT_ID.test(t);
      })
        ? undefined
        : `'${value.slice(0, 60)}' is not source[.]target records`;
    case "fill-in":
      if (items.length > 10) return `${items.length} strings, more than 10`;
      for (const i of items) {
        const p = localized(250)(i);
        if (p) return p;
      }
      return undefined;
    case "long-fill-in":
      return localized(4000)(body);
    default:
      return undefined;
  }
}

/**
 * Checks calls in order. `finalCmi` (element → value, as the LMS stored them) adds the rules that need the
 * end state. `endOfSession`: the SCO is gone, so Terminate must have happened exactly once.
 */
export function checkScorm2004Calls(calls: readonly RecordedCall[], options: { endOfSession?: boolean; finalCmi?: Readonly<Record<string, string>> } = {}): Violation[] {
  const out: Violation[] = [];
  const violate = (rule: string, message: string): void => void out.push({ rule, message });
  let state: "new" | "running" | "terminated" = "new";
  let initialized = 0;
  let terminated = 0;
  const counts = new Map<string, number>();
  /** Values accepted since the last commit, and the ones in force. */
  let burst = new Map<string, string>();
  const current = new Map<string, string>();
  const objectiveIds = new Map<string, number>();
  const interactionTypes = new Map<number, string>();
  let continueValid = false;
  let previousValid = false;

  const commitPoint = (fn: string): void => {
    // Moodle grades from score.raw alone: a scaled score without raw would grade 0.
    if (current.has("cmi.score.scaled") && !current.has("cmi.score.raw")) violate("5.6", `${fn}: cmi.score.scaled was set without cmi.score.raw`);
    const [min, max, raw] = ["min", "max", "raw"].map((k) => current.get(`cmi.score.${k}`));
    if (raw !== undefined && ((min !== undefined && Number(raw) < Number(min)) || (max !== undefined && Number(raw) > Number(max)))) {
      violate("5.6", `${fn}: cmi.score.raw ${raw} is outside min ${min ?? "-"} … max ${max ?? "-"}`);
    }
    burst = new Map();
  };

  for (const call of calls) {
    const [first = "", second = ""] = call.args;
    if (!ERROR_CODES.has(call.error)) violate("5.3", `${call.fn}: '${call.error}' is not a SCORM 2004 error code`);
    if (/^(Initialize|Terminate|Commit)$/.test(call.fn) && first !== "") violate("5.1", `${call.fn} must be called with "" (got '${first}')`);
    if (state === "terminated") violate("5.2", `${call.fn} called after Terminate`);
    if (call.fn === "Initialize") {
      initialized++;
      if (initialized > 1) violate("5.2", "Initialize called more than once");
      if (call.result !== "true") violate("5.3", `Initialize failed with error ${call.error}`);
      state = "running";
      continue;
    }
    if (state === "new") violate("5.2", `${call.fn} called before Initialize`);
    if (call.fn === "Terminate" || call.fn === "Commit") {
      if (call.result !== "true") violate("5.3", `${call.fn} failed with error ${call.error}`);
      commitPoint(call.fn);
      if (call.fn === "Terminate") {
        terminated++;
        state = "terminated";
      }
      continue;
    }
    if (call.fn === "GetValue") {
      if (/^cmi\.core\.|^cmi\.student_/.test(first)) violate("5.13", `${first} is a SCORM 1.2 element`);
      if (WRITE_ONLY.test(first)) violate("5.9", `${first} is write-only; never read it back`);
      else if (call.error !== "0" && !PROBE_ERRORS.has(call.error)) violate("5.3", `GetValue(${first}) failed with error ${call.error}`);
      const count = /^cmi\.(objectives|interactions)\._count$/.exec(first);
      if (count?.[1] && /^\d+$/.test(call.result)) counts.set(count[1], Number(call.result));
      const id = /^cmi\.objectives\.(\d+)\.id$/.exec(first);
      if (id?.[1] && call.error === "0") objectiveIds.set(call.result, Number(id[1]));
      if (first === "adl.nav.request_valid.continue") continueValid = call.result === "true";
      if (first === "adl.nav.request_valid.previous") previousValid = call.result === "true";
      continue;
    }
    if (call.fn !== "SetValue") continue;
    if (call.result !== "true") violate("5.3", `SetValue(${first}, '${second.slice(0, 60)}') failed with error ${call.error}`);
    if (/^cmi\.core\.|^cmi\.student_/.test(first)) violate("5.13", `${first} is a SCORM 1.2 element`);
    if (READ_ONLY.test(first)) violate("5.13", `${first} is read-only`);
    for (const v of valueViolations(VALUE_RULES, first, second)) violate(v.rule, v.message);
    if (first === "adl.nav.request" && ((second === "continue" && !continueValid) || (second === "previous" && !previousValid))) {
      violate("5.12", `adl.nav.request=${second} without adl.nav.request_valid.${second} answering "true"`);
    }
    // The same element set to two different values before one commit: the LMS may apply either (Moodle
    // sends commits as beacons that can arrive out of order), so a burst carries each element once.
    const before = burst.get(first);
    if (before !== undefined && before !== second && !/^cmi\.interactions\./.test(first)) {
      violate("5.2", `${first} set to '${before.slice(0, 30)}' then '${second.slice(0, 30)}' before one commit`);
    }
    // Never regress: a completed or passed status taken back within a session.
    const was = current.get(first);
    if (/(^|\.)completion_status$/.test(first) && was === "completed" && second !== "completed") violate("5.4", `${first} regressed from completed to ${second}`);
    if (/(^|\.)success_status$/.test(first) && was === "passed" && second !== "passed") violate("5.4", `${first} regressed from passed to ${second}`);
    if (call.result === "true") {
      burst.set(first, second);
      current.set(first, second);
    }
    checkArrays(first, second, call.result === "true");
  }
  if (options.endOfSession && initialized === 1 && terminated !== 1) violate("5.2", `Terminate was called ${terminated} times; expected exactly once`);
  if (options.finalCmi) checkFinal(options.finalCmi, violate);
  return out;

  function checkArrays(element: string, value: string, accepted: boolean): void {
    const array = /^cmi\.(objectives|interactions)\.(\d+)\.(.+)$/.exec(element);
    if (!array?.[1] || !array[2] || !array[3]) return;
    const [, kind, index, rest] = array;
    const n = Number(index);
    const rule = kind === "objectives" ? "5.11" : "5.10";
    const count = counts.get(kind) ?? 0;
    if (n > count) violate(rule, `${element}: index ${n} skips ahead of _count ${count} (fill arrays densely)`);
    if (n === count) {
      if (rest !== "id") violate(rule, `${element}: set id first on a new ${kind} entry (408)`);
      if (accepted) counts.set(kind, count + 1);
    }
    if (kind === "objectives" && rest === "id") {
      const other = objectiveIds.get(value);
      if (other !== undefined && other !== n) violate(rule, `${element}: id '${value}' is already objective ${other}`);
      objectiveIds.set(value, n);
    }
    if (kind !== "interactions") return;
    if (rest === "type") interactionTypes.set(n, value);
    const response = /^(learner_response|correct_responses\.\d+\.pattern)$/.exec(rest);
    if (!response) return;
    const type = interactionTypes.get(n);
    if (type === undefined) return violate(rule, `${element}: set type before ${rest} (408)`);
    const problem = responseProblem(type, value, rest !== "learner_response");
    if (problem) violate(rule, `${element} (${type}): ${problem}`);
  }
}

/** Rules on the CMI the LMS ended with. */
function checkFinal(cmi: Readonly<Record<string, string>>, violate: (rule: string, message: string) => void): void {
  const success = cmi["cmi.success_status"];
  if (success && success !== "unknown" && (cmi["cmi.score.scaled"] ?? "") !== "" && !cmi["cmi.score.raw"]) violate("5.6", "final CMI: a scaled score without score.raw (Moodle grades 0)");
  const measure = cmi["cmi.progress_measure"];
  if (measure !== undefined && measure !== "" && cmi["cmi.completion_status"] === "completed" && Number(measure) !== 1) {
    violate("5.4", `final CMI: completed with progress_measure ${measure} (an LMS with a completion threshold of 1 would say incomplete)`);
  }
  for (const [element, value] of Object.entries(cmi)) {
    if (element === "cmi.score.scaled" && value !== "" && !REAL.test(value)) violate("5.6", `final CMI: ${element} '${value}' is not a real`);
  }
}
