// `coursewright preview`, run as an author runs it: the real CLI (`node bin/coursewright.js preview`) on a
// temporary copy of content/ with a temporary state folder, opened in real Chromium. Covers the tracking
// panel, close-and-resume across a restart, "New attempt", watch mode (a good edit reloads and keeps the
// attempt, a broken edit keeps the last good build), xAPI, and Ctrl-C. Takes the README's screenshot
// (docs/preview.png with UPDATE_SCREENSHOTS=1).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, type Browser } from "./helpers/browser.js";
import { REAL_CONTENT, REPO_ROOT, replaceOnce } from "./helpers/content-fixture.js";
import { loadCourse } from "../src/content/load-course.js";

const BIN = path.join(REPO_ROOT, "bin", "coursewright.js");
// The README's picture is retaken only when asked (as test/screenshots.test.ts): a test run leaves the checkout as it was.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS ? path.join(REPO_ROOT, "docs", "preview.png") : path.join(os.tmpdir(), `cw-preview-${process.pid}.png`);
const course = loadCourse(REAL_CONTENT);
const FIRST_PAGE = "introduction-about-this-session";
/** Three page turns from the start (sessions 1–3 have one page each). */
const FOURTH_PAGE = "what-is-peer-support-about-this-session";
const PEER_SUPPORT = "sessions/04-what-is-peer-support.md";

