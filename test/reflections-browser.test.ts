// Reflections in real Chromium (issue #12 §1), in the real course (its 'About this session' pages of sessions
// 3, 6, 8 and 11), inside the LMS-like player: the learner reaches the field by keyboard, types, and leaves
// it; only then is it recorded — SCORM 1.2 a fill-in cut to 255 characters (scorm-again Scorm12API, every
// call checked by the 1.2 rules), SCORM 2004 a long-fill-in (Scorm2004API), TinCan an 'answered' statement
// with result.response in the development LRS. A reload brings the text back; an emptied field records
// nothing. The completion page lists what was written: Print prints the list alone, Download gives the text.
// axe finds nothing in any of these states; the page reflows at 320 px.
import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { decodeState } from "../src/runtime/core/state-codec.js";
import type { RecordedCall } from "../src/standards/common/scorm/call-recorder.js";
import { Scorm12CallLog } from "../src/standards/scorm12/verify/call-rules.js";
import { checkScorm2004Calls } from "../src/standards/scorm2004/verify/call-rules.js";
import { AxeLog, formatFindings } from "./helpers/a11y-axe.js";
import { horizontalOverflow } from "./helpers/a11y-course.js";
import { BrowserLearner, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { playedCourse, type PlayedCourse } from "./helpers/played-course.js";
import { replaceOnce } from "./helpers/content-fixture.js";
import { until } from "./helpers/wait.js";

const SESSION = "personal-recovery";
const PAGE = "about-this-session";
const ID = "my-recovery-story";
const FIELD = `[data-reflection="${ID}"] textarea`;

interface Interaction {
  id: string;
  type: string;
  result: string;
  student_response?: string;
  learner_response?: string;
}
interface Cmi {
  cmi: { suspend_data: string; interactions: Record<string, Interaction | unknown> };
}
const lmsCmi = async (page: Page): Promise<Cmi> => (await page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi())) as Cmi;
const reflectionsRecorded = async (page: Page): Promise<Interaction[]> =>
  Object.values((await lmsCmi(page)).cmi.interactions).filter((x): x is Interaction => typeof x === "object" && x !== null && String((x as Interaction).id).startsWith("reflection-"));
const lmsCalls = (page: Page): Promise<RecordedCall[]> => page.evaluate(() => (window as unknown as { __cw: { calls: RecordedCall[] } }).__cw.calls.map((c) => ({ fn: c.fn, args: c.args, result: c.result, error: c.error })));

/** The player, the course entered, the reflection's page open. */
async function openReflection(played: PlayedCourse, page?: Page): Promise<{ page: Page; frame: Frame; learner: BrowserLearner }> {
  const tab = page ?? (await played.browser.newPage());
  if (!page) await tab.goto(played.playerUrl);
  const frame = await contentFrame(tab);
  await enterCourseIn(frame);
  const learner = new BrowserLearner(frame, played.course);
  await learner.open(SESSION, PAGE);
  return { page: tab, frame, learner };
}

/** From the page's heading (where opening it puts focus), Tab until the reflection's field has focus. */
async function tabToField(page: Page, frame: Frame): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (await frame.evaluate((sel) => document.activeElement === document.querySelector(sel), FIELD)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the reflection's field is not reached by Tab from its page's heading");
}

const countText = (frame: Frame): Promise<string> => frame.locator(`[data-reflection="${ID}"] [data-cw=count]`).innerText();
const savedText = (frame: Frame): Promise<string> => frame.locator(`[data-reflection="${ID}"] [data-cw=saved]`).innerText();

