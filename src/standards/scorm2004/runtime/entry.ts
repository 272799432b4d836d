// Browser entry of SCORM 2004 4th edition packages.
import { boot } from "../../../runtime/boot.js";
import { UntrackedTracker } from "../../../runtime/tracking/untracked.js";

// Placeholder until Scorm2004Tracker lands: the course runs, nothing is recorded.
boot(() => new UntrackedTracker("SCORM 2004 tracking is not available in this build, so your progress is not being recorded."));
