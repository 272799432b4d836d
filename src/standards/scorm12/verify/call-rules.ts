// Records every SCORM 1.2 API call a SCO makes and checks it against SCORM 1.2 RTE §3.3 (API) and §3.4
// (data model) and what strict LMSs enforce (e.g. Moodle 5.1 mod_scorm answers 405 to values outside the
// 1.2 vocabularies and types, and enforces the length limits in strict mode) — stricter than any one LMS,
// so a package that passes here passes there. Used live by the tests (wrap) and by `coursewright verify`
// on the calls its player recorded (replay).
import type { Violation } from "../../../verify/findings.js";
import type { RecordedCall } from "../../common/scorm/call-recorder.js";
import { matches, oneOf, valueViolations, within, type Check, type ValueRule } from "../../common/scorm/value-rules.js";
import { recordScorm12Calls, type Scorm12ApiLike } from "../api.js";

export type { Scorm12ApiLike } from "../api.js";
export type { Violation } from "../../../verify/findings.js";
/** A recorded call (see common/scorm/call-recorder.ts). */
export type ApiCall = RecordedCall;

/** CMITimespan `HHHH:MM:SS.SS` (SCORM 1.2 RTE ch.3 data types; cmi.core.session_time). */
export const CMI_TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const IDENTIFIER = /^[\x21-\x7e]{1,255}$/;
const STATUS = new Set(["passed", "completed", "failed", "incomplete", "browsed"]);
const OBJECTIVE_STATUS = new Set([...STATUS, "not attempted"]);
const TYPES = new Set(["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"]);
const RESULTS = new Set(["correct", "wrong", "unanticipated", "neutral"]);
const EXIT = new Set(["time-out", "suspend", "logout", ""]);

const score: Check = (v) => (v === "" || (DECIMAL.test(v) && Number(v) >= 0 && Number(v) <= 100) ? undefined : `'${v}' is not a decimal in 0–100`);

/** Element pattern → rule id and check. `n` stands for an array index. */
const VALUE_RULES: readonly ValueRule[] = [
  [/^cmi\.core\.lesson_status$/, "3.1", oneOf(STATUS)],
  [/^cmi\.core\.score\.(raw|min|max)$/, "3.4", score],
  [/^cmi\.core\.session_time$/, "3.5", matches(CMI_TIMESPAN, "a CMITimespan HHHH:MM:SS.SS")],
  [/^cmi\.core\.lesson_location$/, "3.6", within(255)],
  [/^cmi\.suspend_data$/, "3.7", within(4096)],
  [/^cmi\.core\.exit$/, "3.8", oneOf(EXIT)],
  [/^cmi\.objectives\.\d+\.id$/, "3.10", matches(IDENTIFIER, "a CMIIdentifier (printable ASCII, no spaces, ≤ 255)")],
  [/^cmi\.objectives\.\d+\.status$/, "3.10", oneOf(OBJECTIVE_STATUS)],
  [/^cmi\.objectives\.\d+\.score\.(raw|min|max)$/, "3.10", score],
  [/^cmi\.interactions\.\d+\.id$/, "3.11", matches(IDENTIFIER, "a CMIIdentifier (printable ASCII, no spaces, ≤ 255)")],
  [/^cmi\.interactions\.\d+\.objectives\.\d+\.id$/, "3.11", matches(IDENTIFIER, "a CMIIdentifier")],
  [/^cmi\.interactions\.\d+\.time$/, "3.11", matches(CLOCK, "a CMITime HH:MM:SS")],
  [/^cmi\.interactions\.\d+\.type$/, "3.11", oneOf(TYPES)],
  [/^cmi\.interactions\.\d+\.result$/, "3.11", (v) => (RESULTS.has(v) || DECIMAL.test(v) ? undefined : `'${v}' is not a 1.2 result`)],
  [/^cmi\.interactions\.\d+\.weighting$/, "3.11", (v) => (DECIMAL.test(v) && Math.abs(Number(v)) <= 100 ? undefined : `'${v}' is not a decimal in −100…100`)],
  [/^cmi\.interactions\.\d+\.latency$/, "3.11", matches(CMI_TIMESPAN, "a CMITimespan")],
  [/^cmi\.interactions\.\d+\.student_response$/, "3.12", within(255)],
  [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, "3.12", within(255)],
];

