// Optional runtime features (src/runtime/features.ts): a package's script carries a feature's code only when
// one of its units uses it, decided from the model: the features' own scripts, in the catalogue's order,
// then the standard's core. A package without any runs on the core alone (in Chromium, scorm-again as the
// LMS); the features' behaviour itself is tested where it is used (assessment-steps: the stepper beside
// dragging; questions-browser: dragging).
import fs from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { parseDocument } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import { planUnits } from "../src/model/units.js";
import { bundleFeature, bundleRuntime } from "../src/runtime/bundle.js";
import { featuresFor, RUNTIME_FEATURES } from "../src/runtime/features.js";
import { STANDARD_IDS } from "../src/standards/registry.js";
import { BrowserLearner, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { REAL_CONTENT, ScratchFolder } from "./helpers/content-fixture.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { playedCourse } from "./helpers/played-course.js";
import { readZip } from "./helpers/unzip.js";

/** A string each feature's code has and no core may have. */
const MARKERS: Record<string, string> = { "question-stepper": "[data-stepped]", "sequence-drag": "pointerdown" };

/** Drops the assessment's sequencing questions (the only ones of the real course) from a copied course. */
const dropSequencing = (contentDir: string): void => {
  const file = path.join(contentDir, "assessment.yaml");
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const questions = (doc.toJS() as { questions: { type: string }[] }).questions;
  doc.set("questions", questions.filter((q) => q.type !== "sequencing"));
  fs.writeFileSync(file, doc.toString());
};

const scratch = new ScratchFolder("cw-features-");
afterAll(() => scratch.remove());

/** The runtime script of the `target` package built from `contentDir`. */
async function packageScript(contentDir: string, target: string, scoPerSession = false): Promise<string> {
  const out = fs.mkdtempSync(path.join(scratch.root, "dist-"));
  const [report] = await build({ contentDir, outDir: out, targets: [target], scoPerSession });
  return readZip(path.join(out, report!.file)).get("assets/coursewright.js")!.toString("utf8");
}

describe("runtime features", () => {
  it("the catalogue names every script in src/runtime/features/ once, and each has its marker", async () => {
    const files = fs.readdirSync("src/runtime/features").map((f) => f.replace(/\.ts$/, "")).sort();
    expect(RUNTIME_FEATURES.map((f) => f.id).sort()).toEqual(files);
    expect(Object.keys(MARKERS).sort()).toEqual(files);
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
    expect(featuresFor(course, planUnits(course, false))).toEqual(["sequence-drag"]);
    const units = planUnits(course, true);
    expect(units.map((u) => featuresFor(course, [u]).join(","))).toEqual(units.map((u) => (u.assessment ? "sequence-drag" : "")));
    expect(featuresFor(course, units)).toEqual(["sequence-drag"]);
    const stepped = { ...course, assessmentLayout: "one-at-a-time" as const };
    expect(featuresFor(stepped, planUnits(stepped, false))).toEqual(["question-stepper", "sequence-drag"]);
  });

  it("the real course's packages: the drag feature, then the core", async () => {
    for (const id of STANDARD_IDS) {
      expect(await packageScript(REAL_CONTENT, id), id).toBe((await bundleFeature("sequence-drag")) + (await bundleRuntime(id)));
    }
  });

  it("one question at a time: the stepper joins, in the catalogue's order; per-session packages share it", async () => {
    const dir = scratch.copyContent("stepped");
    fs.appendFileSync(path.join(dir, "course.yaml"), "\nassessmentLayout: one-at-a-time\n");
    const expected = (await bundleFeature("question-stepper")) + (await bundleFeature("sequence-drag")) + (await bundleRuntime("scorm2004"));
    expect(await packageScript(dir, "scorm2004")).toBe(expected);
    expect(await packageScript(dir, "scorm2004", true)).toBe(expected);
  });

  it("a course without a sequencing question, all on one page: the core alone", async () => {
    const dir = scratch.copyContent("plain");
    dropSequencing(dir);
    for (const id of ["scorm12", "web"]) {
      const script = await packageScript(dir, id);
      expect(script, id).toBe(await bundleRuntime(id));
      expect(Object.values(MARKERS).filter((m) => script.includes(m)), id).toEqual([]);
    }
  });
});

describe.skipIf(!chromiumAvailable)("a package without features, in Chromium", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: dropSequencing, player: true });

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
