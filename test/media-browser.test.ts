// Video, audio and file links in real Chromium, the course in an LMS page with scorm-again's Scorm12API as
// `window.API` (test/helpers/played-course.ts): native controls reached by keyboard, a captions track, no
// autoplay, axe 0 violations (transcript closed and open, 320 px), no sideways scroll at 320 px; a page whose
// video must play to its end is not viewed before it has ended and is after (in the suspend_data the LMS
// keeps, across a relaunch, and in the progress shown); media on a page left behind stops; a PDF link opens
// the packaged file. And in a TinCan package against the development LRS: the session's 'completed' statement
// waits for the video's end.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { decodeState } from "../src/runtime/core/state-codec.js";
import { formatFindings, runAxe, type AxeFinding } from "./helpers/a11y-axe.js";
import { startLrs } from "../src/lrs/index.js";
import { launchParameters } from "../src/standards/tincan/launch-query.js";
import { chromiumAvailable, serveDir, type Browser } from "./helpers/browser.js";
import { buildAndUnpack } from "./helpers/built-package.js";
import { ScratchFolder } from "./helpers/content-fixture.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { xapiClient } from "./helpers/lrs-client.js";
import { until } from "./helpers/wait.js";
import { launchNamed, relaunchData } from "./helpers/named-lms-frame.js";
import { playedCourse } from "./helpers/played-course.js";

const MEDIA = path.resolve("test/fixtures/media");
const PAGE_ID = "a-changing-colour";
const PAGE = `
# A changing colour

Watch the colour change, then read the [handout](../files/handout.pdf).

::: video ../media/clip.webm
title: One second of colour
captions: ../media/clip.vtt
complete-when: ended
:::

::: transcript
A colour that changes, and changes again.
:::

::: audio ../media/silence.ogg
title: One second of silence
:::

::: transcript visible
Nothing is said.
:::
`;

/** The media page at the end of session 1 (which has no knowledge check), with its files. */
const addMediaPage = (dir: string): void => {
  fs.mkdirSync(path.join(dir, "media"));
  fs.mkdirSync(path.join(dir, "files"));
  for (const f of ["clip.webm", "clip.vtt", "silence.ogg"]) fs.copyFileSync(path.join(MEDIA, f), path.join(dir, "media", f));
  fs.copyFileSync(path.join(MEDIA, "handout.pdf"), path.join(dir, "files", "handout.pdf"));
  fs.appendFileSync(path.join(dir, "sessions", "01-introduction.md"), `\n${PAGE}`);
};
const played = playedCourse({ files: true, edit: addMediaPage });
let browser: Browser;
let data: RuntimeCourse;
/** The media page's flat index (its `data-page`). */
let index: number;
beforeAll(() => {
  if (!chromiumAvailable) return;
  browser = played.browser;
  const html = fs.readFileSync(path.join(played.pkg.dir, "index.html"), "utf8");
  data = JSON.parse(/<script[^>]*id="cw-data"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "") as RuntimeCourse;
  index = (data.sessions[0]?.pages ?? []).indexOf(PAGE_ID);
});

/** Whether the LMS's last commit has the media page viewed (the suspend_data it keeps, decoded). */
async function viewedInLms(page: Page): Promise<boolean> {
  const stored = (await relaunchData(page)) as { suspend_data: string };
  const state = decodeState(data, stored.suspend_data);
  if (!state) throw new Error("the LMS's suspend_data does not decode");
  return state.visited[index] ?? false;
}

const progressText = (frame: Frame): Promise<string> => frame.locator("[data-cw=progress-text]").innerText();

