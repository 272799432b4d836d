// Page blocks in real Chromium (issue #12 §1), one test per block: the SCORM 1.2 package in the LMS-like
// player (scorm-again's Scorm12API in the parent frame) records the block's page as viewed; in the package's
// own page the block is operated by keyboard alone, axe finds 0 violations in each of its states, and at
// 320 px nothing scrolls sideways; in dark mode too. Without JavaScript every block's text is still there to
// read, and printed every tab panel shows. In an Arabic (right-to-left) build the tabs' arrow keys are swapped.
import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { decodeState } from "../src/runtime/core/state-codec.js";
import { AxeLog } from "./helpers/a11y-axe.js";
import { horizontalOverflow } from "./helpers/a11y-course.js";
import { BrowserLearner, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { playedCourse } from "./helpers/played-course.js";

/** A session of its own holding one page per block (the real course's sessions stay as they are). */
const SESSION = `---
id: blocks
title: Blocks
summary: "One page per block."
---

# Tabs block

::: tabs The three roles
## Victim
The victim either takes on or accepts the role of a mistreated, persecuted person.
## Persecutor
The persecutor pressures or bullies the victim.
## Rescuer
The rescuer rushes to defend the victim, protecting them from the persecutor.
:::

# Accordion block

::: accordion
## Hope
We believe in the reality of recovery for all.
## Experience
We believe recovery is a unique and individual experience.
:::

# Reveal block

::: reveal What might the person be feeling?
Think about it before you look.
---
Perhaps overwhelmed by their own sense of vulnerability.
:::

# Key points block

::: key-points
- Risk has positive and negative aspects.
- Different practitioners can have different levels of tolerance to risk.
:::

# Quote block

> ‘Traumatic reactions occur when action is of no avail.’
> — Herman, 1992

# Figure block

![The Drama Triangle: a triangle with its point facing downward, Persecutor top left, Rescuer top right, Victim at the bottom.](../images/drama-triangle.svg "Drama Triangle | Drawing: Coursewright, after Karpman")
`;

const addBlocksSession = (dir: string): void => {
  fs.writeFileSync(path.join(dir, "sessions", "13-blocks.md"), SESSION);
  const yaml = path.join(dir, "course.yaml");
  const text = fs.readFileSync(yaml, "utf8");
  const last = /^(\s*- )sessions\/12-useful-resources\.md\s*$/m.exec(text);
  if (!last) throw new Error("course.yaml lists no sessions/12-useful-resources.md");
  fs.writeFileSync(yaml, text.replace(last[0], `${last[0]}\n${last[1]}sessions/13-blocks.md`));
};

interface Cmi {
  cmi: { core: { lesson_location: string }; suspend_data: string };
}
const lmsCmi = (page: Page): Promise<Cmi> => page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi() as Cmi);
const focused = (frame: Page | Frame): Promise<string> => frame.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