describe.skipIf(!chromiumAvailable)("reflections in Chromium, SCORM 1.2 (scorm-again in the player)", () => {
  // With a certificate, whose own print rule prints only it (Print reflections must still print the list alone).
  const played = playedCourse({ courseYaml: "certificate: true", player: true, files: true });
  const first = "Recovery, for me, began with being listened to. ".repeat(6).trim(); // 293 characters
  const more = " And with hope.";

  it("typed and left: recorded once as a fill-in of 255 characters; edited: again; emptied: not; reload: back", async () => {
    const log = new AxeLog();
    played.browser.problems.length = 0;
    const { page, frame } = await openReflection(played);
    await log.check(page, "a reflection's page, empty");
    expect(await countText(frame)).toBe("0 of 1000 characters");
    await tabToField(page, frame);
    await page.keyboard.type(first);
    expect(await countText(frame)).toBe(`${first.length} of 1000 characters`);
    // Typing records nothing: not a keystroke reaches the LMS.
    expect(await reflectionsRecorded(page)).toEqual([]);
    await page.keyboard.press("Tab"); // leaves the field
    expect(await savedText(frame)).toBe("Saved");
    let recorded = await reflectionsRecorded(page);
    expect(recorded).toEqual([expect.objectContaining({ id: `reflection-${ID}`, type: "fill-in", student_response: first.slice(0, 255), result: "neutral" })]);
    await log.check(page, "a reflection written and saved");

    // Editing again and leaving records again (the whole text kept for resume; the record cut to 255).
    await frame.focus(FIELD);
    await page.keyboard.press("End");
    await page.keyboard.type(more);
    expect(await savedText(frame)).toBe("");
    await page.keyboard.press("Shift+Tab");
    recorded = await reflectionsRecorded(page);
    expect(recorded).toHaveLength(2);
    const data = runtimeCourse(played.course, planUnits(played.course, false)[0]!);
    expect(decodeState(data, (await lmsCmi(page)).cmi.suspend_data)?.reflections[ID]).toBe(first + more);

    // Another reflection emptied before it is left records nothing, and keeps none.
    await new BrowserLearner(frame, played.course).open("review-1", PAGE);
    const other = '[data-reflection="learning-to-date"] textarea';
    await frame.focus(other);
    await page.keyboard.type("x");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Tab");
    await frame.focus(other);
    await page.keyboard.type("   ");
    await page.keyboard.press("Tab");
    expect(await reflectionsRecorded(page)).toHaveLength(2);
    expect(Object.keys(decodeState(data, (await lmsCmi(page)).cmi.suspend_data)?.reflections ?? {})).toEqual([ID]);

    // A reload (the LMS hands back suspend_data): the text is in its field, counted.
    await page.reload();
    const again = await openReflection(played, page);
    expect(await again.frame.inputValue(FIELD)).toBe(first + more);
    expect(await countText(again.frame)).toBe(`${(first + more).length} of 1000 characters`);
    expect(await savedText(again.frame)).toBe("");

    const violations = new Scorm12CallLog().replay(await lmsCalls(page)).violations;
    expect(violations).toEqual([]);
    await page.close();
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
    expect(played.browser.problems).toEqual([]);
  });

  it("the completion page lists them: Print prints the list alone, Download gives the text; by keyboard; axe", async () => {
    const log = new AxeLog();
    const { page, frame } = await openReflection(played);
    // Written here too, so this test stands on its own (the one above leaves the same text).
    await frame.fill(FIELD, `${first}${more}`);
    await frame.focus("[data-cw=next]");
    await frame.click('#cw-menu a[href="#cw-done"]');
    const list = frame.locator("[data-cw=reflections]");
    await list.waitFor({ state: "visible" });
    expect(await list.locator("h2").innerText()).toBe("Your reflections");
    const shown = await list.locator("[data-reflection]:visible").evaluateAll((items) => items.map((i) => [i.querySelector("h3")?.textContent, i.querySelector("p")?.textContent]));
    const prompt = played.course.sessions.find((s) => s.id === SESSION)!.pages[0]!.reflections![0]!.prompt;
    const text = first + more;
    expect(shown).toEqual([[prompt, text]]);
    await log.check(page, "completion page with the learner's reflections");

    // Print, by keyboard: while the browser prints, <html> is marked and, under the print stylesheet, only the
    // list shows — no page of the course, no certificate, no buttons; afterwards the mark is gone.
    await frame.evaluate(() => {
      const w = window as unknown as { printed: unknown[] };
      w.printed = [];
      window.print = () => {
        const visible = (sel: string): boolean => [...document.querySelectorAll<HTMLElement>(sel)].some((el) => el.checkVisibility());
        w.printed.push({
          marked: document.documentElement.hasAttribute("data-print"),
          list: visible("[data-cw=reflections]"),
          text: visible(".cw-reflections__text"),
          pages: visible("[data-page]"),
          certificate: visible(".cw-certificate"),
          heading: visible("#cw-done-title"),
          buttons: visible(".cw-reflections__actions > *"),
        });
      };
    });
    // By keyboard (the button is not shown in print, so pressed on screen): the mark is set while printing.
    await frame.focus("[data-cw=print-reflections]");
    await page.keyboard.press("Enter");
    await page.emulateMedia({ media: "print" });
    // Under the print stylesheet. Once the course is done its certificate shows too (here unhidden as the
    // runtime does then): Print reflections still prints only the list, the certificate's Print only it.
    await frame.evaluate(() => {
      document.querySelector<HTMLElement>("[data-cw=print-reflections]")!.click();
      document.querySelector<HTMLElement>(".cw-certificate")!.hidden = false;
      document.querySelector<HTMLElement>("[data-cw=print-reflections]")!.click();
      document.querySelector<HTMLElement>("[data-cw=print]")!.click();
    });
    await page.emulateMedia({ media: "screen" });
    const printed = await frame.evaluate(() => (window as unknown as { printed: { marked: boolean }[] }).printed);
    const alone = { marked: true, list: true, text: true, pages: false, certificate: false, heading: false, buttons: false };
    expect(printed[0]?.marked).toBe(true);
    expect(printed.slice(1)).toEqual([alone, alone, { marked: false, list: false, text: false, pages: false, certificate: true, heading: false, buttons: false }]);
    expect(await frame.evaluate(() => document.documentElement.hasAttribute("data-print"))).toBe(false);

    // Download, by keyboard: a .txt file with the course's title, the heading, the prompt and the text.
    await frame.focus("[data-cw=download-reflections]");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("my-reflections.txt");
    const saved = fs.readFileSync((await download.path())!, "utf8");
    expect(saved).toBe(`${played.course.title}\n\nYour reflections\n\n${prompt}\n\n${text}\n`);
    await page.close();
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
  });

  it("typed and the page hidden or closed while still in the field: kept and recorded all the same", async () => {
    const { page, frame } = await openReflection(played);
    await new BrowserLearner(frame, played.course).open("using-experiences", PAGE);
    const field = '[data-reflection="sharing-experiences"] textarea';
    await frame.focus(field);
    await page.keyboard.type("Said before the tab closed.");
    const before = (await reflectionsRecorded(page)).length;
    // The tab goes away (pagehide: the core finishes the session right after).
    await frame.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
    const recorded = await reflectionsRecorded(page);
    expect(recorded.slice(before)).toEqual([expect.objectContaining({ id: "reflection-sharing-experiences", student_response: "Said before the tab closed." })]);
    const data = runtimeCourse(played.course, planUnits(played.course, false)[0]!);
    expect(decodeState(data, (await lmsCmi(page)).cmi.suspend_data)?.reflections["sharing-experiences"]).toBe("Said before the tab closed.");
    await page.close();
  });

  it("the reflection's page reflows at 320 px (WCAG 1.4.10)", async () => {
    const page = await played.browser.newPage();
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    await page.click("[data-cw=menu-toggle]");
    await new BrowserLearner(page, played.course).open(SESSION, PAGE);
    await page.fill(FIELD, "A long word: " + "recovery".repeat(40));
    expect(await horizontalOverflow(page)).toBeNull();
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)("reflections in Chromium, SCORM 2004 (scorm-again Scorm2004API)", () => {
  const played = playedCourse({ player: true, target: "scorm2004" });

  it("left with text: a long-fill-in, learner_response the text on one line, result neutral; reload: back with its line break", async () => {
    const { page, frame } = await openReflection(played);
    await tabToField(page, frame);
    await page.keyboard.type("First line.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second line.");
    await page.keyboard.press("Tab");
    expect(await reflectionsRecorded(page)).toEqual([expect.objectContaining({ id: `reflection-${ID}`, type: "long-fill-in", learner_response: "First line. Second line.", result: "neutral" })]);
    expect(checkScorm2004Calls(await lmsCalls(page))).toEqual([]);
    await page.reload();
    const again = await openReflection(played, page);
    expect(await again.frame.inputValue(FIELD)).toBe("First line.\nSecond line.");
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)("reflections in Chromium, TinCan (the development LRS)", () => {
  const played = playedCourse({ player: true, target: "tincan", lrs: true });

  it("left with text: an 'answered' statement with result.response in the LRS; reload: back", async () => {
    const { page, frame } = await openReflection(played);
    await tabToField(page, frame);
    const text = "Hope, shared — « espoir », أمل.";
    await page.keyboard.type(text);
    await page.keyboard.press("Tab");
    const statements = async (): Promise<{ verb: { id: string }; object: { id: string; definition?: { interactionType?: string } }; result?: { response?: string } }[]> =>
      ((await (await fetch(new URL("/__cw/statements", played.playerUrl))).json()) as { statements: [] }).statements;
    const reflected = await until(async () => {
      const found = (await statements()).filter((s) => s.object.id.endsWith(`/reflection/${ID}`));
      return found.length > 0 && found;
    }, "the reflection's statement in the LRS");
    expect(reflected).toHaveLength(1);
    expect(reflected[0]).toMatchObject({ verb: { id: "http://adlnet.gov/expapi/verbs/answered" }, result: { response: text }, object: { definition: { interactionType: "long-fill-in" } } });
    await page.reload();
    const again = await openReflection(played, page);
    expect(await again.frame.inputValue(FIELD)).toBe(text);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)("reflections in Chromium, an ar build (right to left)", () => {
  const played = playedCourse({
    player: true,
    edit: (dir) => {
      const file = path.join(dir, "course.yaml");
      fs.writeFileSync(file, replaceOnce(fs.readFileSync(file, "utf8"), "language: en-GB", "language: ar"));
    },
  });

  it("the field's count and saved indicator and the completion page's list in Arabic, laid out right to left; axe", async () => {
    const log = new AxeLog();
    const { page, frame } = await openReflection(played);
    expect(await frame.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await tabToField(page, frame);
    await page.keyboard.type("الأمل");
    expect(await countText(frame)).toBe("عدد الأحرف: 5 من 1000");
    await page.keyboard.press("Tab");
    expect(await savedText(frame)).toBe("تم الحفظ");
    await log.check(page, "ar: a reflection written and saved");
    await frame.click('#cw-menu a[href="#cw-done"]');
    const list = frame.locator("[data-cw=reflections]");
    await list.waitFor({ state: "visible" });
    expect(await list.locator("h2").innerText()).toBe("تأمّلاتك");
    expect(await list.locator("[data-reflection]:visible p").innerText()).toBe("الأمل");
    expect(await list.locator("[data-cw=download-reflections]").getAttribute("download")).toBe("تأملاتي.txt");
    await log.check(page, "ar: the completion page's reflections");
    await page.close();
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
  });
});
