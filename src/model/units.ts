// A package is made of launchable units: the whole course in one (single SCO), or one per session plus
// one for the assessment (`--sco-per-session`). Every unit is rendered and tracked the same way.
import type { Course, Quiz, ReportingOption, Session } from "./course.js";
import { ASSESSMENT_ID } from "./runtime-data.js";

export interface Unit {
  /** `course`, a session id, or `assessment`. */
  readonly id: string;
  /** Launch file at the package root. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly sessions: readonly Session[];
  readonly assessment?: Quiz;
  /** Session units report completion only; the course and assessment units use the course's option. */
  readonly reporting: ReportingOption;
}

export function planUnits(course: Course, perSession: boolean): Unit[] {
  if (!perSession) {
    return [
      {
        id: "course",
        file: "index.html",
        title: course.title,
        description: course.description,
        sessions: course.sessions,
        ...(course.assessment ? { assessment: course.assessment } : {}),
        reporting: course.reporting,
      },
    ];
  }
  const units: Unit[] = course.sessions.map((s) => ({
    id: s.id,
    file: `sco-${s.id}.html`,
    title: sessionTitle(course, s),
    description: s.summary,
    sessions: [s],
    reporting: "completed/incomplete",
  }));
  if (course.assessment) {
    units.push({
      id: ASSESSMENT_ID,
      file: `sco-${ASSESSMENT_ID}.html`,
      title: course.assessment.title,
      description: assessmentDescription(course),
      sessions: [],
      assessment: course.assessment,
      reporting: course.reporting,
    });
  }
  return units;
}

/**
 * The title a session goes by wherever it is named outside its own pages (the LMS's item titles, the
 * activity names): numbered, because two sessions may share a title ("Review and Evaluation", twice).
 */
export function sessionTitle(course: Pick<Course, "sessions" | "language" | "locale">, session: Session): string {
  const label = localText(course, "sessionLabel", numberFormat(course.language).format(course.sessions.indexOf(session) + 1));
  return localText(course, "sessionHeading", label, session.title);
}

/** One formatter per language: making one costs far more than formatting with it. */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string): Intl.NumberFormat {
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** How the LMS or LRS describes the final assessment, in the course's language. */
export function assessmentDescription(course: Pick<Course, "title" | "locale">): string {
  return localText(course, "assessmentUnitDescription", course.title);
}

/**
 * A name the LMS or LRS shows, in the course's language: `key`'s string (plain, no plural forms) with its
 * `{0}`, `{1}` filled. The pages' own words go through render/words.ts; these are the few the model names.
 */
function localText(course: Pick<Course, "locale">, key: string, ...args: readonly string[]): string {
  const form = course.locale.strings[key];
  const text = typeof form === "string" ? form : (form?.other ?? key);
  return text.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? "");
}
