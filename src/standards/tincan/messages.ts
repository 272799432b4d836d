// The TinCan launch's words for the learner (runtime/core/messages.ts `say`), beside the xAPI ones: keys
// start with `lrs`, so they never meet the neutral ones (render/messages.ts).
import { XAPI_MESSAGES } from "../common/xapi/messages.js";

export const TINCAN_MESSAGES: Readonly<Record<string, string>> = {
  ...XAPI_MESSAGES,
  lrsNoLaunch: "This course was opened without an LRS, so your progress is not being recorded.",
  lrsBadLaunch: "The xAPI launch is malformed ({0}), so your progress is not being recorded.",
};
