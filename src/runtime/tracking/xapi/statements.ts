// Learner events → xAPI 1.0.3 statements (design.md §3, conformance.md §7): ADL verbs, activity ids under
// the course IRI, page → session → course context, full interaction definitions, no extensions.
import type { Activity, Context, InteractionActivityDefinition, InteractionComponent, LanguageMap, Result, Statement } from "@xapi/xapi";
import { ACTIVITY_TYPES, activityIds } from "../../../model/activity-ids.js";
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../core/answers.js";
import { isoDuration } from "../../core/timing.js";
import type { TinCanLaunch } from "./launch.js";

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

/** RFC 4122 version 4 UUID from crypto.getRandomValues. */
export function uuid(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class StatementFactory {
  readonly courseId: string;
  private readonly lang: string;

  constructor(
    private readonly course: RuntimeCourse,
    private readonly launch: TinCanLaunch,
    language: string,
  ) {
    this.courseId = launch.activityId ?? course.id;
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
    return this.activity(activityIds.session(this.courseId, sessionId), ACTIVITY_TYPES.module, s?.title ?? sessionId);
  }

  assessmentActivity(quizId: string): Activity {
    const quiz = this.course.quizzes[quizId];
    return this.activity(activityIds.assessment(this.courseId, quizId), ACTIVITY_TYPES.assessment, quiz?.title ?? quizId);
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

  private statement(verb: keyof typeof VERBS, object: Activity, parents: Activity[], result?: Result): Statement {
    return {
      id: uuid(),
      actor: this.launch.actor,
      verb: VERBS[verb],
      object,
      ...(result ? { result } : {}),
      context: this.context(parents),
      timestamp: new Date().toISOString(),
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
    const page = this.activity(activityIds.page(this.courseId, sessionId, pageId), ACTIVITY_TYPES.lesson, title);
    return this.statement("experienced", page, [this.sessionActivity(sessionId)]);
  }

  sessionCompleted(sessionId: string): Statement {
    return this.statement("completed", this.sessionActivity(sessionId), [this.courseActivity()], { completion: true });
  }

  answered(quizId: string, sessionId: string, q: RuntimeQuestion, answer: Answer, correct: boolean, latencyMs: number): Statement {
    const quiz = this.course.quizzes[quizId];
    const parent = quiz?.graded ? this.assessmentActivity(quizId) : this.sessionActivity(sessionId);
    const object: Activity = {
      objectType: "Activity",
      id: activityIds.question(this.courseId, quizId, q.id),
      definition: this.interaction(q),
    };
    return this.statement("answered", object, [parent], { response: xapiResponse(q, answer), success: correct, duration: isoDuration(latencyMs) });
  }

  /** Assessment attempt, and the course outcome it decides. */
  attempt(quizId: string, scorePercent: number, passed: boolean, durationMs: number, subject: "assessment" | "course"): Statement {
    const score = { scaled: Math.round(scorePercent * 100) / 10000, raw: scorePercent, min: 0, max: 100 };
    const object = subject === "course" ? this.courseActivity() : this.assessmentActivity(quizId);
    const parents = subject === "course" ? [] : [this.courseActivity()];
    return this.statement(passed ? "passed" : "failed", object, parents, { score, success: passed, completion: true, duration: isoDuration(durationMs) });
  }

  private interaction(q: RuntimeQuestion): InteractionActivityDefinition {
    const base = {
      type: ACTIVITY_TYPES.interaction,
      name: this.text(q.prompt.slice(0, 120)),
      description: this.text(q.prompt),
    } as const;
    const components = (ids: readonly string[], labels: readonly string[]): InteractionComponent[] =>
      ids.map((id, i) => ({ id, description: this.text(labels[i] ?? id) }));
    switch (q.type) {
      case "single-choice":
      case "multiple-response":
        return { ...base, interactionType: "choice", choices: components(q.options, q.labels), correctResponsesPattern: [(q.correct ?? []).map((i) => q.options[i]).join("[,]")] };
      case "true-false":
        return { ...base, interactionType: "true-false", correctResponsesPattern: [q.answer ? "true" : "false"] };
      case "sequencing":
        return { ...base, interactionType: "sequencing", choices: components(q.options, q.labels), correctResponsesPattern: [q.options.join("[,]")] };
      case "matching": {
        const targets = (q.targets ?? []).map((_, i) => targetId(i));
        return {
          ...base,
          interactionType: "matching",
          source: components(q.options, q.labels),
          target: components(targets, q.targets ?? []),
          correctResponsesPattern: [q.options.map((s, i) => `${s}[.]${targetId(i)}`).join("[,]")],
        };
      }
      case "fill-in":
        return { ...base, interactionType: "fill-in", correctResponsesPattern: [...(q.accepted ?? [])] };
    }
  }
}

function targetId(i: number): string {
  return String(i + 1);
}

/** `result.response` in the interaction grammar (conformance 7.10). */
export function xapiResponse(q: RuntimeQuestion, a: Answer): string {
  if (typeof a === "boolean") return a ? "true" : "false";
  if (typeof a === "string") return a.trim();
  if (q.type === "matching") return a.map((t, s) => (t >= 0 ? `${q.options[s]}[.]${targetId(t)}` : "")).filter(Boolean).join("[,]");
  return a.map((i) => q.options[i] ?? "").join("[,]");
}