describe.skipIf(!chromiumAvailable)("video, audio and file links in Chromium", () => {
  it("the media page: keyboard-operable controls, captions, no autoplay; viewed only once the video has ended, kept on relaunch", async () => {
    expect(index).toBeGreaterThan(0);
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("requestfinished", (r) => void r.response().then((res) => res && res.status() >= 400 && !r.url().endsWith("/favicon.ico") && failed.push(`${res.status()} ${r.url()}`)));
    page.on("requestfailed", (r) => failed.push(`${r.failure()?.errorText ?? "failed"} ${r.url()}`));
    await page.goto(`${played.filesUrl}lms.html`);
    let frame = await launchNamed(page, null);
    await frame.click("[data-cw=start]");
    await frame.click(`[data-goto="${index}"]`);
    await frame.locator(`[data-page="${index}"]`).waitFor();
    const video = frame.locator(`[data-page="${index}"] video`);
    const before = await progressText(frame);

    // Native controls, a captions track shown by default, nothing playing on its own.
    expect(await video.evaluate((v: HTMLVideoElement) => ({ controls: v.controls, autoplay: v.autoplay, paused: v.paused }))).toEqual({ controls: true, autoplay: false, paused: true });
    expect(await video.evaluate((v: HTMLVideoElement) => [...v.textTracks].map((t) => [t.kind, t.language, t.mode]))).toEqual([["captions", data.language, "showing"]]);
    expect(await frame.locator(`[data-page="${index}"] audio`).evaluate((a: HTMLAudioElement) => a.controls && !a.autoplay && a.paused)).toBe(true);
    await page.waitForFunction(() => (window as unknown as { __committed?: unknown }).__committed !== undefined);
    expect(await viewedInLms(page)).toBe(false);

    // Tab from the page heading reaches the video (its native controls); the arrow keys then stay with it.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await frame.evaluate(() => document.activeElement?.tagName === "VIDEO");
    }
    expect(reached).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await frame.locator(`[data-page="${index}"]`).isVisible()).toBe(true);
    // The learner starts it (Space on the focused player), and it plays to its end.
    const committed = await page.evaluate(() => JSON.stringify((window as unknown as { __committed: unknown }).__committed));
    await page.keyboard.press("Space");
    await video.evaluate((v: HTMLVideoElement) => (v.ended ? undefined : new Promise((res) => v.addEventListener("ended", res, { once: true }))));
    await page.waitForFunction((was) => JSON.stringify((window as unknown as { __committed: unknown }).__committed) !== was, committed);
    expect(await viewedInLms(page)).toBe(true);
    const after = await progressText(frame);
    expect(after).not.toBe(before);

    // Relaunched, the page stays viewed: resume keeps it, the progress shown is the same.
    frame = await launchNamed(page, await relaunchData(page));
    await frame.click("[data-cw=resume]");
    expect(await progressText(frame)).toBe(after);
    expect(await viewedInLms(page)).toBe(true);
    // Every file the page asked for was served (media, captions), whatever else the browser asks (favicon).
    expect(failed).toEqual([]);
    await page.close();
  }, 120_000);

  it("axe 0 violations with the transcript closed and open, at 320 px (nothing scrolls sideways) and in dark mode; media-src 'self'", async () => {
    const page = await browser.newPage();
    await page.goto(`${played.filesUrl}lms.html`);
    const frame = await launchNamed(page, null);
    await frame.click("[data-cw=start]");
    await frame.click(`[data-goto="${index}"]`);
    const section = frame.locator(`[data-page="${index}"]`);
    const log: AxeFinding[] = [];
    // runAxe takes a Page and only evaluates in it: the course's frame does the same.
    const axe = async (state: string): Promise<void> => {
      const outcome = await runAxe(frame as unknown as Page, state);
      expect(outcome.passes, state).toBeGreaterThan(0);
      log.push(...outcome.violations);
    };
    await axe("media page, transcript closed");
    const summary = section.locator("details.cw-transcript > summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await section.locator("details.cw-transcript").evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    await axe("media page, transcript open");
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const box = await section.locator("video").boundingBox();
    expect(box?.width ?? 999).toBeLessThanOrEqual(320);
    await axe("media page at 320 px");
    await page.emulateMedia({ colorScheme: "dark" });
    await axe("media page at 320 px, dark mode");
    expect(formatFindings(log)).toBe("");
    // The page's policy lets media come from the package only.
    expect(await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content")).toContain("media-src 'self';");
    await page.close();
  }, 120_000);

  it("a link to the handout opens the packaged PDF beside the course", async () => {
    const page = await browser.newPage();
    await page.goto(`${played.filesUrl}lms.html`);
    const frame = await launchNamed(page, null);
    await frame.click("[data-cw=start]");
    await frame.click(`[data-goto="${index}"]`);
    const link = frame.locator(`[data-page="${index}"] a`, { hasText: "handout" });
    expect(await link.getAttribute("href")).toBe("assets/files/handout.pdf");
    const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await popup.waitForURL(/assets\/files\/handout\.pdf$/);
    const response = await page.request.get(popup.url());
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await response.body())).toEqual(fs.readFileSync(path.join(MEDIA, "handout.pdf")));
    // The course is still there, in its frame.
    expect(await frame.locator(`[data-page="${index}"]`).isVisible()).toBe(true);
    await popup.close();
    await page.close();
  }, 120_000);

  it("audio playing on a page the learner leaves stops (its controls left with the page)", async () => {
    const page = await browser.newPage();
    await page.goto(`${played.filesUrl}lms.html`);
    const frame = await launchNamed(page, null);
    await frame.click("[data-cw=start]");
    await frame.click(`[data-goto="${index}"]`);
    const audio = frame.locator(`[data-page="${index}"] audio`);
    // Looping, so only leaving the page can stop it.
    await audio.evaluate(async (a: HTMLAudioElement) => {
      a.loop = true;
      await a.play();
    });
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
    await frame.click("[data-cw=next]");
    await frame.locator(`[data-page="${index + 1}"]`).waitFor();
    await audio.evaluate((a: HTMLAudioElement) => (a.paused ? undefined : new Promise((res) => a.addEventListener("pause", res, { once: true }))));
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
    await page.close();
  }, 120_000);
});

