// The player page's LMS for SCORM 1.2: scorm-again's Scorm12API as `window.API` (SCORM 1.2 RTE §3.2: the SCO
// finds it in a parent frame), every call recorded, the CMI persisted on each successful LMSCommit/LMSFinish,
// and relaunches handed what was committed. Bundled with the neutral core as player-scorm12.js.
import { showCmi } from "../common/scorm/cmi-panel.js";
import { startPlayer, type PlayerContext } from "../../player/client/core.js";
import { recordScorm12Calls, type Scorm12ApiLike } from "./api.js";
import { CMI_STRING4096_MAX } from "./limits.js";

interface ScormAgainApi extends Scorm12ApiLike {
  loadFromJSON(json: object): void;
  renderCMIToJSONString(): string;
}

declare global {
  interface Window {
    Scorm12API?: new (settings: object) => ScormAgainApi;
    API?: Scorm12ApiLike;
  }
}

/** An LMS hands back what was committed, with entry=resume after exit=suspend (SCORM 1.2 RTE §3.4.4 cmi.core.entry). */
function relaunchData(saved: Record<string, unknown>): object {
  const cmi = (saved["cmi"] ?? {}) as Record<string, Record<string, unknown>>;
  const core = (cmi["core"] ?? {}) as Record<string, unknown>;
  return {
    core: { lesson_location: core["lesson_location"], lesson_status: core["lesson_status"], score: core["score"], entry: core["exit"] === "suspend" ? "resume" : "" },
    suspend_data: cmi["suspend_data"] ?? "",
    objectives: cmi["objectives"] ?? {},
  };
}

startPlayer((context: PlayerContext) => {
  let current: ScormAgainApi | undefined;
  return {
    async launch(unit) {
      const Ctor = window.Scorm12API;
      if (!Ctor) throw new Error("scorm-again did not load");
      const api = new Ctor({ autocommit: false, lmsCommitUrl: false, logLevel: 4 });
      const saved = await context.stored(unit.id);
      if (saved) api.loadFromJSON(relaunchData(saved));
      current = api;
      window.API = recordScorm12Calls(api, (call) => {
        context.record(unit.id, call);
        if ((call.fn === "LMSCommit" || call.fn === "LMSFinish") && call.result === "true") context.persist(unit.id, api.renderCMIToJSONString());
      });
      return undefined;
    },
    data: () => (current ? (JSON.parse(current.renderCMIToJSONString()) as unknown) : undefined),
    showData: () => showCmi(context, current, CMI_STRING4096_MAX),
  };
});
