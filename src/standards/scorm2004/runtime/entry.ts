// Browser entry of SCORM 2004 4th edition packages.
import { boot } from "../../../runtime/boot.js";
import { Scorm2004Tracker } from "./tracker.js";

boot((win) => new Scorm2004Tracker(win));
