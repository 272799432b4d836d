// Browser entry of SCORM 2004 4th edition packages.
import { boot } from "../../../runtime/boot.js";
import { scorm2004Tracker } from "./tracker.js";

boot((win) => scorm2004Tracker(win));