// ---- temporary folders and processes, all removed in afterAll ------------------------------------------

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-preview-test-"));
const childTmp = path.join(root, "tmp");
fs.mkdirSync(childTmp);
const children = new Set<ChildProcess>();
let folders = 0;

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of content/ and an empty state folder. */
function workspace(): { content: string; state: string } {
  const dir = path.join(root, `w${++folders}`);
  const content = path.join(dir, "content");
  fs.cpSync(REAL_CONTENT, content, { recursive: true });
  const state = path.join(dir, "state");
  return { content, state };
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

interface RunningPreview {
  readonly url: string;
  /** stdout and stderr so far. */
  output(): string;
  /** Sends `signal` (default SIGINT, i.e. Ctrl-C) and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Run>;
}

function cli(args: readonly string[]): { child: ChildProcess; output: () => string; ended: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TMPDIR: childTmp, TMP: childTmp, TEMP: childTmp, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (output += d));
  const ended = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, output });
    });
  });
  return { child, output: () => output, ended };
}

async function startPreview(...args: string[]): Promise<RunningPreview> {
  const run = cli(["preview", "--port", "0", ...args]);
  let ended: Run | undefined;
  void run.ended.then((r) => (ended = r));
  const url = await until(() => {
    if (ended) throw new Error(`preview ended (code ${ended.code}) before printing its URL:\n${ended.output}`);
    return /^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(run.output())?.[1];
  }, "the Preview: line", 60_000);
  return {
    url,
    output: run.output,
    async stop(signal: NodeJS.Signals = "SIGINT") {
      run.child.kill(signal);
      const timer = setTimeout(() => run.child.kill("SIGKILL"), 15_000);
      const result = await run.ended;
      clearTimeout(timer);
      return result;
    },
  };
}

// ---- browser helpers ---------------------------------------------------------------------------------


const panelLines = (page: Page, list: string): Promise<string[]> => page.locator(`${list} li`).allTextContents();

interface StoredAttempt {
  units: Record<string, string>;
  registration: string;
}

/** lesson_location saved in the attempt file on disk (the single SCO's unit). */
function savedLocation(attemptFile: string): string | undefined {
  if (!fs.existsSync(attemptFile)) return undefined;
  const data = JSON.parse(fs.readFileSync(attemptFile, "utf8")) as StoredAttempt;
  const [unit] = Object.values(data.units);
  return unit ? (JSON.parse(unit) as { cmi: { core: { lesson_location: string } } }).cmi.core.lesson_location : undefined;
}

/** What the browser reported that a preview session should not produce. */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter(
    (p) =>
      // An xAPI first launch asks for a state document (cmi5: and the learner's preferences) that does not exist yet.
      !/status of 404 \(Not Found\)/.test(p) &&
      !/^http 404: GET \S+\/(activities\/state|agents\/profile)\?/.test(p) &&
      // The player's reload event stream never ends on its own: leaving the page (New attempt reloads it) aborts it.
      !/^requestfailed: GET http:\/\/127\.0\.0\.1:\d+\/__cw\/events net::ERR_ABORTED$/.test(p),
  );
}

/**
 * Runs `action`, during which the content frame goes away (a rebuild's reload, New attempt, a closed tab): requests
 * the content still had open are aborted then, and its keepalive sends on the way out (which the browser
 * delivers anyway) are reported as aborted too. Any other problem fails.
 */
async function closingContent(problems: string[], action: () => Promise<void>): Promise<void> {
  const before = problems.length;
  await action();
  const during = problems.splice(before);
  expect(unexpected(during).filter((p) => !/^requestfailed: \S+ \S+ net::ERR_ABORTED$/.test(p))).toEqual([]);
}

beforeAll(async () => {
  // The first run may (re)compile lib/cli.cjs from src/ with esbuild.
  const run = cli(["preview", "--help"]);
  expect((await run.ended).code).toBe(0);
}, 120_000);

// ---- without a browser ---------------------------------------------------------------------------------

describe("coursewright preview: usage", () => {
  it("exits 2 on an unknown flag, a bad target or port, with a message", async () => {
    for (const args of [["--bogus"], ["--target", "scorm13"], ["--port", "http"], ["stray"]]) {
      const run = await cli(["preview", ...args]).ended;
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.output).toMatch(/^error: .+\nRun 'coursewright preview --help' for usage\./);
    }
    const help = await cli(["preview", "--help"]).ended;
    expect(help.code).toBe(0);
    expect(help.output).toContain("--state-dir <dir>");
  });

  it("exits 1 with file:line errors when the course does not build at start", async () => {
    const { content, state } = workspace();
    const yaml = path.join(content, "course.yaml");
    fs.writeFileSync(yaml, replaceOnce(fs.readFileSync(yaml, "utf8"), "title: Peer Support Training", 'title: "Peer Support Training'));
    const run = await cli(["preview", "--content", content, "--state-dir", state]).ended;
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/course\.yaml:5: invalid YAML/);
    expect(fs.readdirSync(state)).toEqual([]);
  });

  it("serves the player with the tracking panel on 127.0.0.1 and stops cleanly on Ctrl-C and SIGTERM", async () => {
    const { content, state } = workspace();
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const preview = await startPreview("--content", content, "--state-dir", state);
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(preview.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('aria-label="Tracking panel"');
      // The panel's controls (test/player-layout.test.ts drives them) and the page's own policy.
      expect(html).toMatch(/<button type="button" id="cw-panel-toggle" aria-controls="cw-panel" aria-expanded="true">/);
      expect(html).toMatch(/<div role="separator" id="cw-splitter" tabindex="0"[^>]* aria-valuenow="\d+"/);
      expect(html.match(/data-cw-device="(\w+)"/g)).toEqual(['data-cw-device="phone"', 'data-cw-device="tablet"', 'data-cw-device="desktop"']);
      expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self'; .*frame-ancestors 'none'$/);
      expect(html).not.toMatch(/<style|style=/);
      const css = await fetch(new URL("__cw/player.css", preview.url));
      expect([css.status, css.headers.get("content-type")]).toEqual([200, "text/css; charset=utf-8"]);
      expect((await fetch(new URL("package/imsmanifest.xml", preview.url))).status).toBe(200);
      expect(fs.readdirSync(state).some((f) => f.startsWith("run-"))).toBe(true);
      const run = await preview.stop(signal);
      expect(run, run.output).toMatchObject({ code: 0, signal: null });
      expect(fs.readdirSync(state).filter((f) => f.startsWith("run-"))).toEqual([]); // builds removed
    }
  });

  it("says where the attempt is kept: its file, or for a plain web course the browser's storage", async () => {
    const { content, state } = workspace();
    for (const [target, where] of [["scorm12", `the attempt is kept in ${path.relative(REPO_ROOT, path.join(state, "attempt-scorm12.json"))}.`], ["web", "the attempt is kept in this browser's localStorage"]] as const) {
      const preview = await startPreview("--target", target, "--content", content, "--state-dir", state);
      const run = await preview.stop();
      expect(run.output).toContain(where);
      expect(run.output).not.toContain("attempt-web.json");
    }
  });
});

// ---- in Chromium -----------------------------------------------------------------------------------------

