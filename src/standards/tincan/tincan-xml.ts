// tincan.xml (TinCan launch, Rustici launch/lms_lrs.md; tincan.xsd): the course activity with its launch
// file, then one activity for each session and the assessment, so an LMS can show their names before any
// statement exists.
import { ACTIVITY_TYPES, activityIds } from "../common/xapi/activity-ids.js";
import type { Course } from "../../model/course.js";
import { assessmentDescription, sessionTitle } from "../../model/units.js";
import { esc } from "../../package/xml.js";

function activity(id: string, type: string, name: string, description: string, lang: string, launch?: string): string {
  const what = `activity ${id}`;
  return `    <activity id="${esc(id, "activity id")}" type="${esc(type, `type of ${what}`)}">
      <name lang="${esc(lang, "language")}">${esc(name, `name of ${what}`)}</name>
      <description lang="${esc(lang, "language")}">${esc(description, `description of ${what}`)}</description>${launch ? `\n      <launch lang="${esc(lang, "language")}">${esc(launch, "launch file")}</launch>` : ""}
    </activity>`;
}

export function tincanXml(course: Course, launchFile: string): string {
  const lang = course.language;
  const parts = [
    activity(course.id, ACTIVITY_TYPES.course, course.title, course.description, lang, launchFile),
    ...course.sessions.map((s) => activity(activityIds.session(course.id, s.id), ACTIVITY_TYPES.module, sessionTitle(course, s), s.summary, lang)),
    ...(course.assessment
      ? [activity(activityIds.assessment(course.id, course.assessment.id), ACTIVITY_TYPES.assessment, course.assessment.title, assessmentDescription(course), lang)]
      : []),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
${parts.join("\n")}
  </activities>
</tincan>
`;
}
