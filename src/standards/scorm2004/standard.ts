// SCORM 2004 4th Edition (ADL, 2009): an IMS CP 1.1.4 manifest with IMS Simple Sequencing, the
// `API_1484_11` object of an ancestor frame.
import type { Standard } from "../standard.js";
import { scorm2004Packager } from "./packager.js";
import { scorm2004Reader } from "./reader.js";
import { scorm2004Simulation } from "./simulation.js";

export const scorm2004: Standard = {
  id: "scorm2004",
  aliases: [],
  title: "SCORM 2004 4th Edition",
  npmScripts: ["build:scorm2004"],
  packager: scorm2004Packager,
  reader: scorm2004Reader,
  simulation: scorm2004Simulation,
  verify: async () => (await import("./verify/rules.js")).scorm2004VerifyRules,
};
