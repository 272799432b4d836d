// SCORM 1.2 (ADL, 2001): an IMS CP 1.1.2 manifest, the `API` object of an ancestor frame.
import type { Standard } from "../standard.js";
import { scorm12Packager } from "./packager.js";
import { scorm12Reader } from "./reader.js";
import { scorm12Simulation } from "./simulation.js";

export const scorm12: Standard = {
  id: "scorm12",
  aliases: [],
  title: "SCORM 1.2",
  npmScripts: ["build:scorm"],
  packager: scorm12Packager,
  reader: scorm12Reader,
  simulation: scorm12Simulation,
  verify: async () => (await import("./verify/rules.js")).scorm12VerifyRules,
};
