// Synthetic courses for the manifest writers: fixed inputs (not content/, which changes), so a manifest can be
// compared byte for byte with a committed fixture. Titles carry characters XML must escape.
import { readLocale } from "../../src/content/locales.js";
import type { Course, Quiz, ReportingOption, Session } from "../../src/model/course.js";
import { planUnits } from "../../src/model/units.js";
import type { BuiltUnit } from "../../src/standards/packager.js";

const session = (id: string, title: string): Session => ({ id, title, summary: `About ${title}`, pages: [], source: `sessions/${id}.md` });

const assessment: Quiz = { id: "assessment", title: "Final <assessment> & \"quiz\"", graded: true, questions: [], source: "assessment.yaml" };

export function syntheticCourse(reporting: ReportingOption, withAssessment = true): Course {
  return {
    id: "https://learning.example.org/courses/cp-fixture",
    slug: "cp-fixture",
    title: "Tom's <Course> & \"friends\"",
    description: "A course for manifest fixtures.",
    language: "en",
    locale: { id: "en", dir: "ltr", strings: readLocale("en") },
    version: "2.0-rc.1",
    reporting,
    masteryScore: 72.5,
    maxAttempts: 0,
    showAnswers: "after-last-attempt",
    assessmentLayout: "all-questions",
    requireSessions: true,
    shuffle: true,
    certificate: false,
    sessions: [session("intro", "Introduction"), session("shared", "Shared Things"), session("a_b-c", "Ünïcode — title")],
    ...(withAssessment ? { assessment } : {}),
    assets: [],
    contentDir: "/nonexistent",
  };
}

export const SHARED_FILES = ["assets/coursewright.js", "assets/course.css", "assets/images/a b.svg"] as const;

export function builtUnits(course: Course, perSession: boolean): BuiltUnit[] {
  return planUnits(course, perSession).map((unit) => ({ unit, files: [unit.file] }));
}

/** Every case a fixture exists for: name → inputs. */
export const MANIFEST_CASES = [
  { name: "single-passed-incomplete", reporting: "passed/incomplete", perSession: false, withAssessment: true },
  { name: "single-passed-failed", reporting: "passed/failed", perSession: false, withAssessment: true },
  { name: "per-session-passed-failed", reporting: "passed/failed", perSession: true, withAssessment: true },
  { name: "per-session-completed-incomplete", reporting: "completed/incomplete", perSession: true, withAssessment: true },
  { name: "per-session-no-assessment", reporting: "passed/failed", perSession: true, withAssessment: false },
] as const satisfies readonly { name: string; reporting: ReportingOption; perSession: boolean; withAssessment: boolean }[];
