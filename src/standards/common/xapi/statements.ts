// Learner events → xAPI 1.0.3 statements (xAPI 1.0.3 Part 2 §2.2, §2.4; README: What the packages report):
// ADL verbs, activity ids under the course IRI, page → session → course context, full interaction
// definitions, no extensions.
import type { Activity, Context, Result, Statement } from "@xapi/xapi";
import { ADL, questionKey, reflectionKey } from "./activity-ids.js";
import type { ActivityTable } from "./activity-table.js";
import type { RuntimeCourse, RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import type { LearnerEvent } from "../../../runtime/tracking/tracker.js";
import { isoDuration } from "../iso-duration.js";
import type { LrsLaunch } from "./lrs-launch.js";

export type VerbName = "initialized" | "resumed" | "experienced" | "answered" | "completed" | "passed" | "failed" | "suspended" | "terminated";

/** An ADL verb (xAPI 1.0.3 Part 2 §2.4.3), displayed in en-US. */
export const verb = (name: VerbName) => ({ id: `${ADL}verbs/${name}`, display: { "en-US": name } });

/**
 * RFC 4122 §4.4 version 4 UUID from crypto.getRandomValues (randomUUID needs a secure context): the template's
 * 0s and 1s become random hex digits, and its 8 a random one of 8, 9, a, b (the variant).
 */
export const uuid = (): string =>
  "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16));

type CourseVerb = "initialized" | "resumed" | "suspended" | "terminated" | "completed";

/** The methods are closures over the course and the launch, so the bundle's minifier can shorten what they share. */
export class StatementFactory {
  readonly courseId: string;
  /** Course-level statements: initialized, resumed, suspended, terminated, completed; `at`: when (default now). */
  readonly courseEvent: (name: CourseVerb, durationMs?: number, at?: Date) => Statement;
  /**
   * The statements a learner event makes, in the order they happened. An answer's `latencyMs` and `at` are its
   * own (result.duration, timestamp), not its attempt's; `elapsedMs` is the session's time so far, for what
   * the course as a whole reports (its completion, and the outcome a final attempt decides).
   */
  readonly of: (e: LearnerEvent, elapsedMs: number) => Statement[];

  /** `course.adapter`: the activity table its packager made (activity-table.ts). */
  constructor(course: RuntimeCourse, launch: LrsLaunch, lang: string) {
    const courseId = (this.courseId = launch.activityId || course.id);
    const table = course.adapter as ActivityTable;
    const activity = (key: string): Activity => ({ objectType: "Activity", id: courseId + (table[key]?.[0] ?? ""), definition: table[key]?.[1] });
    const extra = launch.grouping.map((id): Activity => ({ objectType: "Activity", id }));
    /** Page → session → course: the parent, and the course (unless it is the parent) and the LMS's groups (xAPI 1.0.3 Part 2 §2.4.6.2). */
    const statement = (name: VerbName, key: string, result?: Result, at = new Date()): Statement => {
      const up = table[key]?.[2];
      const parent = up === undefined ? undefined : activity(up);
      const grouping = [activity(""), ...extra].filter((a) => a.id !== parent?.id);
      // Absent parts are undefined, which JSON (the queue, the request) leaves out.
      return {
        id: uuid(),
        actor: launch.actor,
        verb: verb(name),
        object: activity(key),
        result,
        context: { registration: launch.registration, contextActivities: { parent: parent && [parent], grouping: grouping.length ? grouping : undefined }, language: lang as Context["language"] },
        timestamp: at.toISOString(),
      } as Statement;
    };

    const courseEvent = (this.courseEvent = (name, durationMs, at?: Date) =>
      statement(name, "", durationMs === undefined ? undefined : { completion: name === "completed" || undefined, duration: isoDuration(durationMs) }, at));
    this.of = (e, elapsedMs) => {
      switch (e.kind) {
        case "page":
          return [statement("experienced", `${e.page.sessionId}/${e.page.pageId}`)];
        case "answer": {
          const { question: q } = e;
          return [statement("answered", questionKey(e.quizId, q.id), { response: xapiResponse(q, e.answer), success: e.correct, duration: isoDuration(e.latencyMs) }, e.at)];
        }
        case "reflection":
          // The learner's text as the response (xAPI 1.0.3 Part 2 §2.4.5 result.response); ungraded: no success.
          return [statement("answered", reflectionKey(e.reflection.id), { response: e.text }, e.at)];
        case "session-complete":
          return [statement("completed", e.sessionId, { completion: true })];
        case "attempt": {
          // The assessment attempt, and the course outcome it decides when no attempt follows.
          const { score, passed } = e;
          const result = { score: { scaled: Math.round(score * 100) / 10000, raw: score, min: 0, max: 100 }, success: passed, completion: true, duration: isoDuration(e.durationMs) };
          const name = passed ? "passed" : "failed";
          const out = [statement(name, e.quizId, result)];
          if (e.final) out.push(statement(name, "", { ...result, duration: isoDuration(elapsedMs) }));
          return out;
        }
        case "course-complete":
          return [courseEvent("completed", elapsedMs)];
      }
    };
  }
}

/** `result.response` in the interaction grammar (xAPI 1.0.3 Part 2 §2.4.4.1, Response Patterns). */
export function xapiResponse(q: RuntimeQuestion, a: Answer): string {
  if (typeof a !== "object") return String(a).trim(); // true-false, fill-in
  if (q.type === "matching") return a.map((t, s) => (t >= 0 ? `${q.options[s]}[.]${t + 1}` : "")).filter(Boolean).join("[,]");
  return a.map((i) => q.options[i] || "").join("[,]");
}
