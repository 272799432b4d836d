// SCORM 1.2 in the LMS-like player: scorm-again's Scorm12API is the LMS, as `window.API` of the frame that
// holds the SCO (SCORM 1.2 RTE §3.2); the page's client is ./player-client.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Simulation } from "../simulation.js";

const require = createRequire(import.meta.url);

export const scorm12Simulation: Simulation = {
  lms: "scorm-again as the LMS",
  needsLrs: false,
  // The browser build (global Scorm12API), the same code the tests use as the LMS in jsdom.
  scripts: [{ name: "scorm-again.js", source: () => fs.readFileSync(require.resolve("scorm-again/scorm12/min"), "utf8") }],
  panel: { log: "SCORM calls", logId: "cw-calls", data: "CMI data" },
  peers: ["scorm-again"],
};
