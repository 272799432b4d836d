// Browser entry of SCORM 1.2 packages.
import { boot } from "../boot.js";
import { Scorm12Tracker } from "../tracking/scorm12/scorm12-tracker.js";

boot((win) => new Scorm12Tracker(win));
