// Browser entry of SCORM 1.2 packages.
import { boot } from "../../../runtime/boot.js";
import { Scorm12Tracker } from "./tracker.js";

boot((win) => new Scorm12Tracker(win));
