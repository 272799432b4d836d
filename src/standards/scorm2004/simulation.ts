// SCORM 2004 in the LMS-like player: scorm-again's Scorm2004API is the LMS, as `window.API_1484_11` of the
// frame that holds the SCO (SCORM 2004 4th ed. RTE §3.1: the SCO finds it in a parent frame or an opener);
// the page's client is ./player-client.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Simulation } from "../simulation.js";

const require = createRequire(import.meta.url);

export const scorm2004Simulation: Simulation = {
  lms: "scorm-again as the LMS",
  needsLrs: false,
  // The browser build (global Scorm2004API), the same LMS code the tests use in jsdom.
  scripts: [{ name: "scorm-again-2004.js", source: () => fs.readFileSync(require.resolve("scorm-again/scorm2004/min"), "utf8") }],
  panel: { log: "SCORM 2004 calls", logId: "cw-calls", data: "CMI data" },
  peers: ["scorm-again"],
};
