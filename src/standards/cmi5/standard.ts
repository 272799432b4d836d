// cmi5 (Quartz): AUs launched by the LMS with a fetch URL and LMS.LaunchData, xAPI 1.0.3 statements in the cmi5
// profile, a `cmi5.xml` package.
import type { Standard } from "../standard.js";
import { cmi5Packager } from "./packager.js";
import { cmi5Reader } from "./reader.js";
import { cmi5Simulation } from "./simulation.js";

export const cmi5: Standard = {
  id: "cmi5",
  aliases: [],
  title: "cmi5",
  npmScripts: ["build:cmi5"],
  packager: cmi5Packager,
  reader: cmi5Reader,
  simulation: cmi5Simulation,
  verify: async () => (await import("./verify/rules.js")).cmi5VerifyRules,
};
