// Starts the player with the tracker of the package's standard. Never throws at the learner.
import type { RuntimeCourse } from "../model/runtime-data.js";
import type { Tracker } from "./tracking/tracker.js";
import { runPlayer } from "./ui/player.js";

export function boot(makeTracker: (win: Window) => Tracker): void {
  const run = async (): Promise<void> => {
    try {
      const course = JSON.parse(document.getElementById("cw-data")?.textContent ?? "") as RuntimeCourse;
      await runPlayer(document, course, makeTracker(window));
    } catch (err) {
      console.error("[coursewright] could not start", err);
    }
  };
  // Not before the rest of the package's script has run: the features after the core register there.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else queueMicrotask(run);
}
