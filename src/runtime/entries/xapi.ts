// Browser entry of xAPI (TinCan) packages.
import { boot } from "../boot.js";
import { XapiTracker } from "../tracking/xapi/xapi-tracker.js";

boot((win) => new XapiTracker(win));
