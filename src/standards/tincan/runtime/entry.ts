// Browser entry of xAPI (TinCan) packages.
import { boot } from "../../../runtime/boot.js";
import { XapiTracker } from "./tracker.js";

boot((win) => new XapiTracker(win));
