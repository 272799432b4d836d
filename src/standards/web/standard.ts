// Plain web: the course as a folder (and a zip of it) for any static web server or file://, with no LMS;
// the learner's progress is kept in the browser.
import type { Standard } from "../standard.js";
import { webPackager } from "./packager.js";
import { webReader } from "./reader.js";
import { webSimulation } from "./simulation.js";

export const web: Standard = {
  id: "web",
  aliases: [],
  title: "Plain web",
  npmScripts: ["build:web"],
  packager: webPackager,
  reader: webReader,
  simulation: webSimulation,
  verify: async () => (await import("./verify/rules.js")).webVerifyRules,
};
