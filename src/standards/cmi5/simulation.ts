// cmi5 in the LMS-like player: the development LMS (./lms/dev-lms.ts) prepares each launch and hands out the
// fetch URL's token, the development LRS records; the page's client is ./player-client.ts.
import type { Simulation } from "../simulation.js";
import { cmi5Lms } from "./lms/dev-lms.js";

export const cmi5Simulation: Simulation = {
  lms: "the development LMS and LRS",
  needsLrs: true,
  endpoints: cmi5Lms,
  scripts: [],
  panel: { log: "Statements", logId: "cw-statements", data: "cmi5 rules and state" },
  peers: ["better-sqlite3"],
};
