// SCORM 2004's own words for the learner (runtime/core/messages.ts `say`), beside the SCORM ones: keys
// start with `lms`, so they never meet the neutral ones (render/messages.ts).
import { SCORM_MESSAGES } from "../common/scorm/messages.js";

export const SCORM2004_MESSAGES: Readonly<Record<string, string>> = {
  ...SCORM_MESSAGES,
  // RTE ch.3 error 104 (content instance terminated): Moodle keeps one API object for every SCO of a package.
  lmsClosed: "The LMS has closed tracking for this visit (error 104): leave the activity and open it again to record this part.",
};
