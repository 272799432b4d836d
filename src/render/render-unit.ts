// One launchable unit → its HTML page (all of its pages in one document, shown one at a time).
import fs from "node:fs";
import path from "node:path";
import type { Course } from "../model/course.js";
import type { Unit } from "../model/units.js";
import type { Packager } from "../standards/packager.js";
import { BUILTIN_TEMPLATES } from "../paths.js";
import { withContentSecurityPolicy } from "./csp.js";
import { runtimeCourse } from "./runtime-data.js";
import type { TemplateSet } from "./templates.js";
import { themeView } from "./theme-css.js";
import { unitView } from "./view-model.js";

export const RUNTIME_SCRIPT = "assets/coursewright.js";
export const STYLESHEET = "assets/course.css";

/** The page of `unit`, its Content-Security-Policy added after Handlebars (so no template can leave it out). */
export function renderUnit(course: Course, unit: Unit, templates: TemplateSet, target: Pick<Packager, "connectSrc" | "messages" | "runtimeData">): string {
  const data = runtimeCourse(course, unit, target.messages, target.runtimeData);
  const html = templates.renderLayout({ ...unitView(course, unit, data, { stylesheet: STYLESHEET, script: RUNTIME_SCRIPT }), ...themeView(course) });
  const override = path.join(course.contentDir, "templates", "layout.hbs");
  return withContentSecurityPolicy(html, {
    connectSrc: target.connectSrc,
    templateFiles: templates.files,
    layoutFile: fs.existsSync(override) ? override : path.join(BUILTIN_TEMPLATES, "layout.hbs"),
  });
}
