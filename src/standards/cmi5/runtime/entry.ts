// Browser entry of cmi5 packages (each AU's launch page).
import { boot } from "../../../runtime/boot.js";
import { Cmi5Tracker } from "./tracker.js";

boot((win) => new Cmi5Tracker(win));
