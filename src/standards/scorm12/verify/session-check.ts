// What one launch left behind, judged once the content is gone: the SCORM 1.2 calls of a unit (replayed
// through Scorm12CallLog, plus end-of-session rules) or the statements an xAPI launch sent to the LRS.
import { normalizeStatement, validateStatement, type JsonObject } from "../../../lrs/index.js";
import { error, warning, type Finding } from "../../../verify/findings.js";
import { CMI_TIMESPAN, Scorm12CallLog, type ApiCall } from "./call-rules.js";

const STATUS = new Set(["passed", "completed", "failed", "incomplete", "browsed"]);

export interface Scorm12Summary {
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
}

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

// ---- xAPI ----------------------------------------------------------------------------------------

export interface XapiSummary {
  readonly statements: number;
  /** Last segment of each verb id → count, in order of first use. */
  readonly byVerb: Readonly<Record<string, number>>;
  /** Statement requests the LRS refused (4xx): those statements are not stored at all. */
  readonly rejectedRequests: number;
}

const verbOf = (s: JsonObject): string => str(obj(s["verb"])["id"]);
const shortVerb = (id: string): string => id.split("/").pop() ?? id;

/** What makes two statements the same learner event: everything but id and the LRS's own properties. */
function sameEvent(s: JsonObject): string {
  const { id: _id, stored: _stored, authority: _authority, version: _version, ...rest } = s;
  return JSON.stringify(rest);
}

/**
 * The statements one launch sent (stored order) against xAPI 1.0.3: each validates (Part 2 §2.2), carries the
 * launch registration (Part 2 §2.4.6), no statement twice (Part 2 §2.4.1), initialized first and terminated
 * last (the order cmi5 §9.3 sets for its defined statements, which TinCan LMSs rely on too).
 */
export function checkXapiStatements(
  statements: readonly JsonObject[],
  registration: string,
  rejectedRequests: readonly string[],
): { summary: XapiSummary; findings: Finding[] } {
  const findings: Finding[] = [];
  const byVerb: Record<string, number> = {};
  for (const s of statements) {
    const v = shortVerb(verbOf(s));
    byVerb[v] = (byVerb[v] ?? 0) + 1;
  }
  for (const r of rejectedRequests) findings.push(error("7.2", `the LRS refused a statement request: ${r}`));
  if (statements.length === 0) findings.push(error("7.2", "the content sent no statement to the LRS"));

  const ids = new Map<string, number>();
  const events = new Map<string, number>();
  statements.forEach((s, i) => {
    const label = `statement ${i + 1} (${shortVerb(verbOf(s))})`;
    for (const reason of validateStatement(normalizeStatement(s))) findings.push(error("7.2", `${label}: ${reason.message}`));
    const reg = str(obj(s["context"])["registration"]);
    if (!reg) findings.push(error("7.8", `${label} has no context.registration`));
    else if (reg !== registration) findings.push(error("7.8", `${label} has registration ${reg}, not the launch's ${registration}`));
    const id = str(s["id"]);
    ids.set(id, (ids.get(id) ?? 0) + 1);
    const key = sameEvent(s);
    events.set(key, (events.get(key) ?? 0) + 1);
  });
  for (const [id, n] of ids) if (n > 1) findings.push(error("7.3", `statement id ${id} is stored ${n} times`));
  const duplicated = [...events.values()].filter((n) => n > 1).length;
  if (duplicated) findings.push(error("7.3", `${duplicated} statement${duplicated === 1 ? " was" : "s were"} sent more than once under different ids`));

  const verbs = statements.map((s) => shortVerb(verbOf(s)));
  if (verbs.length && verbs[0] !== "initialized") findings.push(error("8.12", `the first statement is '${verbs[0]}', expected 'initialized'`));
  if (verbs.length && !verbs.includes("terminated")) findings.push(error("8.12", "no 'terminated' statement was sent when the content closed (11.2)"));
  else if (verbs.length && verbs.at(-1) !== "terminated") findings.push(error("8.12", `'${verbs.at(-1) ?? ""}' was sent after 'terminated'; terminated must be last`));

  return { summary: { statements: statements.length, byVerb, rejectedRequests: rejectedRequests.length }, findings };
}
