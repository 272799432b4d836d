// Browser entry of cmi5 packages (each AU's launch page).
import { boot } from "../../../runtime/boot.js";
import { XapiTrackerBase } from "../../common/xapi/xapi-tracker.js";
import { cmi5Launch } from "./launch.js";

boot((win) => new XapiTrackerBase(win, cmi5Launch));
