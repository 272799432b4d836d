// Starts the player with the tracker of the package's standard. Never throws at the learner.
import type { RuntimeCourse } from "../model/runtime-data.js";
import type { Tracker } from "./tracking/tracker.js";
import { runPlayer } from "./ui/player.js";

export function boot(makeTracker: (win: Window) => Tracker): void {
  const failed = (err: unknown): void => console.error("[coursewright] could not start", err);
  const run = (): void => {
    try {
      const data = document.getElementById("cw-data")?.textContent ?? "";
      const course = JSON.parse(data) as RuntimeCourse;
      runPlayer(document, course, makeTracker(window)).catch(failed);
    } catch (err) {
      failed(err);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}
