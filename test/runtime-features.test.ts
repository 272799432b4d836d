// Optional runtime features (src/runtime/features.ts): a package's script carries a feature's code only when
// one of its units uses it, decided from the model: the standard's core, then the features' own scripts in
// the catalogue's order. A package without any runs on the core alone, and one with tabs and a video to
// watch to the end sets up its tabs and marks the page viewed when the video ends (in Chromium, scorm-again
// as the LMS); the other features' behaviour is tested where it is used (assessment-steps: the stepper
// beside dragging; questions-browser: dragging).
import fs from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { parseDocument } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { bundleFeature, bundleRuntime } from "../src/runtime/bundle.js";
import { featuresFor, RUNTIME_FEATURES } from "../src/runtime/features.js";
import { STANDARD_IDS } from "../src/standards/registry.js";
import { BrowserLearner, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { REAL_CONTENT, ScratchFolder } from "./helpers/content-fixture.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { playedCourse } from "./helpers/played-course.js";
import { readZip } from "./helpers/unzip.js";

/** A string each feature's code has and no core may have (a new feature adds its own). */
const MARKERS: Record<string, string> = {
  "question-pool": "drawn-number",
  "question-stepper": "[data-stepped]",
  reflections: "download-reflections",
  "sequence-drag": "pointerdown",
  tabs: ".cw-tabs__list",
  "media-ended": "data-cw-end",
};

const MEDIA = path.resolve("test/fixtures/media");
const TABS = "::: tabs The two sides\n## First side\nOne.\n## Second side\nTwo.\n:::";
const VIDEO = "::: video ../media/clip.webm\ntitle: A changing colour\ncaptions: ../media/clip.vtt\ncomplete-when: ended\n:::";

/** Appends pages to session 1 of a copied course: one with `TABS`, one with `VIDEO` (and its files). */
const addBlockPages = (contentDir: string, tabs = TABS): void => {
  fs.mkdirSync(path.join(contentDir, "media"));
  for (const f of ["clip.webm", "clip.vtt"]) fs.copyFileSync(path.join(MEDIA, f), path.join(contentDir, "media", f));
  fs.appendFileSync(path.join(contentDir, "sessions", "01-introduction.md"), `\n\n# Two sides\n\n${tabs}\n\n# Watch to the end\n\n${VIDEO}\n`);
};

/** Drops what the real course uses a feature for: its sequencing questions, reflections and tabs. */
const dropOptional = (contentDir: string): void => {
  const file = path.join(contentDir, "assessment.yaml");
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const questions = (doc.toJS() as { questions: { type: string }[] }).questions;
  doc.set("questions", questions.filter((q) => q.type !== "sequencing"));
  fs.writeFileSync(file, doc.toString());
  const sessions = path.join(contentDir, "sessions");
  for (const f of fs.readdirSync(sessions)) {
    const text = fs.readFileSync(path.join(sessions, f), "utf8");
    fs.writeFileSync(path.join(sessions, f), text.replace(/^::: (reflection|tabs)\b[^\n]*\n[\s\S]*?^:::$/gm, ""));
  }
};

/** Of `ids`, those among `wanted`, in their order: a check of some features, whatever else a course uses. */
const among = (ids: readonly string[], ...wanted: string[]): string[] => ids.filter((id) => wanted.includes(id));

const scratch = new ScratchFolder("cw-features-");
afterAll(() => scratch.remove());

/** The runtime script of the `target` package built from `contentDir`. */
async function packageScript(contentDir: string, target: string, scoPerSession = false): Promise<string> {
  const out = fs.mkdtempSync(path.join(scratch.root, "dist-"));
  const [report] = await build({ contentDir, outDir: out, targets: [target], scoPerSession });
  return readZip(path.join(out, report!.file)).get("assets/coursewright.js")!.toString("utf8");
}

/** What a package of `course` should load: the core, then its features' scripts in the catalogue's order. */
async function expectedScript(course: Course, target: string, perSession = false): Promise<string> {
  const features = featuresFor(course, planUnits(course, perSession));
  return (await bundleRuntime(target)) + (await Promise.all(features.map(bundleFeature))).join("");
}

describe("runtime features", () => {
  it("the catalogue names every script in src/runtime/features/ once, and each has its marker", async () => {
    const files = fs.readdirSync("src/runtime/features").map((f) => f.replace(/\.ts$/, "")).sort();
    expect(RUNTIME_FEATURES.map((f) => f.id).sort()).toEqual(files);
    expect(files.filter((id) => !MARKERS[id])).toEqual([]);
    for (const id of files) expect(await bundleFeature(id), id).toContain(MARKERS[id]);
  });

  it("no standard's core carries a feature's code", async () => {
    for (const id of STANDARD_IDS) {
      const core = await bundleRuntime(id);
      expect(Object.values(MARKERS).filter((m) => core.includes(m)), id).toEqual([]);
    }
  });

  it("are chosen per unit from the model, and a package takes those of any of its units", () => {
    const course = loadCourse(REAL_CONTENT);
    // The real course: a sequencing question in its assessment, every question on one page.
    expect(among(featuresFor(course, planUnits(course, false)), "question-stepper", "sequence-drag")).toEqual(["sequence-drag"]);
    const units = planUnits(course, true);
    expect(units.map((u) => among(featuresFor(course, [u]), "sequence-drag").join())).toEqual(units.map((u) => (u.assessment ? "sequence-drag" : "")));
    const stepped = { ...course, assessmentLayout: "one-at-a-time" as const };
    expect(among(featuresFor(stepped, planUnits(stepped, false)), "question-stepper", "sequence-drag")).toEqual(["question-stepper", "sequence-drag"]);
  });

  it("tabs and a video to watch to the end: only in the units with such a page; tabs in a code block are none", () => {
    const dir = scratch.copyContent("blocks");
    addBlockPages(dir);
    const course = loadCourse(dir);
    expect(among(featuresFor(course, planUnits(course, false)), "tabs", "media-ended")).toEqual(["tabs", "media-ended"]);
    // Per session: the first one's as the pages added there ask, the others' as in the real course.
    const real = loadCourse(REAL_CONTENT);
    const before = new Map(planUnits(real, true).map((u) => [u.id, among(featuresFor(real, [u]), "tabs", "media-ended").join()]));
    const units = planUnits(course, true);
    expect(units.map((u) => among(featuresFor(course, [u]), "tabs", "media-ended").join())).toEqual(units.map((u) => (u.id === "introduction" ? "tabs,media-ended" : before.get(u.id))));
    const fenced = scratch.copyContent("fenced");
    dropOptional(fenced);
    addBlockPages(fenced, `\`\`\`\n${TABS}\n\`\`\``);
    const quoted = loadCourse(fenced);
    expect(among(featuresFor(quoted, planUnits(quoted, false)), "tabs", "media-ended")).toEqual(["media-ended"]);
  });

  it("the real course's packages: its features (dragging among them), then the core", async () => {
    const course = loadCourse(REAL_CONTENT);
    expect(featuresFor(course, planUnits(course, false))).toContain("sequence-drag");
    for (const id of STANDARD_IDS) {
      const script = await packageScript(REAL_CONTENT, id);
      expect(script === (await expectedScript(course, id)), id).toBe(true);
    }
  });

  it("one question at a time: the stepper joins, in the catalogue's order; per-session packages share it", async () => {
    const dir = scratch.copyContent("stepped");
    fs.appendFileSync(path.join(dir, "course.yaml"), "\nassessmentLayout: one-at-a-time\n");
    const course = loadCourse(dir);
    const expected = await expectedScript(course, "scorm2004");
    expect(expected.includes(await bundleFeature("question-stepper"))).toBe(true);
    expect((await packageScript(dir, "scorm2004")) === expected).toBe(true);
    expect((await packageScript(dir, "scorm2004", true)) === expected).toBe(true);
    expect((await expectedScript(course, "scorm2004", true)) === expected).toBe(true);
  });

  it("a course that needs none (no sequencing question, reflection or tabs; all on one page): the core alone", async () => {
    const dir = scratch.copyContent("plain");
    dropOptional(dir);
    const course = loadCourse(dir);
    expect(featuresFor(course, planUnits(course, false))).toEqual([]);
    for (const id of ["scorm12", "web"]) {
      const script = await packageScript(dir, id);
      expect(script === (await bundleRuntime(id)), id).toBe(true);
      expect(Object.values(MARKERS).filter((m) => script.includes(m)), id).toEqual([]);
    }
  });
});

describe.skipIf(!chromiumAvailable)("tabs and a video watched to the end, in Chromium", () => {
  const played = playedCourse({ edit: addBlockPages, player: true });

  it("the tab list is set up; the video's page counts as viewed only once the video has ended", async () => {
    const page = await played.browser.newPage();
    await page.goto(played.playerUrl);
    const frame: Frame = await contentFrame(page);
    await enterCourseIn(frame);
    const learner = new BrowserLearner(frame, played.course);
    const session = played.course.sessions[0]!;
    await learner.open(session.id, "two-sides");
    const tabs = frame.locator(`#page-${session.id}-two-sides [role=tab]`);
    await expect(frame.locator(`#page-${session.id}-two-sides .cw-tabs__list`).isVisible()).resolves.toBe(true);
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute("aria-selected")))).toEqual(["true", "false"]);
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    expect(await tabs.evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-selected")}:${e === document.activeElement}`))).toEqual(["false:false", "true:true"]);
    for (const p of session.pages) await learner.open(session.id, p.id);
    const status = frame.locator(`#cw-menu [data-session-status="0"]`);
    expect(await status.getAttribute("data-state")).toBe("started");
    await frame.evaluate(async () => {
      const video = document.querySelector<HTMLVideoElement>("video[data-cw-end]")!;
      const ended = new Promise((resolve) => video.addEventListener("ended", resolve, { once: true }));
      video.muted = true;
      await video.play();
      await ended;
    });
    await frame.locator(`#cw-menu [data-session-status="0"][data-state=complete]`).waitFor({ state: "attached" });
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)("a package without features, in Chromium", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: dropOptional, player: true });

  it("registers none, and the assessment is answered, submitted and recorded on the core alone", async () => {
    const page = await played.browser.newPage();
    await page.goto(played.playerUrl);
    const frame: Frame = await contentFrame(page);
    await enterCourseIn(frame);
    expect(await frame.evaluate(() => (self as { cwFeatures?: unknown[] }).cwFeatures?.length ?? 0)).toBe(0);
    const learner = new BrowserLearner(frame, played.course);
    await learner.open("assessment", "assessment");
    await learner.takeAssessment(0);
    await frame.locator("[data-cw=results]").waitFor({ state: "visible" });
    const cmi = await page.evaluate(() => (window as unknown as { __cw: { cmi(): { cmi: { core: { lesson_status: string; score: { raw: string } } } } } }).__cw.cmi());
    expect(cmi.cmi.core.lesson_status).toBe("passed");
    expect(cmi.cmi.core.score.raw).toBe("100");
    await page.close();
  });
});
