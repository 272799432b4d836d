// The cmi5 rules a registration's statements must keep, judged from what the LRS stored: the same check for
// preview's tracking panel and for `coursewright verify`. Rule ids are the cmi5 spec's sections. The LMS's
// own statements (launched, abandoned, waived, satisfied: §9.3.1, §9.3.6, §9.3.7, §9.3.9) say what each
// session was launched with (its launched statement's context: launchMode, moveOn, masteryScore, §9.6.3);
// the AU's are the rest.
import type { JsonObject } from "../../../lrs/index.js";
import { error, type Finding } from "../../../verify/findings.js";
import { CMI5_CATEGORY, MASTERY_EXTENSION, MOVEON_CATEGORY } from "../runtime/profile.js";

const EXT = "https://w3id.org/xapi/cmi5/context/extensions/";
export const SESSION_EXTENSION = `${EXT}sessionid`;
export const LAUNCH_MODE_EXTENSION = `${EXT}launchmode`;
export const MOVEON_EXTENSION = `${EXT}moveon`;
export const LAUNCH_URL_EXTENSION = `${EXT}launchurl`;
/** §9.3: the verbs of cmi5 defined statements; the LMS's own; the ADL prefix of the first. */
const AU_VERBS = ["initialized", "completed", "passed", "failed", "terminated"];
const LMS_VERBS = ["launched", "abandoned", "waived", "satisfied"];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const verbOf = (s: JsonObject): string => String(obj(s["verb"])["id"] ?? "").split("/").pop() ?? "";
const idsIn = (ctx: Obj, key: string): string[] => list(obj(ctx["contextActivities"])[key]).map((a) => String(a["id"] ?? ""));

export interface SessionSummary {
  readonly session: string;
  readonly launchMode?: string;
  /** The AU's verbs in timestamp order (cmi5 defined ones marked with *). */
  readonly verbs: readonly string[];
}

export interface Cmi5Check {
  readonly findings: readonly Finding[];
  readonly sessions: readonly SessionSummary[];
  /** The moveOn criterion the LMS launched with (§10), and whether the registration's statements meet it. */
  readonly moveOn?: string;
  readonly satisfied: boolean;
}

/** §10 moveOn: which of completed/passed the registration must hold. */
export function moveOnMet(moveOn: string | undefined, completed: boolean, passed: boolean): boolean {
  switch (moveOn) {
    case "Completed":
      return completed;
    case "Passed":
      return passed;
    case "CompletedAndPassed":
      return completed && passed;
    case "CompletedOrPassed":
      return completed || passed;
    default:
      return true; // NotApplicable
  }
}

/**
 * The statements of one registration (of one AU: one activityId), in stored order. `open`: the last session
 * may still be running (preview's panel), so its missing terminated is no finding yet.
 */
