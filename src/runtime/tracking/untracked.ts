// No LMS or LRS: the course still runs, nothing is recorded, and the page says so.
import type { SaveState, Tracker, TrackerStart } from "./tracker.js";

export class UntrackedTracker implements Tracker {
  readonly maxStateLength = Number.POSITIVE_INFINITY;
  constructor(private readonly notice: string) {}
  start(): Promise<TrackerStart> {
    return Promise.resolve({ tracked: false, notice: this.notice });
  }
  record(): void {}
  save(): void {}
  finish(): void {}
  saveStatus(): SaveState {
    return "untracked";
  }
}
