// Every activity an xAPI runtime names, made at build time (the packager's runtime-data facet), so the
// runtime only looks an activity up, puts the course id in front and wraps it in a statement. Ids are
// relative to the course id because the launch may name the course activity (an `activity_id` launch
// parameter, an AU id) and everything hangs below whichever id that is (activity-ids.ts).
import type { ActivityDefinition, InteractionActivityDefinition, InteractionComponent, LanguageMap } from "@xapi/xapi";
import type { Course, Question } from "../../../model/course.js";
import { ASSESSMENT_ID, CHECK_PAGE_ID, type RuntimeCourse, type RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Unit } from "../../../model/units.js";
import { plainText } from "../../../render/markdown.js";
import { ACTIVITY_TYPES, activityIds, questionKey, reflectionKey } from "./activity-ids.js";

/** An activity: its id after the course id ("" for the course), its definition, and the key of its parent. */
export type TableEntry = readonly [id: string, definition: ActivityDefinition, parent?: string];

/**
 * The activities by the key the runtime knows them by: "" the course, `<session id>` a session (`assessment`
 * the assessment), `<session id>/<page id>` a page, `<quiz id>#<question id>` a question, `reflection:<id>` a
 * reflection. Ids are
 * letters, digits, '-' and '_' (content/schemas.ts), so '/' and '#' never occur inside one.
 */
export type ActivityTable = Readonly<Record<string, TableEntry>>;

/** An interaction's name: the start of its prompt (LRS reports list names; the description holds all of it). */
const NAME_MAX = 120;

export function activityTable(course: Course, unit: Unit, data: RuntimeCourse): ActivityTable {
  const lang = course.language;
  const text = (s: string): LanguageMap => ({ [lang]: s });
  const def = (type: string, name: string): ActivityDefinition => ({ type, name: text(name) });
  const table: Record<string, TableEntry> = { "": ["", def(ACTIVITY_TYPES.course, data.title)] };
  const assessment = (title: string): TableEntry => [activityIds.assessment("", ASSESSMENT_ID), def(ACTIVITY_TYPES.assessment, title), ""];
  for (const s of data.sessions) {
    if (s.id === ASSESSMENT_ID) {
      // The assessment is one page that is the assessment itself (the control file declares it), not a page of a session.
      table[s.id] = table[`${s.id}/${s.pages[0] ?? ""}`] = assessment(s.title);
      continue;
    }
    table[s.id] = [activityIds.session("", s.id), def(ACTIVITY_TYPES.module, s.title), ""];
    const session = unit.sessions.find((x) => x.id === s.id);
    for (const pageId of s.pages) {
      // The page's heading, as the learner reads it: a knowledge check's page is headed by the check's title.
      const title = (pageId === CHECK_PAGE_ID ? session?.check : session?.pages.find((p) => p.id === pageId))?.title ?? pageId;
      table[`${s.id}/${pageId}`] = [activityIds.page("", s.id, pageId), def(ACTIVITY_TYPES.lesson, title), s.id];
    }
  }
  const quizzes = [...unit.sessions.map((s) => s.check), unit.assessment];
  for (const quiz of Object.values(data.quizzes)) {
    const authored = quizzes.find((q) => q?.id === quiz.id)?.questions ?? [];
    // A knowledge check's questions belong to the session that holds it.
    const parent = quiz.graded ? ASSESSMENT_ID : (data.sessions.find((s) => s.check === quiz.id)?.id ?? "");
    quiz.questions.forEach((q, i) => {
      table[questionKey(quiz.id, q.id)] = [activityIds.question("", quiz.id, q.id), interaction(q, labels(authored[i]), text), parent];
    });
  }
  // A reflection is an ungraded free-text interaction (xAPI 1.0.3 Part 2 §2.4.4.1, interactionType long-fill-in):
  // no correct response, so no correctResponsesPattern; it belongs to the session whose page holds it.
  for (const r of data.reflections ?? []) {
    const definition: InteractionActivityDefinition = { type: ACTIVITY_TYPES.interaction, name: text(r.prompt.slice(0, NAME_MAX)), description: text(r.prompt), interactionType: "long-fill-in" };
    table[reflectionKey(r.id)] = [activityIds.reflection("", r.id), definition, r.session];
  }
  return table;
}

/** Plain-text labels of a question's options, in the order of RuntimeQuestion.options. */
function labels(q: Question | undefined): string[] {
  switch (q?.type) {
    case "single-choice":
    case "multiple-response":
      return q.choices.map((c) => plainText(c.text));
    case "matching":
      return q.pairs.map((p) => plainText(p.source));
    case "sequencing":
      return q.items.map(plainText);
    default:
      return [];
  }
}

/** The full interaction definition (xAPI 1.0.3 Part 2 §2.4.4.1, Interaction Activities; Response Patterns). */
function interaction(q: RuntimeQuestion, labels: readonly string[], text: (s: string) => LanguageMap): InteractionActivityDefinition {
  const c = (ids: readonly string[], texts: readonly string[]): InteractionComponent[] => ids.map((id, i) => ({ id, description: text(texts[i] || id) }));
  const { type, options } = q;
  const choice = type === "single-choice" || type === "multiple-response";
  const targets = q.targets || [];
  const pattern =
    choice ? (q.correct || []).map((i) => options[i]).join("[,]")
    : type === "true-false" ? String(Boolean(q.answer))
    : type === "matching" ? options.map((s, i) => `${s}[.]${i + 1}`).join("[,]")
    : options.join("[,]");
  return {
    type: ACTIVITY_TYPES.interaction,
    name: text(q.prompt.slice(0, NAME_MAX)),
    description: text(q.prompt),
    interactionType: choice ? "choice" : type,
    ...(choice || type === "sequencing" ? { choices: c(options, labels) } : {}),
    // Target ids are the 1-based positions of the targets.
    ...(type === "matching" ? { source: c(options, labels), target: c(targets.map((_, i) => String(i + 1)), targets) } : {}),
    correctResponsesPattern: type === "fill-in" ? [...(q.accepted || [])] : [pattern],
  } as InteractionActivityDefinition;
}