describe.skipIf(!chromiumAvailable)("watched to the end, as xAPI records it (TinCan package, the development LRS)", () => {
  it("the session is 'completed' only once the video on its last page has ended; the page was 'experienced' when shown", async () => {
    const scratch = new ScratchFolder("cw-media-xapi-");
    const dir = scratch.copyContent("course");
    addMediaPage(dir);
    const pkg = await buildAndUnpack({ target: "tincan", contentDir: dir });
    const lrs = await startLrs();
    const site = await serveDir(pkg.dir);
    try {
      const registration = randomUUID();
      const params = launchParameters(lrs, { actor: { objectType: "Agent", name: "Ada Learner", mbox: "mailto:ada@example.org" }, registration });
      const xapi = xapiClient(lrs);
      const statements = async (): Promise<{ verb: string; object: string }[]> => {
        const res = await xapi({ path: "statements", query: { registration, limit: "500" } });
        return ((res.json as { statements: { verb: { id: string }; object: { id: string } }[] }).statements ?? []).map((x) => ({ verb: x.verb.id.split("/").pop() ?? "", object: x.object.id }));
      };
      const page = await browser.newPage();
      await page.goto(`${site.url}index.html?${params.toString()}`);
      await enterCourseIn(page);
      for (let i = 0; i < index; i++) {
        await page.click("[data-cw=next]");
        await page.locator(`[data-page="${i + 1}"]`).waitFor();
      }
      const shown = await until(async () => (await statements()).find((x) => x.verb === "experienced" && x.object.endsWith(PAGE_ID)), "the media page's 'experienced' statement");
      const session = shown.object.replace(/\/page\/[^/]+$/, "");
      expect((await statements()).filter((x) => x.verb === "completed" && x.object === session)).toEqual([]);
      const video = page.locator(`[data-page="${index}"] video`);
      await video.evaluate(async (v: HTMLVideoElement) => {
        const ended = new Promise((res) => v.addEventListener("ended", res, { once: true }));
        await v.play();
        await ended;
      });
      await until(async () => (await statements()).some((x) => x.verb === "completed" && x.object === session), "the session's 'completed' statement");
      await page.close();
    } finally {
      await site.close();
      await lrs.close();
      pkg.cleanup();
      scratch.remove();
    }
  }, 120_000);
});
