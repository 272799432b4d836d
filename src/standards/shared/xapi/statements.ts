// Learner events → xAPI 1.0.3 statements (xAPI 1.0.3 Part 2 §2.2, §2.4; README: What the packages report):
// ADL verbs, activity ids under the course IRI, page → session → course context, full interaction
// definitions, no extensions.
import type { Activity, Context, InteractionActivityDefinition, InteractionComponent, LanguageMap, Result, Statement } from "@xapi/xapi";
import { ACTIVITY_TYPES, activityIds } from "./activity-ids.js";
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import { isoDuration } from "../../../runtime/core/timing.js";
import type { TinCanLaunch } from "../../tincan/runtime/launch.js";

const VERB = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { "en-US": name } });
export const VERBS = {
  initialized: VERB("initialized"),
  resumed: VERB("resumed"),
  experienced: VERB("experienced"),
  answered: VERB("answered"),
  completed: VERB("completed"),
  passed: VERB("passed"),
  failed: VERB("failed"),
  suspended: VERB("suspended"),
  terminated: VERB("terminated"),
};

/** RFC 4122 §4.4 version 4 UUID from crypto.getRandomValues (randomUUID needs a secure context). */
export function uuid(): string {
  const h = [...crypto.getRandomValues(new Uint8Array(16))].map((x, i) => (i === 6 ? (x & 15) | 64 : i === 8 ? (x & 63) | 128 : x).toString(16).padStart(2, "0")).join("");
  return h.replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

export class StatementFactory {
  readonly courseId: string;
  private readonly lang: string;

  constructor(
    private readonly course: RuntimeCourse,
    private readonly launch: TinCanLaunch,
    language: string,
  ) {
    this.courseId = launch.activityId || course.id;
    this.lang = language;
  }

  private text(s: string): LanguageMap {
    return { [this.lang]: s } as LanguageMap;
  }

  private activity(id: string, type: string, name: string): Activity {
    return { objectType: "Activity", id, definition: { type, name: this.text(name) } };
  }

  courseActivity(): Activity {
    return this.activity(this.courseId, ACTIVITY_TYPES.course, this.course.title);
  }

  sessionActivity(sessionId: string): Activity {
    const s = this.course.sessions.find((x) => x.id === sessionId);
    if (sessionId === ASSESSMENT_ID) return this.assessmentActivity(ASSESSMENT_ID);
    return this.activity(activityIds.session(this.courseId, sessionId), ACTIVITY_TYPES.module, (s && s.title) || sessionId);
  }

  assessmentActivity(quizId: string): Activity {
    const quiz = this.course.quizzes[quizId];
    return this.activity(activityIds.assessment(this.courseId, quizId), ACTIVITY_TYPES.assessment, (quiz && quiz.title) || quizId);
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

  private statement(verb: keyof typeof VERBS, object: Activity, parents: Activity[], result?: Result, at = new Date()): Statement {
    return {
      id: uuid(),
      actor: this.launch.actor,
      verb: VERBS[verb],
      object,
      ...(result ? { result } : {}),
      context: this.context(parents),
      timestamp: at.toISOString(),
    };
  }

  /** Course-level statements: initialized, resumed, suspended, terminated, completed. */
  courseEvent(verb: "initialized" | "resumed" | "suspended" | "terminated" | "completed", durationMs?: number): Statement {
    const result: Result | undefined =
      verb === "completed" ? { completion: true, ...(durationMs !== undefined ? { duration: isoDuration(durationMs) } : {}) }
      : durationMs !== undefined ? { duration: isoDuration(durationMs) }
      : undefined;
    return this.statement(verb, this.courseActivity(), [], result);
  }

  page(sessionId: string, pageId: string, title: string): Statement {
    // The assessment is one page that is the assessment itself (declared in tincan.xml), not a page of a session.
    if (sessionId === ASSESSMENT_ID) return this.statement("experienced", this.assessmentActivity(ASSESSMENT_ID), [this.courseActivity()]);
    const page = this.activity(activityIds.page(this.courseId, sessionId, pageId), ACTIVITY_TYPES.lesson, title);
    return this.statement("experienced", page, [this.sessionActivity(sessionId)]);
  }

  sessionCompleted(sessionId: string): Statement {
    return this.statement("completed", this.sessionActivity(sessionId), [this.courseActivity()], { completion: true });
  }

  /** `latencyMs` and `at` are this answer's own (result.duration, timestamp), not its attempt's. */
  answered(quizId: string, sessionId: string, q: RuntimeQuestion, answer: Answer, correct: boolean, latencyMs: number, at?: Date): Statement {
    const quiz = this.course.quizzes[quizId];
    const parent = quiz?.graded ? this.assessmentActivity(quizId) : this.sessionActivity(sessionId);
    const object: Activity = {
      objectType: "Activity",
      id: activityIds.question(this.courseId, quizId, q.id),
      definition: this.interaction(q),
    };
    return this.statement("answered", object, [parent], { response: xapiResponse(q, answer), success: correct, duration: isoDuration(latencyMs) }, at);
  }

  /** Assessment attempt, and the course outcome it decides. */
  attempt(quizId: string, scorePercent: number, passed: boolean, durationMs: number, subject: "assessment" | "course"): Statement {
    const score = { scaled: Math.round(scorePercent * 100) / 10000, raw: scorePercent, min: 0, max: 100 };
    const object = subject === "course" ? this.courseActivity() : this.assessmentActivity(quizId);
    const parents = subject === "course" ? [] : [this.courseActivity()];
    return this.statement(passed ? "passed" : "failed", object, parents, { score, success: passed, completion: true, duration: isoDuration(durationMs) });
  }

  private interaction(q: RuntimeQuestion): InteractionActivityDefinition {
    const c = (ids: readonly string[], labels: readonly string[]): InteractionComponent[] => ids.map((id, i) => ({ id, description: this.text(labels[i] || id) }));
    const { type, options, labels } = q;
    const choice = type === "single-choice" || type === "multiple-response";
    const targets = q.targets || [];
    const pattern =
      choice ? (q.correct || []).map((i) => options[i]).join("[,]")
      : type === "true-false" ? String(Boolean(q.answer))
      : type === "matching" ? options.map((s, i) => `${s}[.]${targetId(i)}`).join("[,]")
      : options.join("[,]");
    return {
      type: ACTIVITY_TYPES.interaction,
      name: this.text(q.prompt.slice(0, 120)),
      description: this.text(q.prompt),
      interactionType: choice ? "choice" : type,
      ...(choice || type === "sequencing" ? { choices: c(options, labels) } : {}),
      ...(type === "matching" ? { source: c(options, labels), target: c(targets.map((_, i) => targetId(i)), targets) } : {}),
      correctResponsesPattern: type === "fill-in" ? [...(q.accepted || [])] : [pattern],
    } as InteractionActivityDefinition;
  }
}

function targetId(i: number): string {
  return String(i + 1);
}

/** `result.response` in the interaction grammar (xAPI 1.0.3 Part 2 §2.4.4.1, Response Patterns). */
export function xapiResponse(q: RuntimeQuestion, a: Answer): string {
  if (typeof a === "boolean") return a ? "true" : "false";
  if (typeof a === "string") return a.trim();
  if (q.type === "matching") return a.map((t, s) => (t >= 0 ? `${q.options[s]}[.]${targetId(t)}` : "")).filter(Boolean).join("[,]");
  return a.map((i) => q.options[i] || "").join("[,]");
}