const READ_ONLY = /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode)|launch_data|comments_from_lms|student_data\..*|objectives\._count|interactions\._count)$/;
const WRITE_ONLY_READ = /^cmi\.(core\.(exit|session_time)|interactions\.\d+\.(?!objectives\._count|correct_responses\._count).*)$/;

export class Scorm12CallLog {
  readonly calls: ApiCall[] = [];
  readonly violations: Violation[] = [];
  private state: "new" | "running" | "finished" = "new";
  private initializeCount = 0;
  private finishCount = 0;
  private readonly counts = new Map<string, number>();

  /** An API object for the SCO that forwards to `api` and records and checks every call. */
  wrap(api: Scorm12ApiLike): Scorm12ApiLike {
    return recordScorm12Calls(api, (call) => {
      this.calls.push(call);
      this.check(call);
    });
  }

  /** Checks calls recorded elsewhere (e.g. by the player page), in order, as if they had been made now. */
  replay(calls: readonly ApiCall[]): this {
    for (const call of calls) {
      const copy = { fn: call.fn, args: call.args.map(String), result: String(call.result), error: String(call.error) };
      this.calls.push(copy);
      this.check(copy);
    }
    return this;
  }

  count(fn: string): number {
    return this.calls.filter((c) => c.fn === fn).length;
  }

  /** Rules that can only be judged once the SCO is gone (exactly one LMSFinish). */
  endOfSession(): Violation[] {
    const out = [...this.violations];
    if (this.initializeCount === 1 && this.finishCount !== 1) out.push({ rule: "2.4", message: `LMSFinish was called ${this.finishCount} times; expected exactly once` });
    return out;
  }

  private violate(rule: string, message: string): void {
    this.violations.push({ rule, message });
  }

  private check(call: ApiCall): void {
    const [first = "", second = ""] = call.args;
    if (call.fn === "LMSInitialize" || call.fn === "LMSFinish" || call.fn === "LMSCommit") {
      if (first !== "") this.violate("2.3", `${call.fn} must be called with "" (got '${first}')`);
    }
    if (this.state === "finished") this.violate("2.4", `${call.fn} called after LMSFinish`);
    switch (call.fn) {
      case "LMSInitialize":
        this.initializeCount++;
        if (this.initializeCount > 1) this.violate("2.4", "LMSInitialize called more than once");
        this.state = "running";
        return;
      case "LMSFinish":
        this.finishCount++;
        this.state = "finished";
        return;
      default:
        if (this.state === "new") this.violate("2.4", `${call.fn} called before LMSInitialize`);
    }
    if (call.fn === "LMSGetValue") {
      if (WRITE_ONLY_READ.test(first)) this.violate("3.11", `${first} is write-only; never read it back`);
      const count = /^cmi\.(objectives|interactions)\._count$/.exec(first);
      if (count?.[1] && DECIMAL.test(call.result)) this.counts.set(count[1], Number(call.result));
      return;
    }
    if (call.fn !== "LMSSetValue") return;
    if (call.result !== "true") this.violate("2.5", `LMSSetValue(${first}, '${second.slice(0, 60)}') failed with error ${call.error}`);
    if (READ_ONLY.test(first)) this.violate("3.9", `${first} is read-only`);
    for (const v of valueViolations(VALUE_RULES, first, second)) this.violate(v.rule, v.message);
    const array = /^cmi\.(objectives|interactions)\.(\d+)\.(.*)$/.exec(first);
    if (array?.[1] && array[2]) {
      const n = Number(array[2]);
      const count = this.counts.get(array[1]) ?? 0;
      if (n > count) this.violate(array[1] === "objectives" ? "3.10" : "3.11", `${first}: index ${n} skips ahead of _count ${count} (fill arrays densely)`);
      if (n === count) {
        if (array[3] !== "id") this.violate(array[1] === "objectives" ? "3.10" : "3.11", `${first}: set id first on a new ${array[1]} entry`);
        this.counts.set(array[1], count + 1);
      }
    }
  }
}
