// The cmi5 launch's words for the learner (runtime/core/messages.ts `say`), beside the xAPI ones: keys start
// with `lrs` (and `lmsBrowse`, the LMS's preview, and `lmsError`, an LMS's error code, as the SCORM packages
// say them), so they never meet the neutral ones (render/messages.ts). The words are in
// locales/<language>.yaml; this table names the keys.
import { englishStrings } from "../../content/locales.js";
import { XAPI_MESSAGES } from "../common/xapi/messages.js";

export const CMI5_MESSAGES: Readonly<Record<string, string>> = {
  ...XAPI_MESSAGES,
  ...englishStrings(["lrsNoLaunch", "lrsBadLaunch", "lrsNoToken", "lrsNoLaunchData", "lrsSessionEnded", "lmsBrowse", "lmsError"]),
};
