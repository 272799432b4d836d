// An LMS page around the built course for Chromium tests: scorm-again's Scorm12API as `window.API` in the
// parent frame (as Moodle nests the SCO), a fresh API per launch loaded with what the last one committed and
// a learner's name, the course in an iframe. `launch(null)` is a first launch; `launch(relaunchData(page))`
// resumes as an LMS does.
import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { enterCourseIn } from "./course-entry.js";

const SCORM_AGAIN = path.resolve("node_modules", "scorm-again", "dist", "scorm12.min.js");

/** The LMS page; the learner is "Doe, Jane" as SCORM 1.2's cmi.core.student_name writes names. */
const LMS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><script src="scorm-again.js"></script>
<style>body{margin:0}iframe{display:block;width:100vw;height:100vh;border:0}</style>
<script>
window.__launch = (stored) => {
  const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON({ ...(stored || {}), core: { ...((stored || {}).core || {}), student_id: "jd-1", student_name: "Doe, Jane" } });
  api.on("LMSCommit", () => { window.__committed = JSON.parse(api.renderCMIToJSONString()); });
  window.API = api;
  document.getElementById("sco").src = "index.html?launch=" + Date.now();
};
window.__relaunchData = () => {
  const c = window.__committed.cmi;
  return { core: { lesson_location: c.core.lesson_location, lesson_status: c.core.lesson_status, entry: c.core.exit === "suspend" ? "resume" : "" }, suspend_data: c.suspend_data };
};
</script></head><body><iframe id="sco" title="Course"></iframe></body></html>`;

/** The files to serve beside the package: `lms.html` and scorm-again. */
export const namedLmsFiles = (): Record<string, string> => ({ "lms.html": LMS_PAGE, "scorm-again.js": fs.readFileSync(SCORM_AGAIN, "utf8") });

/** Launches the course in the LMS page already open in `page`; waits on the cover (the course has started). */
export async function launchNamed(page: Page, stored: unknown): Promise<Frame> {
  await page.evaluate((s) => (window as unknown as { __launch(s: unknown): void }).__launch(s), stored);
  const handle = await page.waitForSelector("#sco");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no content frame");
  await frame.waitForURL(/index\.html\?launch=/);
  await enterCourseIn(frame, true);
  return frame;
}

/** What an LMS gives the next launch after the last commit (bookmark, status, suspend_data, entry). */
export const relaunchData = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __relaunchData(): unknown }).__relaunchData());
