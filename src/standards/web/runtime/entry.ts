// Browser entry of plain web packages (no LMS: progress kept in this browser).
import { boot } from "../../../runtime/boot.js";
import { webTracker } from "./tracker.js";

boot((win) => webTracker(win));
