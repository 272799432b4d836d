// One launchable unit → its HTML page (all of its pages in one document, shown one at a time).
import type { Course } from "../model/course.js";
import type { Unit } from "../model/units.js";
import { runtimeCourse } from "./runtime-data.js";
import type { TemplateSet } from "./templates.js";
import { unitView } from "./view-model.js";

export const RUNTIME_SCRIPT = "assets/coursewright.js";
export const STYLESHEET = "assets/course.css";

export function renderUnit(course: Course, unit: Unit, templates: TemplateSet): string {
  const data = runtimeCourse(course, unit);
  return templates.renderLayout(unitView(course, unit, data, { stylesheet: STYLESHEET, script: RUNTIME_SCRIPT }));
}
