// TinCan: xAPI 1.0.3 statements to the LRS the launch names (TinCan launch), a `tincan.xml` package.
import type { Standard } from "../standard.js";
import { tincanPackager } from "./packager.js";
import { tincanReader } from "./reader.js";
import { tincanSimulation } from "./simulation.js";

export const tincan: Standard = {
  id: "tincan",
  // The first name of this target (`--target xapi`, `npm run build:xapi`) keeps working.
  aliases: ["xapi"],
  title: "TinCan (xAPI)",
  npmScripts: ["build:xapi"],
  packager: tincanPackager,
  reader: tincanReader,
  simulation: tincanSimulation,
  verify: async () => (await import("./verify/rules.js")).tincanVerifyRules,
};
