// Learner events → xAPI 1.0.3 statements (xAPI 1.0.3 Part 2 §2.2, §2.4; README: What the packages report):
// ADL verbs, activity ids under the course IRI, page → session → course context, full interaction
// definitions, no extensions.
import type { Activity, Context, InteractionActivityDefinition, InteractionComponent, LanguageMap, Result, Statement } from "@xapi/xapi";
import { ADL, activityIds, type ActivityKind } from "./activity-ids.js";
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import { isoDuration } from "../../../runtime/core/timing.js";
import type { TinCanLaunch } from "../../tincan/runtime/launch.js";

export type VerbName = "initialized" | "resumed" | "experienced" | "answered" | "completed" | "passed" | "failed" | "suspended" | "terminated";

/** An ADL verb (xAPI 1.0.3 Part 2 §2.4.3), displayed in en-US. */
export const verb = (name: VerbName) => ({ id: `${ADL}verbs/${name}`, display: { "en-US": name } });

/** RFC 4122 §4.4 version 4 UUID from crypto.getRandomValues (randomUUID needs a secure context). */
export function uuid(): string {
  const h = [...crypto.getRandomValues(new Uint8Array(16))].map((x, i) => (i === 6 ? (x & 15) | 64 : i === 8 ? (x & 63) | 128 : x).toString(16).padStart(2, "0")).join("");
  return h.replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

export class StatementFactory {
  readonly courseId: string;

  constructor(
    private readonly course: RuntimeCourse,
    private readonly launch: TinCanLaunch,
    private readonly lang: string,
  ) {
    this.courseId = launch.activityId || course.id;
  }

  private text(s: string): LanguageMap {
    return { [this.lang]: s } as LanguageMap;
  }

  /** `kind`: the ADL activity type (xAPI 1.0.3 Part 2 §2.4.4.1, Activity Definition). */
  private activity(id: string, kind: ActivityKind, name: string): Activity {
    return { objectType: "Activity", id, definition: { type: `${ADL}activities/${kind}`, name: this.text(name) } };
  }

  courseActivity(): Activity {
    return this.activity(this.courseId, "course", this.course.title);
  }

  sessionActivity(sessionId: string): Activity {
    if (sessionId === ASSESSMENT_ID) return this.assessmentActivity(sessionId);
    const s = this.course.sessions.find((x) => x.id === sessionId);
    return this.activity(activityIds.session(this.courseId, sessionId), "module", (s && s.title) || sessionId);
  }

  assessmentActivity(quizId: string): Activity {
    const quiz = this.course.quizzes[quizId];
    return this.activity(activityIds.assessment(this.courseId, quizId), "assessment", (quiz && quiz.title) || quizId);
  }

  private context(parents: Activity[]): Context {
    const grouping = [this.courseActivity(), ...this.launch.grouping.map((id) => ({ objectType: "Activity" as const, id }))].filter(
      (a) => !parents.some((p) => p.id === a.id),
    );
    const activities: NonNullable<Context["contextActivities"]> = {};
    if (parents.length) activities.parent = parents;
    if (grouping.length) activities.grouping = grouping;
    return {
      ...(this.launch.registration ? { registration: this.launch.registration } : {}),
      ...(Object.keys(activities).length ? { contextActivities: activities } : {}),
      language: this.lang as Context["language"],
    };
  }

  private statement(name: VerbName, object: Activity, parents: Activity[], result?: Result, at = new Date()): Statement {
    return {
      id: uuid(),
      actor: this.launch.actor,
      verb: verb(name),
      object,
      ...(result ? { result } : {}),
      context: this.context(parents),
      timestamp: at.toISOString(),
    };
  }

  /** Course-level statements: initialized, resumed, suspended, terminated, completed. */
  courseEvent(name: "initialized" | "resumed" | "suspended" | "terminated" | "completed", durationMs?: number): Statement {
    const timed = durationMs === undefined ? undefined : { duration: isoDuration(durationMs) };
    return this.statement(name, this.courseActivity(), [], name === "completed" ? { completion: true, ...timed } : timed);
  }

  page(sessionId: string, pageId: string, title: string): Statement {
    // The assessment is one page that is the assessment itself (declared in tincan.xml), not a page of a session.
    if (sessionId === ASSESSMENT_ID) return this.statement("experienced", this.assessmentActivity(sessionId), [this.courseActivity()]);
    return this.statement("experienced", this.activity(activityIds.page(this.courseId, sessionId, pageId), "lesson", title), [this.sessionActivity(sessionId)]);
  }

  sessionCompleted(sessionId: string): Statement {
    return this.statement("completed", this.sessionActivity(sessionId), [this.courseActivity()], { completion: true });
  }

  /** `latencyMs` and `at` are this answer's own (result.duration, timestamp), not its attempt's. */
  answered(quizId: string, sessionId: string, q: RuntimeQuestion, answer: Answer, correct: boolean, latencyMs: number, at?: Date): Statement {
    const parent = this.course.quizzes[quizId]?.graded ? this.assessmentActivity(quizId) : this.sessionActivity(sessionId);
    const object: Activity = { objectType: "Activity", id: activityIds.question(this.courseId, quizId, q.id), definition: this.interaction(q) };
    return this.statement("answered", object, [parent], { response: xapiResponse(q, answer), success: correct, duration: isoDuration(latencyMs) }, at);
  }

  /** Assessment attempt, and the course outcome it decides. */
  attempt(quizId: string, scorePercent: number, passed: boolean, durationMs: number, subject: "assessment" | "course"): Statement {
    const score = { scaled: Math.round(scorePercent * 100) / 10000, raw: scorePercent, min: 0, max: 100 };
    const ofCourse = subject === "course";
    const result = { score, success: passed, completion: true, duration: isoDuration(durationMs) };
    return this.statement(passed ? "passed" : "failed", ofCourse ? this.courseActivity() : this.assessmentActivity(quizId), ofCourse ? [] : [this.courseActivity()], result);
  }

  private interaction(q: RuntimeQuestion): InteractionActivityDefinition {
    const c = (ids: readonly string[], labels: readonly string[]): InteractionComponent[] => ids.map((id, i) => ({ id, description: this.text(labels[i] || id) }));
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
      name: this.text(q.prompt.slice(0, 120)),
      description: this.text(q.prompt),
      interactionType: choice ? "choice" : type,
      ...(choice || type === "sequencing" ? { choices: c(options, labels) } : {}),
      // Target ids are the 1-based positions of the targets.
      ...(type === "matching" ? { source: c(options, labels), target: c(targets.map((_, i) => String(i + 1)), targets) } : {}),
      correctResponsesPattern: type === "fill-in" ? [...(q.accepted || [])] : [pattern],
    } as InteractionActivityDefinition;
  }
}

/** `result.response` in the interaction grammar (xAPI 1.0.3 Part 2 §2.4.4.1, Response Patterns). */
export function xapiResponse(q: RuntimeQuestion, a: Answer): string {
  if (typeof a !== "object") return String(a).trim(); // true-false, fill-in
  if (q.type === "matching") return a.map((t, s) => (t >= 0 ? `${q.options[s]}[.]${t + 1}` : "")).filter(Boolean).join("[,]");
  return a.map((i) => q.options[i] || "").join("[,]");
}
