// The plain web target (issue 13, part 2): `build --target web` writes the zip and the same files unpacked
// beside it, and leaves the output folder as it was when the build fails; the unpacked course runs from
// file:// in Chromium under its own Content-Security-Policy with no LMS and no request but file: ones,
// keeps the learner's place and answers in localStorage (Start over clears them), still runs with storage
// blocked, has no axe violations; verify recognises the package and passes it, and its rules catch a
// runtime that reaches for an LMS.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { BuildInputError, ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { readZip } from "../src/package/read-zip.js";
import { writeZip } from "../src/package/zip.js";
import { detectPackage } from "../src/standards/detect.js";
import { STANDARDS } from "../src/standards/registry.js";
import { WEB_MESSAGES } from "../src/standards/web/messages.js";
import { storageKey } from "../src/standards/web/storage-key.js";
import { pageViolations } from "../src/standards/web/verify/page-rules.js";
import { AxeLog } from "./helpers/a11y-axe.js";
import { BrowserLearner, chromiumAvailable, openBrowser, type Browser } from "./helpers/browser.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { contentFixture, REAL_CONTENT, replaceOnce, ScratchFolder, tempDir } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";

const SLUG = "peer-support-training";
const ZIP = `${SLUG}-web.zip`;
const FOLDER = `${SLUG}-web`;

/** Every file under `dir`, as package paths, with its bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out.set(rel.split(path.sep).join("/"), fs.readFileSync(file));
  }
  return out;
}

/** What a folder holds, names and bytes, to compare before and after. */
const snapshot = (dir: string): Record<string, string> => Object.fromEntries([...filesOf(dir)].map(([k, v]) => [k, v.toString("base64")]));

describe("build --target web", () => {
  it("writes the zip and, beside it, the same files unpacked; a rebuild replaces the folder whole", async () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, FOLDER, "stale"), { recursive: true });
    fs.writeFileSync(path.join(out, FOLDER, "stale", "old.txt"), "from an earlier build");
    const [report] = await build({ contentDir: REAL_CONTENT, outDir: out, targets: ["web"] });
    expect(report).toMatchObject({ target: "web", file: ZIP, folder: { name: FOLDER } });
    expect(fs.readdirSync(out).sort()).toEqual([FOLDER, ZIP]);
    const zipped = readZip(path.join(out, ZIP));
    const unpacked = filesOf(path.join(out, FOLDER));
    expect([...unpacked.keys()].sort()).toEqual([...zipped.keys()].sort());
    for (const [name, data] of zipped) expect(unpacked.get(name)?.equals(data), name).toBe(true);
    expect(report?.entries).toBe(zipped.size);
    expect(report?.folder?.bytes).toBe([...unpacked.values()].reduce((n, b) => n + b.length, 0));
    // No control file: the index page is the package; it loads the runtime and the stylesheet.
    expect(zipped.has("index.html") && zipped.has("assets/coursewright.js") && zipped.has("assets/course.css")).toBe(true);
    expect([...zipped.keys()].filter((n) => n.endsWith(".xml"))).toEqual([]);
    const html = zipped.get("index.html")?.toString("utf8") ?? "";
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'none'/);
  });

  it("a failed build leaves the output folder exactly as it was: a content error, or a target that cannot be written", async () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, FOLDER, "assets"), { recursive: true });
    fs.writeFileSync(path.join(out, FOLDER, "index.html"), "<p>the previous build</p>");
    fs.writeFileSync(path.join(out, FOLDER, "assets", "coursewright.js"), "// previous");
    fs.writeFileSync(path.join(out, ZIP), "previous zip");
    // The TinCan zip's place is taken by a folder: found only after every target was built.
    fs.mkdirSync(path.join(out, `${SLUG}-tincan.zip`));
    const before = snapshot(out);
    const listing = fs.readdirSync(out, { recursive: true, encoding: "utf8" }).sort();

    await expect(build({ contentDir: REAL_CONTENT, outDir: out, targets: ["web", "tincan"] })).rejects.toThrow(BuildInputError);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(out, { recursive: true, encoding: "utf8" }).sort()).toEqual(listing);

    const broken = contentFixture();
    broken.mutate("course.yaml", (t) => replaceOnce(t, "masteryScore: 80", "masteryScore: 150"));
    fs.rmdirSync(path.join(out, `${SLUG}-tincan.zip`));
    await expect(build({ contentDir: broken.dir, outDir: out, targets: ["web"] })).rejects.toThrow(ContentError);
    expect(snapshot(out)).toEqual(before);
  });

  it("the folder's place taken by a file stops the build before anything is written", async () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, FOLDER), "a file, not a folder");
    await expect(build({ contentDir: REAL_CONTENT, outDir: out, targets: ["web"] })).rejects.toThrow(/is a file, so the unpacked package cannot be written there/);
    expect(fs.readdirSync(out)).toEqual([FOLDER]);
  });
});

