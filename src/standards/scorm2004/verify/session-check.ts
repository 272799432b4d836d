// What one SCO launch left behind, judged once the content is gone: its SCORM 2004 calls (checkScorm2004Calls,
// with the end-of-session rules and the CMI the LMS ended with) and a summary of what the LMS holds.
import type { RecordedCall } from "../../common/scorm/call-recorder.js";
import { error, warning, type Finding } from "../../../verify/findings.js";
import { checkScorm2004Calls } from "./call-rules.js";

// A type, not an interface: the JSON report carries it as a UnitSummary (an index signature).
export type Scorm2004Summary = {
  /** What the LMS holds at the end (scorm-again's CMI). */
  readonly completionStatus: string;
  readonly successStatus: string;
  readonly scoreScaled: string;
  readonly scoreRaw: string;
  readonly objectives: number;
  readonly interactions: number;
  /** Initialize … Commit calls the SCO made (GetLastError and friends not counted). */
  readonly apiCalls: number;
  readonly commits: number;
  readonly terminates: number;
  /** Longest suspend_data the SCO wrote, in characters. */
  readonly suspendDataLength: number;
  /** Last session_time the SCO wrote (undefined: never). */
  readonly sessionTime: string | undefined;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object";

/** scorm-again's JSON as element → value (`cmi.score.raw`, `cmi.objectives.0.id`): arrays come keyed by index. */
export function flattenCmi(json: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, prefix: string): void => {
    if (isObj(v)) for (const [k, child] of Object.entries(v)) walk(child, prefix ? `${prefix}.${k}` : k);
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[prefix] = String(v);
  };
  walk(json, "");
  return out;
}

const count = (cmi: Readonly<Record<string, string>>, kind: string): number =>
  new Set(Object.keys(cmi).flatMap((k) => new RegExp(`^cmi\\.${kind}\\.(\\d+)\\.`).exec(k)?.[1] ?? [])).size;

/** Checks the calls one SCO launch made (in order) against the 2004 rules and summarises what the LMS recorded. */
export function checkScorm2004Session(calls: readonly RecordedCall[], lmsData: unknown): { summary: Scorm2004Summary; findings: Finding[] } {
  const cmi = flattenCmi(lmsData);
  const findings: Finding[] = checkScorm2004Calls(calls, { endOfSession: true, finalCmi: cmi }).map((v) => error(v.rule, v.message));
  const n = (fn: string): number => calls.filter((c) => c.fn === fn).length;
  const sets = (element: string): RecordedCall[] => calls.filter((c) => c.fn === "SetValue" && c.args[0] === element);
  if (n("Initialize") === 0) findings.push(error("5.2", "the SCO never called Initialize, so the LMS records nothing"));
  else {
    // Moodle takes a SCO's status from completion_status alone.
    if (!sets("cmi.completion_status").some((c) => c.result === "true")) findings.push(error("5.4", "the SCO never set cmi.completion_status: the LMS keeps 'unknown' or 'not attempted'"));
    // SCORM 2004 4th ed. RTE ch.3 (Commit): an LMS whose player never waits for Terminate (Moodle's Exit activity) keeps only what was committed.
    if (n("Commit") === 0 && n("Terminate") === 0) findings.push(error("5.5", "neither Commit nor Terminate was called: the LMS keeps nothing"));
    else if (n("Commit") === 0) findings.push(warning("5.5", "Commit was never called: an LMS player that navigates away without Terminate keeps nothing"));
    if (sets("cmi.session_time").length === 0) findings.push(warning("5.7", "cmi.session_time was never set, so the LMS records no time for the session"));
  }
  const longest = Math.max(0, ...sets("cmi.suspend_data").map((c) => Array.from(c.args[1] ?? "").length));
  const summary: Scorm2004Summary = {
    completionStatus: cmi["cmi.completion_status"] ?? "",
    successStatus: cmi["cmi.success_status"] ?? "",
    scoreScaled: cmi["cmi.score.scaled"] ?? "",
    scoreRaw: cmi["cmi.score.raw"] ?? "",
    objectives: count(cmi, "objectives"),
    interactions: count(cmi, "interactions"),
    apiCalls: calls.length,
    commits: n("Commit"),
    terminates: n("Terminate"),
    suspendDataLength: longest,
    sessionTime: sets("cmi.session_time").at(-1)?.args[1],
  };
  return { summary, findings };
}