export function checkCmi5Statements(statements: readonly JsonObject[], open = false): Cmi5Check {
  const findings: Finding[] = [];
  const bySession = new Map<string, JsonObject[]>();
  const launches = new Map<string, Obj>();
  for (const s of statements) {
    const ctx = obj(s["context"]);
    const session = String(obj(ctx["extensions"])[SESSION_EXTENSION] ?? "");
    if (LMS_VERBS.includes(verbOf(s))) {
      if (verbOf(s) === "launched") launches.set(session, obj(ctx["extensions"]));
      continue;
    }
    if (!session) {
      findings.push(error("9.6.3.1", `a '${verbOf(s)}' statement has no session id extension (the context template's ${SESSION_EXTENSION})`));
      continue;
    }
    bySession.set(session, [...(bySession.get(session) ?? []), s]);
  }
  const sessions: SessionSummary[] = [];
  // Per registration (§9.3): one completed, one passed, no failed after passed.
  let completed = 0;
  let passed = 0;
  // §10: the criterion the LMS launched with last (known from its launched statement before the AU sends anything).
  const criteria = [...launches.values()].map((l) => l[MOVEON_EXTENSION]).filter((m) => m !== undefined);
  const moveOn = criteria.length ? String(criteria.at(-1)) : undefined;
  for (const [session, own] of bySession) {
    const launch = launches.get(session);
    const mode = launch ? String(launch[LAUNCH_MODE_EXTENSION] ?? "") : undefined;
    const mastery = launch?.[MASTERY_EXTENSION];
    const where = `session ${session.slice(0, 8)}`;
    // §9.3: order is the timestamps' (stable: stored order breaks ties).
    const ordered = own.map((s, i) => ({ s, i, t: Date.parse(String(s["timestamp"] ?? "")) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.s);
    const defined = (s: JsonObject): boolean => idsIn(obj(s["context"]), "category").includes(CMI5_CATEGORY);
    const verbs = ordered.map((s) => `${verbOf(s)}${defined(s) ? "*" : ""}`);
    sessions.push({ session, ...(mode !== undefined ? { launchMode: mode } : {}), verbs });
    const first = ordered[0];
    const last = ordered.at(-1);
    if (!first || verbOf(first) !== "initialized" || !defined(first)) findings.push(error("9.3.2", `${where}: the first statement is '${first ? verbOf(first) : "none"}', not a cmi5 defined 'initialized'`));
    const running = open && session === [...bySession.keys()].at(-1) && !ordered.some((s) => verbOf(s) === "terminated");
    if (!running && (!last || verbOf(last) !== "terminated" || !defined(last))) findings.push(error("9.3.8", `${where}: the last statement is '${last ? verbOf(last) : "none"}', not a cmi5 defined 'terminated'`));
    const seen = new Map<string, number>();
    let judged = 0;
    const auIds = new Set<string>();
    for (const s of ordered) {
      const v = verbOf(s);
      const ctx = obj(s["context"]);
      const categories = idsIn(ctx, "category");
      const result = obj(s["result"]);
      const label = `${where}, '${v}' at ${String(s["timestamp"] ?? "")}`;
      if (!String(s["timestamp"] ?? "").endsWith("Z")) findings.push(error("9.7", `${label}: the timestamp is not in UTC`));
      if (!ctx["registration"]) findings.push(error("9.6.1", `${label}: no context.registration`));
      if (idsIn(ctx, "grouping").length === 0) findings.push(error("9.6.2.3", `${label}: no grouping activity (the context template's publisher id)`));
      const isDefined = categories.includes(CMI5_CATEGORY);
      const moveOnCategory = categories.includes(MOVEON_CATEGORY);
      if (!isDefined) {
        // §7.1.3: cmi5 allowed statements; §9.6.2.2: only defined statements carry the moveOn category.
        if (moveOnCategory) findings.push(error("9.6.2.2", `${label}: a cmi5 allowed statement carries the moveOn category`));
        continue;
      }
      if (!AU_VERBS.includes(v)) {
        findings.push(error("9.3", `${label}: '${v}' is not a verb of a cmi5 defined statement an AU sends`));
        continue;
      }
      auIds.add(String(obj(s["object"])["id"] ?? ""));
      if (!obj(obj(s["actor"])["account"])["homePage"]) findings.push(error("9.2", `${label}: the actor has no account`));
      seen.set(v, (seen.get(v) ?? 0) + 1);
      const hasOutcome = result["success"] !== undefined || result["completion"] !== undefined;
      if (hasOutcome !== moveOnCategory) findings.push(error("9.6.2.2", `${label}: ${hasOutcome ? "a result with success or completion needs" : "no success or completion in the result, so no"} moveOn category`));
      if (result["score"] !== undefined && v !== "passed" && v !== "failed") findings.push(error("9.5.1", `${label}: only passed and failed may carry a score`));
      if (v === "passed" ? result["success"] !== true : v === "failed" ? result["success"] !== false : result["success"] !== undefined) findings.push(error("9.5.2", `${label}: result.success must be ${v === "passed" ? "true" : v === "failed" ? "false" : "absent"}`));
      if (v === "completed" ? result["completion"] !== true : result["completion"] !== undefined) findings.push(error("9.5.3", `${label}: result.completion must be ${v === "completed" ? "true" : "absent"}`));
      if (v !== "initialized" && typeof result["duration"] !== "string") findings.push(error("9.5.4.1", `${label}: result.duration is required`));
      if (v === "completed" || v === "passed" || v === "failed") {
        if (mode && mode !== "Normal") findings.push(error("10", `${label}: sent in ${mode} mode, which allows only initialized and terminated`));
      }
      if (v === "passed" || v === "failed") {
        judged++;
        const scaled = obj(result["score"])["scaled"];
        if (typeof mastery === "number") {
          const given = obj(ctx["extensions"])[MASTERY_EXTENSION];
          if (given !== mastery) findings.push(error("9.6.3.2", `${label}: the masteryScore extension is ${JSON.stringify(given)}, the LMS's is ${mastery}`));
          if (typeof scaled === "number" && (v === "passed" ? scaled < mastery : scaled >= mastery))
            findings.push(error(v === "passed" ? "9.3.4" : "9.3.5", `${label}: score ${scaled} is ${v === "passed" ? "below" : "at or above"} the masteryScore ${mastery}`));
        }
        if (v === "passed") passed++;
        else if (passed) findings.push(error("9.3", `${label}: failed after passed in the same registration`));
      }
      if (v === "completed") completed++;
    }
    for (const [v, n] of seen) if (n > 1) findings.push(error("9.3", `${where}: ${n} cmi5 defined '${v}' statements; each verb at most once per session`));
    if (judged > 1) findings.push(error("9.3", `${where}: ${judged} passed/failed statements; at most one per session`));
    if (auIds.size > 1) findings.push(error("9.4", `${where}: cmi5 defined statements about ${auIds.size} different objects; all must be the AU (the launch activityId)`));
  }
  if (completed > 1) findings.push(error("9.3.3", `${completed} completed statements in the registration; at most one`));
  if (passed > 1) findings.push(error("9.3.4", `${passed} passed statements in the registration; at most one`));
  const verbsSent = sessions.flatMap((s) => s.verbs);
  return { findings, sessions, ...(moveOn !== undefined ? { moveOn } : {}), satisfied: moveOnMet(moveOn, verbsSent.includes("completed*"), verbsSent.includes("passed*")) };
}
