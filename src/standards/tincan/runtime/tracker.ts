// The TinCan tracker: the shared xAPI tracker (common/xapi/xapi-tracker.ts) with the TinCan launch, read from
// the query string (TinCan launch, Rustici launch/lms_lrs.md; ./launch.ts), and plain xAPI statements.
import { say } from "../../../runtime/core/messages.js";
import { XapiTrackerBase, type XapiTrackerOptions } from "../../common/xapi/xapi-tracker.js";
import { parseLaunch } from "./launch.js";

export { STATE_ID } from "../../common/xapi/state-writer.js";
export type { XapiTrackerOptions } from "../../common/xapi/xapi-tracker.js";

export class XapiTracker extends XapiTrackerBase {
  constructor(win: Window, options?: XapiTrackerOptions) {
    super(
      win,
      (w, course) => {
        const launch = parseLaunch(w.location.search);
        return Promise.resolve(typeof launch !== "string" ? launch : launch ? say(course, "lrsBadLaunch", launch) : say(course, "lrsNoLaunch"));
      },
      options,
    );
  }
}
