// Plain web packages: no LMS, no LRS, no network (the page's policy says connect-src 'none'). The learner's
// place and answers are kept in this browser's localStorage (WHATWG HTML §12.2.3), written after every
// change, so a reload or a later visit resumes there; the banner says so and offers to start over. Where
// the browser refuses storage (privacy modes, site data blocked, some file:// set-ups) the course runs all
// the same, and the banner says that nothing is kept.
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { SaveState, Snapshot, Tracker } from "../../../runtime/tracking/tracker.js";
import { say } from "../../../runtime/core/messages.js";
import { bannerAction } from "../../../runtime/ui/banner.js";
import { readProgress, storageKey } from "../storage-key.js";

/** The browser's storage, or undefined when it refuses: reading `localStorage` throws a SecurityError where
 * site data is blocked (HTML §12.2.3), and a browser in private mode may take nothing (QuotaExceededError). */
function usableStorage(win: Window, key: string): Storage | undefined {
  try {
    const store = win.localStorage;
    const probe = `${key}:probe`;
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return undefined;
  }
}

export function webTracker(win: Window): Tracker {
  let store: Storage | undefined;
  let key = "";
  let words: RuntimeCourse | undefined;
  let status: SaveState = "untracked";
  /** Set by Start over: the page is going, and what it would save on its way out must not bring the progress back. */
  let cleared = false;
  /** Something to keep: progress from an earlier visit, or a page seen in this one. A visit that never left
   * the cover keeps nothing, so the next one is a first visit again. */
  let begun = false;

  const keep = (s: Snapshot): void => {
    if (!store || cleared || !begun) return;
    try {
      store.setItem(key, JSON.stringify({ location: s.location, state: s.state }));
      status = "saved";
    } catch {
      // Said once: the next write may well succeed (space freed), and then the record is whole again.
      if (status !== "failed" && words) tracker.onProblem?.(say(words, "webNotSaved"));
      status = "failed";
    }
  };

  const startOver = (): void => {
    if (!words || !win.confirm(say(words, "webStartOverConfirm"))) return;
    cleared = true;
    try {
      store?.removeItem(key);
    } catch {
      /* storage went away since: nothing is kept to clear */
    }
    // A load of the page without its fragment: the course opens at its cover, as on a first visit.
    win.location.replace(win.location.href.replace(/#.*$/, ""));
  };

  const tracker: Tracker = {
    maxStateLength: Infinity,
    start(course) {
      words = course;
      key = storageKey(course.id);
      store = usableStorage(win, key);
      if (!store) return Promise.resolve({ tracked: false, notice: say(course, "webNotKept") });
      status = "saved";
      tracker.onNotice?.("web", say(course, "webKept"), "info");
      bannerAction(win.document, say(course, "webStartOver"), startOver);
      const resume = readProgress(store.getItem(key));
      begun = Boolean(resume);
      return Promise.resolve({ tracked: true, ...(resume ? { resume } : {}) });
    },
    record: (_events, snapshot) => {
      begun = true;
      keep(snapshot);
    },
    save: keep,
    finish: keep,
    saveStatus: () => status,
  };
  return tracker;
}
