// Browser entry of SCORM 1.2 packages.
import { boot } from "../../../runtime/boot.js";
import { scorm12Tracker } from "./tracker.js";

boot((win) => scorm12Tracker(win));
