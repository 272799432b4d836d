// Plain web packages in the LMS-like player: there is no LMS to play. The player serves the files as any
// static host would; its page (./player-client.ts) offers traps where a SCO would look for an LMS API, so a
// runtime that went looking for one is seen, and its panel shows what the course keeps in the browser.
import type { Simulation } from "../simulation.js";

export const webSimulation: Simulation = {
  lms: "no LMS: a static web server, progress in the browser's storage",
  needsLrs: false,
  attemptKeptIn: "this browser's localStorage (the player's New attempt clears it)",
  scripts: [],
  panel: { log: "LMS API calls (none expected)", logId: "cw-calls", data: "Kept on this device" },
  peers: [],
};
