// cmi5.xml, the course structure (cmi5 §13.1; CourseStructure.xsd, vendor/cmi5/): the course, then one AU for
// the whole course or one per session plus the assessment, each with the launch file as its url (§13.1.4,
// relative to cmi5.xml), moveOn and, on the AU that holds the assessment, masteryScore. Ids are IRIs under
// the course id (§13.1.1: globally unique IRIs); langstrings in the course's language.
import type { Course } from "../../model/course.js";
import type { Unit } from "../../model/units.js";
import { reportingWish } from "../../runtime/core/outcome.js";
import { esc } from "../../package/xml.js";
import type { BuiltUnit } from "../packager.js";

export const NS_CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
export const CMI5_XML = "cmi5.xml";

/** An AU's publisher id (§13.1.4 id), under the course id. */
export const auId = (courseId: string, unitId: string): string => `${courseId}/au/${encodeURIComponent(unitId)}`;

/**
 * §13.1.4 moveOn, from what the unit reports: a unit without the assessment is done when complete; the one
 * with it when passed, or, where the course reports success as completion (`reporting: completed/…`), when
 * either its sessions are complete or it is passed.
 */
export function moveOn(unit: Unit): "Completed" | "Passed" | "CompletedOrPassed" {
  if (!unit.assessment) return "Completed";
  return reportingWish(unit.reporting).success === "passed" ? "Passed" : "CompletedOrPassed";
}

/** §13.1.4 masteryScore: a decimal 0..1 with at most 4 places, from the course's percent (2 places at most). */
export const masteryDecimal = (percent: number): string => String(Math.round(percent * 100) / 10000);

function texts(lang: string, title: string, description: string, indent: string): string {
  const l = esc(lang, "language");
  return `${indent}<title><langstring lang="${l}">${esc(title, "title")}</langstring></title>
${indent}<description><langstring lang="${l}">${esc(description || title, "description")}</langstring></description>`;
}

export function courseStructure(course: Course, units: readonly BuiltUnit[]): string {
  const lang = course.language;
  const aus = units.map(({ unit }) => {
    const mastery = unit.assessment ? ` masteryScore="${masteryDecimal(course.masteryScore)}"` : "";
    return `  <au id="${esc(auId(course.id, unit.id), "AU id")}" moveOn="${moveOn(unit)}"${mastery} launchMethod="AnyWindow">
${texts(lang, unit.title, unit.description, "    ")}
    <url>${esc(unit.file, "launch file")}</url>
  </au>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="${NS_CMI5}">
  <course id="${esc(course.id, "course id")}">
${texts(lang, course.title, course.description, "    ")}
  </course>
${aus.join("\n")}
</courseStructure>
`;
}
