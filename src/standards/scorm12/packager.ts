// SCORM 1.2 packages: one SCO for the course, or one per session plus the assessment.
import fs from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../../paths.js";
import { SCORM_MESSAGES } from "../common/scorm/messages.js";
import type { Packager } from "../packager.js";
import { scorm12CourseLimits } from "./course-limits.js";
import { scorm12Manifest, SCORM12_SCHEMA_FILES } from "./manifest.js";

// ADL's schema files, vendored byte-for-byte with their notices (vendor/adl-scorm12/README.md); packages
// carry them at their root, where the manifest's xsi:schemaLocation names them (SCORM 1.2 CAM §2.3.3).
export const SCORM12_SCHEMA_DIR = path.join(PACKAGE_ROOT, "vendor", "adl-scorm12");

export const scorm12Packager: Packager = {
  supportsUnits: true,
  // SCORM 1.2 RTE §3.2–3.3: the SCO talks to the LMS through the API object of a parent frame, not the network.
  connectSrc: ["'none'"],
  messages: SCORM_MESSAGES,
  zipName: (course, options) => `${course.slug}-scorm12${options.scoPerSession ? "-per-session" : ""}.zip`,
  courseLimits: scorm12CourseLimits,
  controlFiles(course, units, shared) {
    return [
      { path: "imsmanifest.xml", data: Buffer.from(scorm12Manifest(course, units, shared)) },
      ...SCORM12_SCHEMA_FILES.map((name) => ({ path: name, data: fs.readFileSync(path.join(SCORM12_SCHEMA_DIR, name)) })),
    ];
  },
};
