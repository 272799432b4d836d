// The TinCan tracker: the shared xAPI tracker (common/xapi/xapi-tracker.ts) with the TinCan launch, read from
// the query string (TinCan launch, Rustici launch/lms_lrs.md; ./launch.ts), and plain xAPI statements.
import { say } from "../../../runtime/core/messages.js";
import { XapiTrackerBase, type LaunchSource, type XapiTrackerOptions } from "../../common/xapi/xapi-tracker.js";
import { parseLaunch } from "./launch.js";

export { STATE_ID } from "../../common/xapi/state-writer.js";
export type { XapiTrackerOptions } from "../../common/xapi/xapi-tracker.js";

/** The launch from the query string; what is wrong with it, or its absence, worded for the learner. */
export const tincanLaunch: LaunchSource = (win, course) => {
  const launch = parseLaunch(win.location.search);
  return typeof launch !== "string" ? launch : launch ? say(course, "lrsBadLaunch", launch) : say(course, "lrsNoLaunch");
};

export class XapiTracker extends XapiTrackerBase {
  constructor(win: Window, options?: XapiTrackerOptions) {
    super(win, tincanLaunch, options);
  }
}
