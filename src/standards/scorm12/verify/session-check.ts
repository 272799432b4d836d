// What one SCO launch left behind, judged once the content is gone: its SCORM 1.2 calls (replayed through
// Scorm12CallLog, plus end-of-session rules) and what the LMS holds at the end.
import { error, warning, type Finding } from "../../../verify/findings.js";
import { CMI_TIMESPAN, Scorm12CallLog, type ApiCall } from "./call-rules.js";

const STATUS = new Set(["passed", "completed", "failed", "incomplete", "browsed"]);

// A type, not an interface: the JSON report carries it as a UnitSummary (an index signature).
export type Scorm12Summary = {
  /** What the LMS holds at the end (scorm-again's CMI). */
  readonly lessonStatus: string;
  readonly scoreRaw: string;
  readonly objectives: number;
  readonly interactions: number;
  /** LMSInitialize … LMSCommit calls the SCO made (LMSGetLastError and friends not counted). */
  readonly apiCalls: number;
  readonly commits: number;
  readonly finishes: number;
  /** Longest suspend_data / lesson_location the SCO wrote, in characters. */
  readonly suspendDataLength: number;
  readonly lessonLocationLength: number;
  /** Last session_time the SCO wrote (undefined: never) and whether it is a CMITimespan. */
  readonly sessionTime: string | undefined;
  readonly sessionTimeOk: boolean;
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");
/** scorm-again renders arrays as objects keyed by index (or as arrays). */
const size = (v: unknown): number => (Array.isArray(v) ? v.length : Object.keys(obj(v)).filter((k) => /^\d+$/.test(k)).length);

const setValues = (calls: readonly ApiCall[], element: string): ApiCall[] => calls.filter((c) => c.fn === "LMSSetValue" && c.args[0] === element);

/** Checks the calls one SCO launch made (in order) and summarises what the LMS recorded (`cmi`: scorm-again's JSON). */
export function checkScorm12Session(calls: readonly ApiCall[], cmi: unknown): { summary: Scorm12Summary; findings: Finding[] } {
  const log = new Scorm12CallLog().replay(calls);
  const findings: Finding[] = log.endOfSession().map((v) => error(v.rule, v.message));
  const initializes = log.count("LMSInitialize");
  const finishes = log.count("LMSFinish");
  const commits = log.count("LMSCommit");

  if (initializes === 0) findings.push(error("2.4", "the SCO never called LMSInitialize, so the LMS records nothing"));
  else {
    const statusSets = setValues(calls, "cmi.core.lesson_status").filter((c) => c.result === "true" && STATUS.has(c.args[1] ?? ""));
    if (statusSets.length === 0) findings.push(error("3.2", "the SCO never set cmi.core.lesson_status: the LMS keeps 'not attempted' (11.4)"));
    if (commits === 0) findings.push(error("2.7", "LMSCommit was never called: an LMS whose player never calls LMSFinish (Moodle) keeps nothing (11.2)"));
    if (finishes === 0) findings.push(error("2.4", "LMSFinish was never called (the content should finish on pagehide)"));
  }

  const sessionTimes = setValues(calls, "cmi.core.session_time");
  const sessionTime = sessionTimes.at(-1)?.args[1];
  const sessionTimeOk = sessionTime !== undefined && CMI_TIMESPAN.test(sessionTime);
  if (initializes > 0 && sessionTime === undefined) findings.push(warning("3.5", "cmi.core.session_time was never set, so the LMS records no time for the session"));
  const longest = (element: string): number => Math.max(0, ...setValues(calls, element).map((c) => (c.args[1] ?? "").length));

  const root = obj(obj(cmi)["cmi"]);
  const core = obj(root["core"]);
  const summary: Scorm12Summary = {
    lessonStatus: str(core["lesson_status"]),
    scoreRaw: str(obj(core["score"])["raw"]),
    objectives: size(root["objectives"]),
    interactions: size(root["interactions"]),
    apiCalls: calls.length,
    commits,
    finishes,
    suspendDataLength: longest("cmi.suspend_data"),
    lessonLocationLength: longest("cmi.core.lesson_location"),
    sessionTime,
    sessionTimeOk,
  };
  return { summary, findings };
}
