// TinCan in the LMS-like player: the development LRS records the statements, and the launch URL carries
// the TinCan launch parameters that point at it; the page's client is ./player-client.ts.
import type { Simulation } from "../simulation.js";
import { launchParameters } from "./launch-query.js";

export const tincanSimulation: Simulation = {
  lms: "development LRS",
  needsLrs: true,
  launchQuery: (lrs, launch) => launchParameters(lrs, launch).toString(),
  scripts: [],
  panel: { log: "Statements", logId: "cw-statements", data: "State document" },
  peers: ["better-sqlite3"],
};
