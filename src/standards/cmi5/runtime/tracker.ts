// The cmi5 AU's tracker: the shared xAPI tracker (common/xapi/xapi-tracker.ts) with the cmi5 launch
// (./launch.ts: fetch URL token, LMS.LaunchData) and the cmi5 statement profile (./profile.ts).
import { XapiTrackerBase, type XapiTrackerOptions } from "../../common/xapi/xapi-tracker.js";
import { cmi5Launch } from "./launch.js";

export class Cmi5Tracker extends XapiTrackerBase {
  constructor(win: Window, options?: XapiTrackerOptions) {
    super(win, cmi5Launch, options);
  }
}
