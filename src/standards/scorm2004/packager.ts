// SCORM 2004 4th edition packages: one SCO for the course, or one per session plus the assessment.
import fs from "node:fs";
import path from "node:path";
import { SCORM2004_MESSAGES } from "./messages.js";
import type { Packager } from "../packager.js";
import { scorm2004CourseLimits } from "./course-limits.js";
import { scorm2004Manifest } from "./manifest.js";
import { SCORM2004_SCHEMA_DIR, SCORM2004_SCHEMA_FILES } from "./schema-files.js";

export const scorm2004Packager: Packager = {
  supportsUnits: true,
  // SCORM 2004 4th ed. RTE §3.1: the SCO talks to the LMS through the API_1484_11 object of an ancestor
  // frame or opener, not the network.
  connectSrc: ["'none'"],
  messages: SCORM2004_MESSAGES,
  zipName: (course, options) => `${course.slug}-scorm2004${options.scoPerSession ? "-per-session" : ""}.zip`,
  courseLimits: scorm2004CourseLimits,
  controlFiles(course, units, shared) {
    return [
      { path: "imsmanifest.xml", data: Buffer.from(scorm2004Manifest(course, units, shared)) },
      // The schema files the manifest's xsi:schemaLocation names, with what they import, at the package root.
      ...SCORM2004_SCHEMA_FILES.map((name) => ({ path: name, data: fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, name)) })),
    ];
  },
};