describe.skipIf(!chromiumAvailable)("coursewright preview in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    return page;
  };

  it("SCORM: the panel shows the calls and the CMI; the attempt survives a restart; New attempt starts over", async () => {
    browser.problems.length = 0;
    const { content, state } = workspace();
    const attemptFile = path.join(state, "attempt-scorm12.json");
    let preview = await startPreview("--content", content, "--state-dir", state);
    let page = await newPage();
    await page.goto(preview.url);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(FIRST_PAGE);

    // The panel: every call, newest first (LMSInitialize is the oldest), the CMI and the suspend_data size.
    let calls = await until(async () => {
      const lines = await panelLines(page, "#cw-calls");
      return lines.some((l) => l.startsWith("LMSCommit(")) && lines;
    }, "LMSCommit in the panel");
    expect(calls.at(-1)).toMatch(/^LMSInitialize\(""\) → "true"$/);
    expect(calls.some((l) => l.startsWith('LMSSetValue("cmi.core.lesson_location", "introduction/about-this-session")'))).toBe(true);
    expect(calls.findIndex((l) => l.startsWith("LMSCommit("))).toBeLessThan(calls.length - 1);
    expect(await page.textContent("#cw-call-count")).toBe(String(calls.length));
    expect(await page.textContent("#cw-cmi")).toContain('"lesson_status": "incomplete"');
    expect(await page.textContent("#cw-suspend-size")).toMatch(/^\d+ \/ 4096 characters$/);

    for (let i = 0; i < 3; i++) await learner.next();
    expect(await learner.here()).toBe(FOURTH_PAGE);
    calls = await panelLines(page, "#cw-calls");
    expect(calls[0]).toMatch(/^LMSCommit\(""\) → "true"$/); // the page turn's commit is the newest call
    expect(await page.textContent("#cw-cmi")).toContain('"lesson_location": "what-is-peer-support/about-this-session"');
    await until(() => savedLocation(attemptFile) === "what-is-peer-support/about-this-session", "the attempt saved on disk");
    const progress = await frame.textContent("[data-cw=progress-text]");

    // The README's screenshot: a content page beside the panel full of calls.
    await page.locator("#cw-calls li").first().waitFor();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    if (!process.env.UPDATE_SCREENSHOTS) fs.rmSync(SCREENSHOT, { force: true });

    // Close the tab, stop preview (Ctrl-C), start it again: the learner resumes where they were.
    await closingContent(browser.problems, () => page.close());
    let run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    preview = await startPreview("--content", content, "--state-dir", state);
    page = await newPage();
    await page.goto(preview.url);
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(FOURTH_PAGE);
    expect(await frame.textContent("[data-cw=progress-text]")).toBe(progress);
    expect(await page.textContent("#cw-cmi")).toContain('"entry": "resume"');

    // New attempt: everything is forgotten, the course starts at its first page.
    await closingContent(browser.problems, async () => {
      await Promise.all([page.waitForEvent("load"), page.click("[data-cw-player=new-attempt]")]);
      frame = await contentFrame(page);
    });
    learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(FIRST_PAGE);
    expect(await frame.textContent("[data-cw=progress-text]")).not.toBe(progress);
    await until(() => savedLocation(attemptFile) === "introduction/about-this-session", "the new attempt saved on disk");
    await closingContent(browser.problems, () => page.close());
    run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    expect(unexpected(browser.problems)).toEqual([]);
  }, 120_000);

  it("watch: an edit reloads the page and keeps the attempt; a broken edit keeps the last good build", async () => {
    browser.problems.length = 0;
    const { content, state } = workspace();
    const preview = await startPreview("--content", content, "--state-dir", state);
    const page = await newPage();
    await page.goto(preview.url);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    for (let i = 0; i < 3; i++) await learner.next();
    expect(await learner.here()).toBe(FOURTH_PAGE);
    const progress = await frame.textContent("[data-cw=progress-text]");
    const status = await frame.locator("[data-session-status]").allTextContents();
    const rebuilds = (): number => preview.output().split("\nrebuilt in ").length - 1;

    // A good edit: the frame relaunches on the new build, on the same page, with the same progress.
    // The relaunch opens on the cover, as every launch does: contentFrame resumes from there.
    const md = path.join(content, PEER_SUPPORT);
    const before = await page.$("#cw-content");
    await closingContent(browser.problems, async () => {
      fs.writeFileSync(md, replaceOnce(fs.readFileSync(md, "utf8"), "\nNow that we have been introduced", "\nEdited while previewing: now that we have been introduced"));
      await page.waitForFunction((old) => document.getElementById("cw-content") !== old, before, { timeout: 15_000 });
      frame = await contentFrame(page);
    });
    learner = new BrowserLearner(frame, course);
    await frame.locator(`#page-${FOURTH_PAGE}`).getByText("Edited while previewing").waitFor();
    expect(await learner.here()).toBe(FOURTH_PAGE);
    expect(await frame.textContent("[data-cw=progress-text]")).toBe(progress);
    expect(await frame.locator("[data-session-status]").allTextContents()).toEqual(status);
    await until(() => rebuilds() === 1, "the rebuilt line");

    // A broken edit: file:line errors in the output; the page keeps working on the last good build.
    const yaml = path.join(content, "course.yaml");
    const good = fs.readFileSync(yaml, "utf8");
    fs.writeFileSync(yaml, replaceOnce(good, "title: Peer Support Training", 'title: "Peer Support Training'));
    const line = good.split("\n").findIndex((l) => l.startsWith("title: ")) + 1;
    await until(() => preview.output().includes("still serving the last good build"), "the content error", 15_000);
    expect(preview.output()).toContain(`course.yaml:${line}: invalid YAML: missing closing "`);
    expect(rebuilds()).toBe(1);
    expect(await learner.here()).toBe(FOURTH_PAGE);
    await learner.next();
    expect(await learner.here()).not.toBe(FOURTH_PAGE);
    expect(await frame.locator(`#page-${FOURTH_PAGE}`).textContent()).toContain("Edited while previewing");
    expect((await fetch(new URL("package/index.html", preview.url))).status).toBe(200);

    // Fixed again: the next build is served, and the page reloads on the page the learner turned to.
    const here = await learner.here();
    const oldFrame = await page.$("#cw-content");
    await closingContent(browser.problems, async () => {
      fs.writeFileSync(yaml, good);
      await until(() => rebuilds() === 2, "the rebuild after the fix", 15_000);
      await page.waitForFunction((old) => document.getElementById("cw-content") !== old, oldFrame);
      frame = await contentFrame(page);
    });
    expect(await new BrowserLearner(frame, course).here()).toBe(here);
    await closingContent(browser.problems, () => page.close());
    const run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    expect(unexpected(browser.problems)).toEqual([]);
  }, 120_000);

  it("xAPI: the panel shows the statements and the state document; the registration survives a restart", async () => {
    browser.problems.length = 0;
    const { content, state } = workspace();
    let preview = await startPreview("--target", "xapi", "--content", content, "--state-dir", state);
    let page = await newPage();
    await page.goto(preview.url);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    await learner.next();
    const where = await learner.here();
    const statements = await until(async () => {
      const lines = await panelLines(page, "#cw-statements");
      return lines.some((l) => l.startsWith("experienced ") && l.includes("/session/what-is-recovery/")) && lines;
    }, "statements in the panel");
    expect(statements.at(-1)).toBe(`initialized ${course.id}`); // newest first: the launch is the oldest
    const turned = statements.findIndex((l) => l.startsWith("experienced ") && l.includes("/session/what-is-recovery/"));
    expect(turned).toBeLessThan(statements.findIndex((l) => l.startsWith("experienced ") && l.includes("/session/introduction/")));
    expect(await page.textContent("#cw-call-count")).toBe(String(statements.length));
    const stateDoc = await until(async () => {
      const text = (await page.textContent("#cw-cmi")) ?? "";
      return text.includes("what-is-recovery") && text;
    }, "the state document in the panel");
    expect(() => JSON.parse(stateDoc) as unknown).not.toThrow();
    expect(await page.textContent("#cw-suspend-size")).toMatch(/^\d+ characters in the State API$/);
    await closingContent(browser.problems, () => page.close());
    let run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    expect(fs.readdirSync(state)).toEqual(expect.arrayContaining(["attempt-tincan.json", "lrs.sqlite"]));

    // Restarted: same registration (attempt file) and LRS database, so the course resumes.
    preview = await startPreview("--target", "xapi", "--content", content, "--state-dir", state);
    page = await newPage();
    await page.goto(preview.url);
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(where);
    await until(async () => (await panelLines(page, "#cw-statements")).some((l) => l === `resumed ${course.id}`), "resumed in the panel");

    // New attempt: a new registration, the first page, a panel with only the new launch's statements.
    await closingContent(browser.problems, async () => {
      await Promise.all([page.waitForEvent("load"), page.click("[data-cw-player=new-attempt]")]);
      frame = await contentFrame(page);
    });
    learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(FIRST_PAGE);
    const fresh = await until(async () => {
      const lines = await panelLines(page, "#cw-statements");
      return lines.length > 0 && lines;
    }, "the new attempt's statements");
    expect(fresh.at(-1)).toBe(`initialized ${course.id}`);
    expect(fresh.some((l) => l.startsWith("resumed "))).toBe(false);
    await closingContent(browser.problems, () => page.close());
    run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    expect(fs.readdirSync(state).filter((f) => f.startsWith("run-"))).toEqual([]);
    expect(unexpected(browser.problems)).toEqual([]);
  }, 120_000);

  it("cmi5: the development LMS launches the AU (launched, then the AU's initialized), the panel marks cmi5 defined statements and checks the cmi5 rules", async () => {
    browser.problems.length = 0;
    const { content, state } = workspace();
    const preview = await startPreview("--target", "cmi5", "--content", content, "--state-dir", state);
    const page = await newPage();
    await page.goto(preview.url);
    const frame = await contentFrame(page);
    await new BrowserLearner(frame, course).next();
    const statements = await until(async () => {
      const lines = await panelLines(page, "#cw-statements");
      return lines.some((l) => l.startsWith("experienced ")) && lines;
    }, "statements in the panel");
    // Newest first: the LMS's launched, then the AU's initialized (cmi5 §9.3.1, §9.3.2).
    expect(statements.at(-1)).toMatch(/^launched \(cmi5 defined\) /);
    expect(statements.at(-2)).toMatch(/^initialized \(cmi5 defined\) /);
    expect(statements.find((l) => l.startsWith("experienced "))).not.toMatch(/cmi5 defined/);
    const rules = await until(async () => {
      const text = (await page.textContent("#cw-cmi")) ?? "";
      return /cmi5 rules: kept; moveOn Passed: not yet met/.test(text) && text;
    }, "the cmi5 check in the panel");
    expect(rules).toMatch(/session [0-9a-f]{8} \(Normal\): initialized\* → experienced/);
    await closingContent(browser.problems, () => page.close());
    const run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });
    expect(fs.readdirSync(state)).toEqual(expect.arrayContaining(["attempt-cmi5.json", "lrs.sqlite"]));
    expect(unexpected(browser.problems)).toEqual([]);
  }, 120_000);

  it("SCORM 2004: --target scorm2004 plays it with the 2004 calls and CMI in the panel; the attempt survives a restart", async () => {
    browser.problems.length = 0;
    const { content, state } = workspace();
    let preview = await startPreview("--target", "scorm2004", "--content", content, "--state-dir", state);
    let page = await newPage();
    await page.goto(preview.url);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    expect(await page.textContent("header h1")).toContain("SCORM 2004 4th Edition");
    const calls = await until(async () => {
      const lines = await panelLines(page, "#cw-calls");
      return lines.some((l) => l.startsWith("Commit(")) && lines;
    }, "Commit in the panel");
    expect(calls.at(-1)).toMatch(/^Initialize\(""\) → "true"$/);
    expect(calls.some((l) => l.startsWith('SetValue("cmi.location", "introduction/about-this-session")'))).toBe(true);
    expect(await page.textContent("#cw-cmi")).toContain('"completion_status": "incomplete"');
    expect(await page.textContent("#cw-suspend-size")).toMatch(/^\d+ \/ 64000 characters$/);
    for (let i = 0; i < 3; i++) await learner.next();
    expect(await learner.here()).toBe(FOURTH_PAGE);
    const attemptFile = path.join(state, "attempt-scorm2004.json");
    await until(() => fs.existsSync(attemptFile) && fs.readFileSync(attemptFile, "utf8").includes("what-is-peer-support/about-this-session"), "the attempt saved on disk");
    await closingContent(browser.problems, () => page.close());
    const run = await preview.stop();
    expect(run, run.output).toMatchObject({ code: 0, signal: null });

    preview = await startPreview("--target", "scorm2004", "--content", content, "--state-dir", state);
    page = await newPage();
    await page.goto(preview.url);
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(FOURTH_PAGE);
    expect(await page.textContent("#cw-cmi")).toContain('"entry": "resume"');
    await closingContent(browser.problems, () => page.close());
    expect(await preview.stop()).toMatchObject({ code: 0, signal: null });
    expect(unexpected(browser.problems)).toEqual([]);
  }, 120_000);
});
