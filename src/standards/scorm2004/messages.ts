// SCORM 2004's own words for the learner (runtime/core/messages.ts `say`), beside the SCORM ones: keys
// start with `lms`, so they never meet the neutral ones (render/messages.ts). The words are in
// locales/<language>.yaml; this table names the keys.
import { englishStrings } from "../../content/locales.js";
import { SCORM_MESSAGES } from "../common/scorm/messages.js";

export const SCORM2004_MESSAGES: Readonly<Record<string, string>> = {
  ...SCORM_MESSAGES,
  // RTE ch.3 error 104 (content instance terminated): Moodle keeps one API object for every SCO of a package.
  ...englishStrings(["lmsClosed"]),
};
