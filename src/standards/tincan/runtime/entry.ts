// Browser entry of xAPI (TinCan) packages.
import { boot } from "../../../runtime/boot.js";
import { XapiTrackerBase } from "../../common/xapi/xapi-tracker.js";
import { tincanLaunch } from "./tracker.js";

boot((win) => new XapiTrackerBase(win, tincanLaunch));
