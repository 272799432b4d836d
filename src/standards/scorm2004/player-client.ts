// The player page's LMS for SCORM 2004: scorm-again's Scorm2004API as `window.API_1484_11` (SCORM 2004 4th ed.
// RTE §3.1: the SCO finds it in a parent frame), every call recorded, the CMI persisted on each successful
// Commit/Terminate, and relaunches handed what an LMS keeps. Bundled with the neutral core as player-scorm2004.js.
// The player page's `?mode=browse|review|normal` launches every unit in that mode (RTE §4.2.16 cmi.mode).
import { showCmi } from "../common/scorm/cmi-panel.js";
import { startPlayer, type PlayerContext, type PlayerUnit } from "../../player/client/core.js";
import type { LaunchUnit } from "../reader.js";
import { recordScorm2004Calls, type Scorm2004ApiLike } from "./api.js";
import { SUSPEND_DATA_MAX } from "./limits.js";
import { launchData } from "./player-launch.js";

interface ScormAgainApi extends Scorm2004ApiLike {
  loadFromJSON(json: object): void;
  renderCMIToJSONString(): string;
}

declare global {
  interface Window {
    Scorm2004API?: new (settings: object) => ScormAgainApi;
    API_1484_11?: Scorm2004ApiLike;
  }
}

startPlayer((context: PlayerContext) => {
  let current: ScormAgainApi | undefined;
  const mode = new URLSearchParams(location.search).get("mode");
  return {
    async launch(unit: PlayerUnit & Pick<LaunchUnit, "masteryScore" | "objectiveIds">) {
      const Ctor = window.Scorm2004API;
      if (!Ctor) throw new Error("scorm-again did not load");
      const api = new Ctor({ autocommit: false, lmsCommitUrl: false, logLevel: 4 });
      // The config's units are the reader's launch units: the pass mark and objectives come from the manifest.
      api.loadFromJSON(launchData(await context.stored(unit.id), mode, unit.masteryScore, unit.objectiveIds));
      current = api;
      window.API_1484_11 = recordScorm2004Calls(api, (call) => {
        context.record(unit.id, call);
        if ((call.fn === "Commit" || call.fn === "Terminate") && call.result === "true") context.persist(unit.id, api.renderCMIToJSONString());
      });
      return undefined;
    },
    data: () => (current ? (JSON.parse(current.renderCMIToJSONString()) as unknown) : undefined),
    showData: () => showCmi(context, current, SUSPEND_DATA_MAX),
  };
});
