// The course against SCORM 1.2's limits (limits.ts), for the units this package will have: every title
// the manifest carries, the manifest version, and every id and value the runtime will write to the LMS.
import { charLength, type LimitProblem, type LimitSource } from "../../model/limit-problem.js";
import type { Course, Quiz } from "../../model/course.js";
import type { Unit } from "../../model/units.js";
import {
  bookmark,
  CMI_STRING255_MAX,
  interactionId,
  isCmiDecimal,
  isCmiIdentifier,
  MANIFEST_VERSION_MAX,
  MASTERY_SCORE_MAX,
  TITLE_MAX,
  WEIGHTING_MAX,
} from "./limits.js";

const COURSE: LimitSource = { kind: "course" };

/**
 * SCORM 1.2 RTE §3.4, cmi.interactions.n.student_response / correct_responses.n.pattern: a choice is one
 * character, 0–9 or a–z.
 */
const CHOICE_ID = /^[0-9a-z]$/;
/** Matching targets are recorded as one digit each (runtime/responses.ts `targetId`: 1–9, then 0). */
const MATCHING_PAIRS_MAX = 10;

export function scorm12CourseLimits(course: Course, units: readonly Unit[]): LimitProblem[] {
  const out: LimitProblem[] = [];
  const add = (source: LimitSource, path: readonly (string | number)[], message: string): void => {
    out.push({ source, path, message });
  };
  const title = (source: LimitSource, path: readonly (string | number)[], text: string): void => {
    const n = charLength(text);
    if (n > TITLE_MAX) add(source, path, `is ${n} characters long; a SCORM 1.2 manifest <title> holds at most ${TITLE_MAX} (IMS CP 1.1.2)`);
  };

  title(COURSE, ["title"], course.title);
  for (const unit of units) {
    if (unit.id === "course") continue; // the course's own title, checked above
    const session = course.sessions.find((s) => s.id === unit.id);
    if (session) title({ kind: "session", session }, ["title"], unit.title);
    else if (unit.assessment) title({ kind: "quiz", quiz: unit.assessment }, ["title"], unit.title);
  }
  const version = charLength(course.version);
  if (version > MANIFEST_VERSION_MAX) {
    add(COURSE, ["version"], `is ${version} characters long; a SCORM 1.2 manifest's version attribute holds at most ${MANIFEST_VERSION_MAX} (IMS CP 1.1.2)`);
  }
  if (!isCmiDecimal(course.masteryScore) || course.masteryScore < 0 || course.masteryScore > MASTERY_SCORE_MAX) {
    add(COURSE, ["masteryScore"], `must be a decimal from 0 to ${MASTERY_SCORE_MAX} for SCORM 1.2 (adlcp:masteryscore, a CMIDecimal)`);
  }

  for (const session of course.sessions) {
    if (!isCmiIdentifier(session.id)) {
      add({ kind: "session", session }, ["id"], "must be printable ASCII without spaces, at most 255 characters: it is the SCORM 1.2 objective id (CMIIdentifier)");
    }
    for (const page of session.pages) {
      const location = bookmark(session.id, page.id);
      if (location.length > CMI_STRING255_MAX) {
        add({ kind: "page", page }, [], `the bookmark '${location}' is ${location.length} characters long; cmi.core.lesson_location holds at most ${CMI_STRING255_MAX} (SCORM 1.2 CMIString255): use a shorter page id`);
      }
    }
    if (session.check) quizLimits(session.check, add);
  }
  if (course.assessment) quizLimits(course.assessment, add);
  return out;
}

function quizLimits(quiz: Quiz, add: (source: LimitSource, path: readonly (string | number)[], message: string) => void): void {
  const source: LimitSource = { kind: "quiz", quiz };
  quiz.questions.forEach((q, i) => {
    const id = interactionId(quiz.id, q.id);
    if (!isCmiIdentifier(id)) {
      add(source, ["questions", i, "id"], `makes the SCORM 1.2 interaction id '${id}' (${charLength(id)} characters); cmi.interactions.n.id must be printable ASCII without spaces, at most 255 characters (CMIIdentifier)`);
    }
    if (!isCmiDecimal(q.points) || Math.abs(q.points) > WEIGHTING_MAX) {
      add(source, ["questions", i, "points"], `must be a decimal from -${WEIGHTING_MAX} to ${WEIGHTING_MAX} for SCORM 1.2 (cmi.interactions.n.weighting, a CMIDecimal)`);
    }
    if (q.type === "single-choice" || q.type === "multiple-response") {
      const k = q.choices.findIndex((c) => !CHOICE_ID.test(c.id));
      const bad = q.choices[k];
      if (bad) {
        add(source, ["questions", i, "choices", k, "id"], `choice id '${bad.id}' is not one character 0–9 or a–z, which is all a SCORM 1.2 choice response can be (SCORM 1.2 RTE §3.4, cmi.interactions.n.student_response)`);
      }
    }
    if (q.type === "matching" && q.pairs.length > MATCHING_PAIRS_MAX) {
      add(source, ["questions", i, "pairs"], `has ${q.pairs.length} pairs; SCORM 1.2 carries at most ${MATCHING_PAIRS_MAX} (one digit per matching target, SCORM 1.2 RTE §3.4, cmi.interactions.n.student_response)`);
    }
    if (q.type === "fill-in") {
      const pattern = q.answers[0] ?? "";
      if (pattern.length > CMI_STRING255_MAX) {
        add(source, ["questions", i, "answers", 0], `is ${pattern.length} characters long; cmi.interactions.n.correct_responses.0.pattern holds at most ${CMI_STRING255_MAX} (SCORM 1.2 CMIString255)`);
      }
    }
  });
}
