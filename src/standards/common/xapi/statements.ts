// Learner events → xAPI 1.0.3 statements (xAPI 1.0.3 Part 2 §2.2, §2.4; README: What the packages report):
// ADL verbs, activity ids under the course IRI, page → session → course context, full interaction
// definitions, no extensions.
import type { Activity, Context, InteractionActivityDefinition, InteractionComponent, LanguageMap, Result, Statement } from "@xapi/xapi";
import { ADL, activityIds, type ActivityKind } from "./activity-ids.js";
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import type { LearnerEvent } from "../../../runtime/tracking/tracker.js";
import { isoDuration } from "../iso-duration.js";
import type { LrsLaunch } from "./lrs-launch.js";

export type VerbName = "initialized" | "resumed" | "experienced" | "answered" | "completed" | "passed" | "failed" | "suspended" | "terminated";

/** An ADL verb (xAPI 1.0.3 Part 2 §2.4.3), displayed in en-US. */
export const verb = (name: VerbName) => ({ id: `${ADL}verbs/${name}`, display: { "en-US": name } });

/** RFC 4122 §4.4 version 4 UUID from crypto.getRandomValues (randomUUID needs a secure context). */
export function uuid(): string {
  const h = [...crypto.getRandomValues(new Uint8Array(16))].map((x, i) => (i === 6 ? (x & 15) | 64 : i === 8 ? (x & 63) | 128 : x).toString(16).padStart(2, "0")).join("");
  return h.replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

type CourseVerb = "initialized" | "resumed" | "suspended" | "terminated" | "completed";

/** The methods are closures over the course and the launch, so the bundle's minifier can shorten what they share. */
export class StatementFactory {
  readonly courseId: string;
  /** Course-level statements: initialized, resumed, suspended, terminated, completed. */
  readonly courseEvent: (name: CourseVerb, durationMs?: number) => Statement;
  /**
   * The statements a learner event makes, in the order they happened. An answer's `latencyMs` and `at` are its
   * own (result.duration, timestamp), not its attempt's; `elapsedMs` is the session's time so far, for what
   * the course as a whole reports (its completion, and the outcome a final attempt decides).
   */
  readonly of: (e: LearnerEvent, elapsedMs: number) => Statement[];

  constructor(course: RuntimeCourse, launch: LrsLaunch, lang: string) {
    const courseId = (this.courseId = launch.activityId || course.id);
    const text = (s: string): LanguageMap => ({ [lang]: s }) as LanguageMap;
    /** `kind`: the ADL activity type (xAPI 1.0.3 Part 2 §2.4.4.1, Activity Definition). */
    const activity = (id: string, kind: ActivityKind, name: string): Activity => ({ objectType: "Activity", id, definition: { type: `${ADL}activities/${kind}`, name: text(name) } });
    const courseActivity = (): Activity => activity(courseId, "course", course.title);
    const assessmentActivity = (quizId: string): Activity => activity(activityIds.assessment(courseId, quizId), "assessment", course.quizzes[quizId]?.title || quizId);
    const sessionActivity = (sessionId: string): Activity =>
      sessionId === ASSESSMENT_ID ? assessmentActivity(sessionId) : activity(activityIds.session(courseId, sessionId), "module", course.sessions.find((x) => x.id === sessionId)?.title || sessionId);
    const context = (parents: Activity[]): Context => {
      const grouping = [courseActivity(), ...launch.grouping.map((id) => ({ objectType: "Activity" as const, id }))].filter((a) => !parents.some((p) => p.id === a.id));
      // Never empty: the course is in grouping unless it is a parent.
      const activities: NonNullable<Context["contextActivities"]> = {};
      if (parents.length) activities.parent = parents;
      if (grouping.length) activities.grouping = grouping;
      return { ...(launch.registration ? { registration: launch.registration } : {}), contextActivities: activities, language: lang as Context["language"] };
    };
    const statement = (name: VerbName, object: Activity, parents: Activity[], result?: Result, at = new Date()): Statement => ({
      id: uuid(),
      actor: launch.actor,
      verb: verb(name),
      object,
      ...(result ? { result } : {}),
      context: context(parents),
      timestamp: at.toISOString(),
    });
    const interaction = (q: RuntimeQuestion): InteractionActivityDefinition => {
      const c = (ids: readonly string[], labels: readonly string[]): InteractionComponent[] => ids.map((id, i) => ({ id, description: text(labels[i] || id) }));
      const { type, options, labels } = q;
      const choice = type === "single-choice" || type === "multiple-response";
      const targets = q.targets || [];
      const pattern =
        choice ? (q.correct || []).map((i) => options[i]).join("[,]")
        : type === "true-false" ? String(Boolean(q.answer))
        : type === "matching" ? options.map((s, i) => `${s}[.]${i + 1}`).join("[,]")
        : options.join("[,]");
      return {
        type: `${ADL}activities/cmi.interaction`,
        name: text(q.prompt.slice(0, 120)),
        description: text(q.prompt),
        interactionType: choice ? "choice" : type,
        ...(choice || type === "sequencing" ? { choices: c(options, labels) } : {}),
        // Target ids are the 1-based positions of the targets.
        ...(type === "matching" ? { source: c(options, labels), target: c(targets.map((_, i) => String(i + 1)), targets) } : {}),
        correctResponsesPattern: type === "fill-in" ? [...(q.accepted || [])] : [pattern],
      } as InteractionActivityDefinition;
    };

    const courseEvent = (this.courseEvent = (name, durationMs) => {
      const timed = durationMs === undefined ? undefined : { duration: isoDuration(durationMs) };
      return statement(name, courseActivity(), [], name === "completed" ? { completion: true, ...timed } : timed);
    });
    this.of = (e, elapsedMs) => {
      switch (e.kind) {
        case "page": {
          const { sessionId, pageId } = e.page;
          // The assessment is one page that is the assessment itself (declared in the package's control file), not a page of a session.
          return [
            sessionId === ASSESSMENT_ID
              ? statement("experienced", assessmentActivity(sessionId), [courseActivity()])
              : statement("experienced", activity(activityIds.page(courseId, sessionId, pageId), "lesson", e.title), [sessionActivity(sessionId)]),
          ];
        }
        case "answer": {
          const { quizId, question: q } = e;
          const parent = course.quizzes[quizId]?.graded ? assessmentActivity(quizId) : sessionActivity(e.objective);
          const object: Activity = { objectType: "Activity", id: activityIds.question(courseId, quizId, q.id), definition: interaction(q) };
          return [statement("answered", object, [parent], { response: xapiResponse(q, e.answer), success: e.correct, duration: isoDuration(e.latencyMs) }, e.at)];
        }
        case "session-complete":
          return [statement("completed", sessionActivity(e.sessionId), [courseActivity()], { completion: true })];
        case "attempt": {
          // The assessment attempt, and the course outcome it decides when no attempt follows.
          const { score, passed } = e;
          const result = { score: { scaled: Math.round(score * 100) / 10000, raw: score, min: 0, max: 100 }, success: passed, completion: true, duration: isoDuration(e.durationMs) };
          const name = passed ? "passed" : "failed";
          const out = [statement(name, assessmentActivity(e.quizId), [courseActivity()], result)];
          if (e.final) out.push(statement(name, courseActivity(), [], { ...result, duration: isoDuration(elapsedMs) }));
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
