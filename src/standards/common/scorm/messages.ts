// What a SCORM package's runtime tells the learner about the LMS, by key (runtime/core/messages.ts `say`):
// written into each page's runtime data by the SCORM packagers, in the course's language
// (locales/<language>.yaml holds the words; this table names the keys and carries their English). Keys start
// with `lms`, so they never meet the neutral ones (render/messages.ts).
import { englishStrings } from "../../../content/locales.js";

export const SCORM_MESSAGES: Readonly<Record<string, string>> = englishStrings([
  "lmsNone",
  "lmsNoStart",
  "lmsSilent",
  "lmsError",
  "lmsBrowse",
  "lmsPart",
  "lmsNotSaving",
  "lmsLongBookmark",
  "lmsLongState",
]);