describe.skipIf(!chromiumAvailable)("page blocks in Chromium", { timeout: 240_000 }, () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: addBlocksSession, player: true, files: true });
  let data: RuntimeCourse;
  beforeAll(() => {
    data = runtimeCourse(played.course, planUnits(played.course, false)[0]!);
  });

  /** The page in the LMS player: opened from the menu, it is the bookmark and marked viewed in suspend_data. */
  async function inLms(pageId: string, operate: (frame: Frame) => Promise<void>): Promise<void> {
    const page = await played.browser.newPage();
    await page.goto(played.playerUrl);
    const frame = await contentFrame(page);
    await new BrowserLearner(frame, played.course).open("blocks", pageId);
    await operate(frame);
    const cmi = await lmsCmi(page);
    expect(cmi.cmi.core.lesson_location).toBe(`blocks/${pageId}`);
    const index = data.sessions.flatMap((s) => s.pages.map((p) => `${s.id}/${p}`)).indexOf(`blocks/${pageId}`);
    expect(index).toBeGreaterThan(0);
    expect(decodeState(data, cmi.cmi.suspend_data)?.visited[index]).toBe(true);
    await page.close();
  }

  /** The package's own page (no LMS) at `width`, on the block's page, focus on its heading. */
  async function opened(pageId: string, width = 1280): Promise<Page> {
    const page = await played.browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    const toggle = page.locator("[data-cw=menu-toggle]");
    if (await toggle.isVisible()) await toggle.click();
    await new BrowserLearner(page, played.course).open("blocks", pageId);
    return page;
  }

  /** WCAG 1.4.10 Reflow: the block's page at 320 px does not scroll sideways. */
  async function reflows(pageId: string): Promise<void> {
    const phone = await opened(pageId, 320);
    expect(await horizontalOverflow(phone)).toBeNull();
    await phone.close();
  }

  it("tabs: Tab reaches the selected tab only; Right/Left/Home/End select and focus, one panel shown; axe in each state; 320 px", async () => {
    await inLms("tabs-block", async (frame) => {
      await frame.locator("#page-blocks-tabs-block [role=tab]").first().focus();
      await frame.press("#page-blocks-tabs-block [role=tab] >> nth=0", "ArrowRight");
      expect(await focused(frame)).toBe("Persecutor");
    });
    const page = await opened("tabs-block");
    const log = new AxeLog();
    const tabs = page.locator("#page-blocks-tabs-block [role=tab]");
    const shownPanel = (): Promise<string[]> => page.locator("#page-blocks-tabs-block [role=tabpanel]:visible").allTextContents();
    expect(await page.locator("#page-blocks-tabs-block [role=tablist]").getAttribute("aria-label")).toBe("The three roles");
    expect(await tabs.allTextContents()).toEqual(["Victim", "Persecutor", "Rescuer"]);
    expect((await shownPanel()).join()).toContain("mistreated, persecuted person");
    expect(await shownPanel()).toHaveLength(1);
    await log.check(page, "tabs, first selected");
    // From the page heading, Tab lands on the selected tab (roving tabindex), then on its panel.
    await page.locator("#page-blocks-tabs-block h1").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Victim");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("Persecutor");
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    expect((await shownPanel()).join()).toContain("pressures or bullies");
    await log.check(page, "tabs, second selected");
    await page.keyboard.press("End");
    expect(await focused(page)).toBe("Rescuer");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("Victim");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Home");
    expect(await focused(page)).toBe("Victim");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("tabpanel");
    await tabs.nth(2).click();
    expect((await shownPanel()).join()).toContain("rushes to defend");
    await log.check(page, "tabs, last selected by a click");
    expect(log.report()).toBe("");
    await page.close();
    await reflows("tabs-block");
  });

  it("accordion: each item's summary is reached by Tab and toggled by Enter and Space; axe open and closed; 320 px", async () => {
    await inLms("accordion-block", async (frame) => {
      await frame.press("#page-blocks-accordion-block summary >> nth=0", "Enter");
      expect(await frame.locator("#page-blocks-accordion-block details").first().getAttribute("open")).toBe("");
    });
    const page = await opened("accordion-block");
    const log = new AxeLog();
    const items = page.locator("#page-blocks-accordion-block details");
    const body = page.getByText("We believe in the reality of recovery for all.");
    expect(await body.isVisible()).toBe(false);
    await log.check(page, "accordion, all closed");
    await page.locator("#page-blocks-accordion-block h1").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Hope");
    await page.keyboard.press("Enter");
    expect(await items.nth(0).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await body.isVisible()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Experience");
    await page.keyboard.press("Space");
    expect(await items.nth(1).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await log.check(page, "accordion, both open");
    await page.keyboard.press("Space");
    expect(await items.nth(1).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await log.check(page, "accordion, one open");
    expect(log.report()).toBe("");
    await page.close();
    await reflows("accordion-block");
  });

  it("reveal: the front shown, the back behind a button Enter opens and Space closes; axe both ways; 320 px", async () => {
    await inLms("reveal-block", async (frame) => {
      await frame.press("#page-blocks-reveal-block summary", "Enter");
      expect(await frame.getByText("Perhaps overwhelmed").isVisible()).toBe(true);
    });
    const page = await opened("reveal-block");
    const log = new AxeLog();
    const back = page.getByText("Perhaps overwhelmed by their own sense of vulnerability.");
    expect(await page.getByText("What might the person be feeling?").isVisible()).toBe(true);
    expect(await page.getByText("Think about it before you look.").isVisible()).toBe(true);
    expect(await back.isVisible()).toBe(false);
    await log.check(page, "reveal, closed");
    await page.locator("#page-blocks-reveal-block h1").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Show the answer");
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe("summary");
    await page.keyboard.press("Enter");
    expect(await back.isVisible()).toBe(true);
    await log.check(page, "reveal, open");
    await page.keyboard.press("Space");
    expect(await back.isVisible()).toBe(false);
    expect(log.report()).toBe("");
    await page.close();
    await reflows("reveal-block");
  });

  /** A block with one state: `expectations` hold in the LMS's frame and in the package's page; axe 0; 320 px. */
  async function oneState(pageId: string, expectations: (at: Page | Frame) => Promise<void>): Promise<void> {
    await inLms(pageId, expectations);
    const page = await opened(pageId);
    await expectations(page);
    const log = new AxeLog();
    await log.check(page, pageId);
    expect(log.report()).toBe("");
    await page.close();
    await reflows(pageId);
  }

  it("key points: a region named 'Key points' holding the list; axe; 320 px", async () => {
    await oneState("key-points-block", async (at) => {
      expect(await at.getByRole("region", { name: "Key points", exact: true }).getByRole("listitem").allTextContents()).toEqual([
        "Risk has positive and negative aspects.",
        "Different practitioners can have different levels of tolerance to risk.",
      ]);
    });
  });

  it("quote: the quotation in a blockquote, its attribution in the figure's caption; axe; 320 px", async () => {
    await oneState("quote-block", async (at) => {
      const figure = at.getByRole("figure").filter({ hasText: "Herman" });
      expect(await figure.locator("figcaption").textContent()).toBe("— Herman, 1992");
      expect(await figure.locator("blockquote").textContent()).toContain("‘Traumatic reactions occur when action is of no avail.’");
      expect(await figure.locator("blockquote").textContent()).not.toContain("Herman");
    });
  });

  it("figure: the caption and its credit under the picture; axe; 320 px", async () => {
    await oneState("figure-block", async (at) => {
      const box = (selector: string) => at.locator(`#page-blocks-figure-block ${selector}`).boundingBox();
      expect(await at.locator("#page-blocks-figure-block figcaption").textContent()).toBe("Drama TriangleDrawing: Coursewright, after Karpman");
      const [img, cap, credit] = await Promise.all([box("img"), box("figcaption"), box(".cw-figure__credit")]);
      // The credit is a line of its own under the caption, both under the picture.
      expect(cap!.y).toBeGreaterThanOrEqual(img!.y + img!.height - 1);
      expect(credit!.y).toBeGreaterThan(cap!.y + 1);
    });
  });

  it("in dark mode (the theme's dark palette) axe finds 0 violations on every block's page, its disclosures open", async () => {
    const page = await played.browser.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toContain("dark");
    const learner = new BrowserLearner(page, played.course);
    const log = new AxeLog();
    for (const id of ["tabs-block", "accordion-block", "reveal-block", "key-points-block", "quote-block", "figure-block"]) {
      await learner.open("blocks", id);
      for (const summary of await page.locator(`#page-blocks-${id} summary`).all()) await summary.click();
      if (id === "tabs-block") await page.locator("#page-blocks-tabs-block [role=tab]").nth(1).click();
      await log.check(page, `dark: ${id}`);
    }
    expect(log.states).toHaveLength(6);
    expect(log.report()).toBe("");
    await page.close();
  });

  it("without JavaScript every block's text is on the page: all tab panels under their headings, the tab list hidden", async () => {
    const context = await played.browser.context.browser()!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${played.filesUrl}index.html`);
    // The build shows the first page and hides the rest until the player runs: the blocks' pages are shown
    // here as the player would (the page's script is off; the test's own evaluation still runs).
    await page.evaluate(() => document.querySelectorAll("[id^=page-blocks-]").forEach((p) => p.removeAttribute("hidden")));
    const tabs = page.locator("#page-blocks-tabs-block");
    expect(await tabs.locator(".cw-tabs__list").isVisible()).toBe(false);
    expect(await tabs.locator(".cw-tabs__panel h2").allTextContents()).toEqual(["Victim", "Persecutor", "Rescuer"]);
    for (const text of ["mistreated, persecuted person", "pressures or bullies", "rushes to defend"]) expect(await tabs.getByText(text).isVisible()).toBe(true);
    // The disclosures work without script too (the browser's own <details>).
    await page.locator("#page-blocks-accordion-block summary").first().click();
    expect(await page.getByText("We believe in the reality of recovery for all.").isVisible()).toBe(true);
    await page.locator("#page-blocks-reveal-block summary").click();
    expect(await page.getByText("Perhaps overwhelmed").isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Key points", exact: true }).isVisible()).toBe(true);
    expect(await page.locator("#page-blocks-quote-block .cw-quote figcaption").isVisible()).toBe(true);
    await context.close();
  });

  it("printed, every tab panel shows under its heading and the tab list is left out; closed accordion items print open", async () => {
    const page = await opened("tabs-block");
    await page.emulateMedia({ media: "print" });
    const tabs = page.locator("#page-blocks-tabs-block");
    expect(await tabs.locator(".cw-tabs__list").isVisible()).toBe(false);
    expect(await tabs.locator(".cw-tabs__panel h2:visible").allTextContents()).toEqual(["Victim", "Persecutor", "Rescuer"]);
    expect(await tabs.locator("[role=tabpanel]:visible").count()).toBe(3);
    await page.close();
    // Closed disclosures print their content too (CSS ::details-content).
    const accordion = await opened("accordion-block");
    await accordion.emulateMedia({ media: "print" });
    expect(await accordion.getByText("We believe in the reality of recovery for all.").isVisible()).toBe(true);
    await accordion.close();
  });
});

describe.skipIf(!chromiumAvailable)("tabs in a right-to-left course (ar)", { timeout: 240_000 }, () => {
  const inArabic = (dir: string): void => {
    addBlocksSession(dir);
    const yaml = path.join(dir, "course.yaml");
    fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace(/^language: .*$/m, "language: ar"));
  };
  const played = playedCourse({ edit: inArabic, files: true });

  it("the first tab on the right, Left selects the next and Right the previous (the keys follow the layout), named in Arabic; axe 0", async () => {
    const page = await played.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    await new BrowserLearner(page, played.course).open("blocks", "tabs-block");
    expect(await page.evaluate(() => document.dir)).toBe("rtl");
    const tabs = page.locator("#page-blocks-tabs-block [role=tab]");
    const [first, second] = await Promise.all([tabs.nth(0).boundingBox(), tabs.nth(1).boundingBox()]);
    expect(first!.x).toBeGreaterThan(second!.x);
    await tabs.nth(0).focus();
    await page.keyboard.press("ArrowLeft");
    expect(await focused(page)).toBe("Persecutor");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("Victim");
    // The reveal's button is named from ar.yaml.
    expect(await page.locator("#page-blocks-reveal-block summary").textContent()).toBe("إظهار الإجابة");
    const log = new AxeLog();
    await log.check(page, "rtl: tabs, first selected");
    expect(log.report()).toBe("");
    await page.close();
  });
});
