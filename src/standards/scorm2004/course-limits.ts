// The course against SCORM 2004 4th edition's limits (limits.ts), for the units this package will have: every
// title and the version the manifest carries, the pass mark, and every id and value the runtime will write.
import { charLength, type LimitProblem, type LimitSource } from "../../model/limit-problem.js";
import type { Course, Quiz } from "../../model/course.js";
import type { Unit } from "../../model/units.js";
import {
  bookmark,
  FILL_IN_STRING_MAX,
  interactionId,
  isLongIdentifier,
  isReal107,
  LOCATION_MAX,
  MANIFEST_VERSION_MAX,
  RESPONSE_ITEMS_MAX,
  scaledPassingScore,
  TITLE_MAX,
  WEIGHTING_MAX,
} from "./limits.js";

const COURSE: LimitSource = { kind: "course" };
type Add = (source: LimitSource, path: readonly (string | number)[], message: string) => void;

export function scorm2004CourseLimits(course: Course, units: readonly Unit[]): LimitProblem[] {
  const out: LimitProblem[] = [];
  const add: Add = (source, path, message) => {
    out.push({ source, path, message });
  };
  const title = (source: LimitSource, path: readonly (string | number)[], text: string): void => {
    const n = charLength(text);
    if (n > TITLE_MAX) add(source, path, `is ${n} characters long; a SCORM 2004 manifest <title> holds at most ${TITLE_MAX} (SCORM 2004 4th ed. CAM)`);
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
    add(COURSE, ["version"], `is ${version} characters long; a SCORM 2004 manifest's version attribute holds at most ${MANIFEST_VERSION_MAX} (SCORM 2004 4th ed. CAM)`);
  }
  const scaled = scaledPassingScore(course.masteryScore);
  if (!isReal107(scaled) || scaled < 0 || scaled > 1) {
    add(COURSE, ["masteryScore"], "must be a percentage from 0 to 100: SCORM 2004 carries it / 100 as imsss:minNormalizedMeasure and cmi.scaled_passing_score (real(10,7), 0 to 1)");
  }

  for (const session of course.sessions) {
    if (!isLongIdentifier(session.id)) {
      add({ kind: "session", session }, ["id"], "must be printable ASCII without spaces: it is the SCORM 2004 objective id (cmi.objectives.n.id, long_identifier_type)");
    }
    for (const page of session.pages) {
      const location = charLength(bookmark(session.id, page.id));
      if (location > LOCATION_MAX) {
        add({ kind: "page", page }, [], `the bookmark is ${location} characters long; cmi.location holds at most ${LOCATION_MAX} (SCORM 2004 RTE): use a shorter page id`);
      }
    }
    if (session.check) quizLimits(session.check, add);
  }
  if (course.assessment) quizLimits(course.assessment, add);
  return out;
}

function quizLimits(quiz: Quiz, add: Add): void {
  const source: LimitSource = { kind: "quiz", quiz };
  quiz.questions.forEach((q, i) => {
    const id = interactionId(quiz.id, q.id);
    if (!isLongIdentifier(id)) {
      add(source, ["questions", i, "id"], `makes the SCORM 2004 interaction id '${id}', which is no long_identifier_type (printable ASCII without spaces, at most 4000 characters)`);
    }
    if (!isReal107(q.points) || Math.abs(q.points) > WEIGHTING_MAX) {
      add(source, ["questions", i, "points"], `must be a decimal from -${WEIGHTING_MAX} to ${WEIGHTING_MAX} for SCORM 2004 (cmi.interactions.n.weighting, real(10,7))`);
    }
    const items = (path: string, count: number, max: number, what: string): void => {
      if (count > max) add(source, ["questions", i, path], `has ${count} ${what}; a SCORM 2004 ${q.type} response holds at most ${max} (RTE, cmi.interactions.n.learner_response)`);
    };
    switch (q.type) {
      case "single-choice":
      case "multiple-response":
        items("choices", q.choices.length, RESPONSE_ITEMS_MAX.choice, "choices");
        break;
      case "matching":
        items("pairs", q.pairs.length, RESPONSE_ITEMS_MAX.matching, "pairs");
        break;
      case "sequencing":
        items("items", q.items.length, RESPONSE_ITEMS_MAX.sequencing, "items");
        break;
      case "fill-in":
        q.answers.forEach((answer, j) => {
          const n = charLength(answer);
          if (n > FILL_IN_STRING_MAX) {
            add(source, ["questions", i, "answers", j], `is ${n} characters long; a SCORM 2004 fill-in pattern holds strings of at most ${FILL_IN_STRING_MAX} (RTE, cmi.interactions.n.correct_responses.n.pattern)`);
          }
        });
        break;
      case "true-false":
        break;
    }
  });
}