describe("verify reads plain web packages", () => {
  let scratch: ScratchFolder;
  let zip = "";
  beforeAll(async () => {
    scratch = new ScratchFolder("cw-web-verify-");
    const out = scratch.dir("dist");
    await build({ contentDir: REAL_CONTENT, outDir: out, targets: ["web", "scorm12"] });
    zip = path.join(out, ZIP);
  }, 120_000);
  afterAll(() => scratch.remove());

  it("is claimed by the plain web reader alone, with or without the index page's text", () => {
    const entries = readZip(zip);
    const names = [...entries.keys()];
    const text = (n: string): string | undefined => entries.get(n)?.toString("utf8");
    for (const read of [text, () => undefined]) {
      const detected = detectPackage(names, read);
      expect("standard" in detected && detected.standard.id).toBe("web");
      const claims = STANDARDS.filter((s) => {
        const found = s.reader?.recognise(names, read);
        return found !== undefined && !("other" in found);
      });
      expect(claims.map((s) => s.id)).toEqual(["web"]);
    }
    // Another tool's static site is not ours to judge, and a SCORM package keeps its own reader.
    expect("unknown" in detectPackage(["index.html", "assets/app.js"], () => "<p>a site</p>")).toBe(true);
    const scorm = readZip(path.join(path.dirname(zip), `${SLUG}-scorm12.zip`));
    const scormDetected = detectPackage([...scorm.keys()], (n) => scorm.get(n)?.toString("utf8"));
    expect("standard" in scormDetected && scormDetected.standard.id).toBe("scorm12");
  });

  it("its static rules pass our package and catch a page that loads a missing file, may reach the network, or runs an LMS runtime", () => {
    const entries = readZip(zip);
    const html = entries.get("index.html")?.toString("utf8") ?? "";
    const files = new Set(entries.keys());
    const read = (n: string): Buffer | undefined => entries.get(n);
    expect(pageViolations(html, files, read)).toEqual([]);
    const rules = (page: string, r = read): string[] => pageViolations(page, files, r).map((f) => `${f.rule}: ${f.message}`);
    expect(rules(html.replace('src="assets/coursewright.js"', 'src="assets/gone.js"'))).toEqual([
      "9.1: index.html loads assets/gone.js, which the package does not have",
      "9.1: index.html loads no runtime script from the package",
    ]);
    expect(rules(html.replace("connect-src 'none'", "connect-src 'self'"))[0]).toMatch(/^9\.2: .*connect-src 'self'/);
    // The SCORM 1.2 runtime in the page's place: it looks for the LMS's API object.
    const scorm = readZip(path.join(path.dirname(zip), `${SLUG}-scorm12.zip`));
    const withScormRuntime = (n: string): Buffer | undefined => (n === "assets/coursewright.js" ? scorm.get(n) : read(n));
    expect(rules(html, withScormRuntime)).toEqual(["9.3: assets/coursewright.js names API: a plain web package's runtime makes no tracking or network call"]);
    const fetching = (n: string): Buffer | undefined => (n === "assets/coursewright.js" ? Buffer.from('navigator.sendBeacon("/x");fetch("/y")') : read(n));
    expect(rules(html, fetching)).toEqual(["9.3: assets/coursewright.js names sendBeacon, fetch: a plain web package's runtime makes no tracking or network call"]);
  });

  it.skipIf(!chromiumAvailable)(
    "coursewright verify passes the zip: the whole journey, no LMS API called, the progress kept in the browser",
    async () => {
      const run = await runCli(["verify", zip], { timeoutMs: 180_000 });
      expect(run.stdout).toContain("Plain web");
      expect(run.stdout).toMatch(/index page, its policy and its runtime \(9\.1–9\.3\): ok/);
      expect(run.stdout).toMatch(/kept in localStorage: 1 entry \(\d+ characters\), resuming at assessment\/assessment/);
      expect(run.stdout).toContain("LMS API calls: 0");
      expect(run.stdout).toContain("Violations: none");
      expect(run.code, run.stdout + run.stderr).toBe(0);
    },
    200_000,
  );

  it.skipIf(!chromiumAvailable)(
    "a SCORM runtime in a plain web package fails verify: it names the API (9.3), calls the player's trap (9.4) and keeps nothing (9.5)",
    async () => {
      const entries = readZip(zip);
      const scorm = readZip(path.join(path.dirname(zip), `${SLUG}-scorm12.zip`));
      const tampered = path.join(scratch.dir("tampered"), ZIP);
      await writeZip([...entries].map(([name, data]) => ({ path: name, data: name === "assets/coursewright.js" ? (scorm.get(name) ?? data) : data })), tampered);
      const run = await runCli(["verify", "--json", tampered], { timeoutMs: 180_000 });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const [report] = (JSON.parse(run.stdout) as { packages: { standard: string; findings: { rule: string; message: string }[] }[] }).packages;
      expect(report?.standard).toBe("web");
      expect([...new Set(report?.findings.map((f) => f.rule))].sort()).toEqual(["9.3", "9.4", "9.5"]);
      expect(report?.findings.find((f) => f.rule === "9.4")?.message).toMatch(/called an LMS API \d+ time\(s\) \(API\.LMSInitialize/);
    },
    200_000,
  );
});

describe.skipIf(!chromiumAvailable)("the unpacked course from file:// in Chromium", () => {
  let scratch: ScratchFolder;
  let browser: Browser;
  let course: Course;
  let contentDir = "";
  let out = "";
  let url = "";
  beforeAll(async () => {
    scratch = new ScratchFolder("cw-web-file-");
    contentDir = scratch.copyContent("course");
    out = scratch.dir("dist");
    await build({ contentDir, outDir: out, targets: ["web"] });
    url = pathToFileURL(path.join(out, FOLDER, "index.html")).href;
    course = loadCourse(contentDir);
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    scratch?.remove();
  });

  /** A first visit in a fresh tab (nothing kept from an earlier test), recording every request it makes. */
  async function open(options: { blockStorage?: boolean } = {}): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage();
    // Cleared from another file of the package (the same file: storage), not the course, which would write
    // its progress back as it goes.
    await page.goto(new URL("assets/course.css", url).href);
    await page.evaluate(() => localStorage.clear());
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    if (options.blockStorage) {
      // As where site data is blocked: reading `localStorage` throws a SecurityError (HTML §12.2.3).
      await page.addInitScript(() => {
        Object.defineProperty(window, "localStorage", {
          configurable: true,
          get() {
            throw new DOMException("Access is denied for this document.", "SecurityError");
          },
        });
      });
    }
    await page.goto(url);
    await enterCourseIn(page, true);
    return { page, requests };
  }

  const banner = (page: Page): Promise<string> => page.locator("[data-cw=banner-text]").innerText();
  const stored = (page: Page): Promise<string | null> => page.evaluate((key) => localStorage.getItem(key), storageKey(course.id));
  /** Opens the first knowledge check, answers its first question (rightly or not) and checks it. */
  async function checkFirstQuestion(learner: BrowserLearner, correct: boolean): Promise<{ sessionId: string; quizId: string }> {
    const session = course.sessions.find((s) => s.check);
    const question = session?.check?.questions[0];
    if (!session?.check || !question) throw new Error("the course has no knowledge check");
    const quizId = session.check.id;
    await learner.open(session.id, "check");
    await learner.answer(quizId, 0, question, correct);
    await learner.check(quizId, 0);
    return { sessionId: session.id, quizId };
  }

  it("runs under its policy, resumes where the learner was with the answer kept, and Start over clears it", async () => {
    const problems = browser.problems.length;
    const { page, requests } = await open();
    // The runtime ran (the cover's progress text), its stylesheet applies, the images load: 'self' holds under file://.
    expect(await page.locator("[data-cw=start]").isVisible()).toBe(true);
    expect(await page.locator("[data-cw=banner]").isVisible()).toBe(true);
    expect(await banner(page)).toBe(WEB_MESSAGES["webKept"]);
    expect(await page.locator("[data-cw=banner-action]").innerText()).toBe(WEB_MESSAGES["webStartOver"]);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".cw-banner") as Element).borderBottomStyle)).toBe("solid");

    await page.click("[data-cw=start]");
    const learner = new BrowserLearner(page, course);
    // The course's image (loaded lazily: on its page).
    const imagePage = await page.evaluate(() => document.images[0]?.closest("[data-page]")?.id ?? "");
    expect(imagePage).not.toBe("");
    await page.click(`a[href="#${imagePage}"]`);
    await page.waitForFunction(() => [...document.images].some((img) => img.complete && img.naturalWidth > 0), undefined, { timeout: 5000 });
    await page.click(`a[href="#page-${course.sessions[0]?.id}-${course.sessions[0]?.pages[0]?.id}"]`);
    await learner.next();
    await learner.next();
    const { sessionId, quizId } = await checkFirstQuestion(learner, true);
    expect(await learner.done(quizId, 0)).toBe(true);
    expect(await stored(page)).toMatch(new RegExp(`"location":"${sessionId}/check"`));

    await page.reload();
    await enterCourseIn(page, true);
    expect(await page.locator("[data-cw=resume]").isVisible()).toBe(true);
    await page.click("[data-cw=resume]");
    expect(await learner.here()).toBe(`${sessionId}-check`);
    expect(await learner.done(quizId, 0)).toBe(true);
    expect(await page.locator(`[data-quiz="${quizId}"][data-question="0"] [data-mark]`).first().isVisible()).toBe(true);

    // Start over asks first: dismissed, nothing changes.
    const asked: string[] = [];
    page.once("dialog", (d) => {
      asked.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.click("[data-cw=banner-action]");
    expect(asked).toEqual([`confirm: ${WEB_MESSAGES["webStartOverConfirm"]}`]);
    expect(await stored(page)).not.toBeNull();
    // Accepted: the stored progress is gone and the course opens at its cover, as on a first visit.
    page.once("dialog", (d) => void d.accept());
    await Promise.all([page.waitForEvent("load"), page.click("[data-cw=banner-action]")]);
    await enterCourseIn(page, true);
    expect(await page.locator("[data-cw=start]").isVisible()).toBe(true);
    expect(await page.locator("[data-cw=resume]").isVisible()).toBe(false);
    expect(await page.locator("#cw-cover").isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe("");
    expect(await stored(page)).toBeNull(); // its pagehide on the way out wrote nothing back
    await page.click("[data-cw=start]");
    expect(await learner.done(quizId, 0)).toBe(false);

    // No LMS, no network: every request was for a file of the package.
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((r) => !r.startsWith(pathToFileURL(path.join(out, FOLDER)).href + "/"))).toEqual([]);
    expect(browser.problems.slice(problems)).toEqual([]);
    await page.close();
  }, 90_000);

  it("a rebuilt course resumes at the learner's place (the entry is named by the course id, not its structure)", async () => {
    const { page } = await open();
    await page.click("[data-cw=start]");
    const learner = new BrowserLearner(page, course);
    const last = course.sessions.at(-1);
    const lastPage = last?.pages.at(-1);
    if (!last || !lastPage) throw new Error("no last page");
    await learner.open(last.id, lastPage.id);
    expect(await stored(page)).toMatch(new RegExp(`"location":"${last.id}/${lastPage.id}"`));
    const fingerprint = (): Promise<string> => page.evaluate(() => (JSON.parse(document.getElementById("cw-data")?.textContent ?? "{}") as { fingerprint: string }).fingerprint);
    const was = await fingerprint();
    // A page more in the first session: a new structure (fingerprint), so the old answers cannot be read back.
    const first = fs.readdirSync(path.join(contentDir, "sessions")).sort()[0] ?? "";
    fs.appendFileSync(path.join(contentDir, "sessions", first), "\n\n# An added page\n\nA page the earlier build did not have.\n");
    try {
      await build({ contentDir, outDir: out, targets: ["web"] });
      await page.reload();
      await enterCourseIn(page, true);
      expect(await fingerprint()).not.toBe(was);
      await page.click("[data-cw=resume]");
      expect(await learner.here()).toBe(`${last.id}-${lastPage.id}`);
    } finally {
      fs.writeFileSync(path.join(contentDir, "sessions", first), fs.readFileSync(path.join(REAL_CONTENT, "sessions", first)));
      await build({ contentDir, outDir: out, targets: ["web"] });
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  }, 90_000);

  it("with storage blocked the course still runs, says that nothing is kept, and offers no Start over", async () => {
    const problems = browser.problems.length;
    const { page, requests } = await open({ blockStorage: true });
    expect(await banner(page)).toBe(WEB_MESSAGES["webNotKept"]);
    expect(await page.locator("[data-cw=banner-action]").count()).toBe(0);
    await page.click("[data-cw=start]");
    const learner = new BrowserLearner(page, course);
    await learner.next();
    const { quizId } = await checkFirstQuestion(learner, true);
    expect(await learner.done(quizId, 0)).toBe(true);
    await page.reload();
    await enterCourseIn(page, true);
    expect(await page.locator("[data-cw=resume]").isVisible()).toBe(false);
    expect(requests.every((r) => r.startsWith("file:"))).toBe(true);
    expect(browser.problems.slice(problems)).toEqual([]);
    await page.close();
  }, 90_000);

  it("axe: no violations on the cover, a page and a checked question, with either notice", async () => {
    const log = new AxeLog();
    const { page } = await open();
    await log.check(page, "cover, progress kept");
    await page.click("[data-cw=start]");
    await log.check(page, "first page, progress kept");
    const learner = new BrowserLearner(page, course);
    await checkFirstQuestion(learner, false);
    await log.check(page, "knowledge check, answer checked wrong");
    await page.evaluate(() => localStorage.clear());
    await page.close();
    const blocked = await open({ blockStorage: true });
    await log.check(blocked.page, "cover, storage blocked");
    await blocked.page.close();
    expect(log.states).toHaveLength(4);
    expect(log.report()).toBe("");
  }, 120_000);
});
