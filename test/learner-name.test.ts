// The learner's display name each tracker's start() gives the player (for the certificate): SCORM's
// "Last, First" convention turned round, TinCan's launch actor name. scorm-again is the LMS on the window.
import { describe, expect, it } from "vitest";
import { JSDOM } from "jsdom";
import { Scorm12API, Scorm2004API } from "scorm-again";
import { loadCourse } from "../src/content/load-course.js";
import { planUnits } from "../src/model/units.js";
import { emptyState, progress } from "../src/runtime/core/state.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { displayName } from "../src/standards/common/scorm/tracker-base.js";
import { scorm12Tracker } from "../src/standards/scorm12/runtime/tracker.js";
import { scorm2004Tracker } from "../src/standards/scorm2004/runtime/tracker.js";
import { XapiTracker } from "../src/standards/tincan/runtime/tracker.js";
import { tincanPackager } from "../src/standards/tincan/packager.js";
import { NO_STORE } from "../src/standards/common/xapi/statement-queue.js";

const course = loadCourse("content");
const data = runtimeCourse(course, planUnits(course, false)[0]!);
const options = { autocommit: false, lmsCommitUrl: false, logLevel: 5 } as const;

function windowWith(name: string, api: object): Window {
  const win = new JSDOM("", { url: "https://lms.example.org/sco/index.html" }).window;
  Object.assign(win, { [name]: api });
  return win as unknown as Window;
}

describe("the learner's display name", () => {
  it.each([
    ["Lovelace, Ada", "Ada Lovelace"],
    [" Lovelace ,  Ada ", "Ada   Lovelace"],
    ["Ada Lovelace", "Ada Lovelace"],
    ["Lovelace, Ada, Countess", "Lovelace, Ada, Countess"],
    ["", undefined],
    [",", undefined],
  ])("SCORM name %j is shown as %j", (raw, shown) => {
    expect(displayName(raw)).toBe(shown);
  });

  it("SCORM 1.2: cmi.core.student_name 'Last, First' becomes 'First Last'", async () => {
    const api = new Scorm12API(options);
    api.loadFromJSON({ core: { student_name: "Lovelace, Ada" } });
    const start = await scorm12Tracker(windowWith("API", api)).start(data);
    expect(start).toMatchObject({ tracked: true, learnerName: "Ada Lovelace" });
  });

  it("SCORM 2004: cmi.learner_name 'Last, First' becomes 'First Last'; no name, no learnerName", async () => {
    const api = new Scorm2004API(options);
    api.loadFromJSON({ learner_name: "Hopper, Grace" });
    expect(await scorm2004Tracker(windowWith("API_1484_11", api)).start(data)).toMatchObject({ tracked: true, learnerName: "Grace Hopper" });
    const unnamed = await scorm2004Tracker(windowWith("API_1484_11", new Scorm2004API(options))).start(data);
    expect(unnamed.tracked).toBe(true);
    expect(unnamed.learnerName).toBeUndefined();
  });

  it.each([
    ["a string", "Ada"],
    ["an array of one string", ["Ada"]],
  ])("TinCan: the launch actor's name as %s", async (_what, name) => {
    const actor = JSON.stringify({ name, mbox: "mailto:ada@example.org" });
    const query = new URLSearchParams({ endpoint: "http://127.0.0.1:9/xapi/", auth: "Basic YTpi", actor }).toString();
    const win = new JSDOM("", { url: `https://course.example.org/index.html?${query}` }).window as unknown as Window;
    // No LRS answers (nothing listens on port 9): start() never waits for it.
    const tracker = new XapiTracker(win, { fetch: () => Promise.reject(new Error("offline")), storage: NO_STORE, baseDelayMs: 60_000 });
    // The page's data as the TinCan packager writes it (with its activity table).
    const tincanData = runtimeCourse(course, planUnits(course, false)[0]!, {}, tincanPackager.runtimeData);
    expect(await tracker.start(tincanData)).toMatchObject({ tracked: true, learnerName: "Ada" });
    tracker.finish({ location: "a/b", state: "", compactState: "", progress: progress(data, emptyState(data)) });
  });
});
