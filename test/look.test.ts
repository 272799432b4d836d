// How the built Peer Support course looks in real Chromium (issue #10 §3): its theme (mode auto) in light
// and in dark (prefers-color-scheme emulated), axe 0 violations in both, reflow at 320 px and at 200 % zoom,
// the phone chrome's height, the reading measure on a desktop, the menu beside the content (desktop) or as
// a drawer (phone), and a captioned figure.
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { palette } from "../src/content/theme-palette.js";
import { AxeLog } from "./helpers/a11y-axe.js";
import { buildA11yPackage, horizontalOverflow, type A11yPackage } from "./helpers/a11y-course.js";
import { chromiumAvailable, openBrowser, serveDir, type Browser, type StaticServer } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { contentFixture } from "./helpers/content-fixture.js";

/** A page the real course lacks: a wide table and a tip callout, appended to its last session. */
const TABLE_PAGE = `
# Values at a glance

::: tip Try this
Pick one value and notice, this week, where it shows in your own practice.
:::

| Value | What it asks of a peer supporter | Where the lessons discuss it |
|---|---|---|
| Hope | Believing in and sharing the possibility of recovery, including through one's own story of recovery | Session 4, Introduction to the six values |
| Mutuality | Sharing power and learning in both directions, so neither person is the expert on the other's life | Session 4, Introduction to the six values |
| Empowerment | Supporting people to find their own solutions and take control, avoiding rescuing or deciding for them | Session 5, The Drama Triangle |
`;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };
// 200 % zoom of a 1280 × 800 window lays the page out in 640 × 400 CSS pixels (see test/a11y.test.ts).
const ZOOM_200 = { width: 640, height: 400 };
/** Header + page navigation on a 320 × 640 phone: at most this many CSS pixels, so the page keeps ≥ 80 % of the height. */
const PHONE_CHROME_MAX = 120;
/** A comfortable reading measure, in characters per line (WCAG 2.1 SC 1.4.8 asks for at most 80). */
const MEASURE = { min: 55, max: 80 };

describe.skipIf(!chromiumAvailable)("the course's look in Chromium", { timeout: 300_000 }, () => {
  let browser: Browser;
  let pkg: A11yPackage;
  let site: StaticServer;
  let figurePage = "";
  let extra: BuiltPackage;
  let extraSite: StaticServer;
  let tablePage = "";

  beforeAll(async () => {
    pkg = await buildA11yPackage({ allTypesInChecks: false });
    site = await serveDir(pkg.dir);
    browser = await openBrowser();
    const session = pkg.course.sessions.find((s) => s.pages.some((p) => p.markdown.includes("drama-triangle.svg")));
    const page = session?.pages.find((p) => p.markdown.includes("drama-triangle.svg"));
    figurePage = `page-${session?.id ?? ""}-${page?.id ?? ""}`;
    const fx = contentFixture();
    const last = pkg.course.sessions[pkg.course.sessions.length - 1];
    fs.appendFileSync(fx.path(`sessions/${fs.readdirSync(fx.path("sessions")).sort().at(-1) ?? ""}`), TABLE_PAGE);
    extra = await buildAndUnpack({ target: "scorm12", contentDir: fx.dir });
    extraSite = await serveDir(extra.dir);
    tablePage = `page-${last?.id ?? ""}-values-at-a-glance`;
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await extraSite?.close();
    pkg?.cleanup();
    extra?.cleanup();
  });

  async function open(viewport: { width: number; height: number }, scheme: "light" | "dark" = "light", from = site): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${from.url}index.html`);
    // Started: the untracked banner (no LMS) and the first view (the cover, or the first page) on screen.
    await page.locator("[data-cw=banner]").waitFor({ state: "visible" });
    await page.locator(".cw-page:visible").first().waitFor();
    return page;
  }

  /** Shows `domId` through the menu, as a learner does (opening the drawer first on a phone). */
  async function show(page: Page, domId: string): Promise<void> {
    const toggle = page.locator("[data-cw=menu-toggle]");
    if (await toggle.isVisible()) await toggle.click();
    await page.click(`#cw-menu a[href="#${domId}"]`);
    await page.locator(`#${domId}`).waitFor({ state: "visible" });
  }

  const styleOf = (page: Page, selector: string, property: string): Promise<string> =>
    page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p).trim(), property);

  const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

  it.each(["light", "dark"] as const)("axe finds 0 violations in %s mode (first view, the figure page, a content note, a knowledge check, the menu drawer)", async (scheme) => {
    const log = new AxeLog();
    const page = await open(DESKTOP, scheme);
    const colours = palette(pkg.course.theme, scheme === "dark");
    // The theme really is the one shown: the page background and the focus ring follow the mode.
    expect(await styleOf(page, "body", "background-color")).toBe(rgb(colours.bg));
    await log.check(page, `${scheme}: first view`);
    await show(page, figurePage);
    await log.check(page, `${scheme}: figure page`);
    await page.locator(`#${figurePage} .cw-page__title`).evaluate((h) => h.blur());
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineColor)).toBe(rgb(colours["focus-ring"]));
    const noted = pkg.course.sessions.flatMap((s) => s.pages.map((p) => ({ s, p }))).find(({ p }) => p.markdown.includes("::: content-note"));
    await show(page, `page-${noted?.s.id ?? ""}-${noted?.p.id ?? ""}`);
    await log.check(page, `${scheme}: content-note callout`);
    const check = pkg.course.sessions.find((s) => s.check);
    await show(page, `page-${check?.id ?? ""}-check`);
    await log.check(page, `${scheme}: knowledge check`);
    await page.close();
    const phone = await open(PHONE, scheme);
    await phone.click("[data-cw=menu-toggle]");
    await phone.locator("#cw-menu").waitFor({ state: "visible" });
    await log.check(phone, `${scheme}: phone, menu drawer open`, { fullHeight: false });
    await phone.close();
    expect(log.states).toHaveLength(5);
    expect(log.report()).toBe("");
  });

  it("nothing scrolls sideways at 320 px or at 200 % zoom (640 CSS px), on any page", async () => {
    for (const viewport of [PHONE, ZOOM_200]) {
      const page = await open(viewport);
      const total = await page.locator("[data-page]").count();
      const seen = new Set<string>();
      for (let i = 0; i < total + 1; i++) {
        const id = (await page.locator(".cw-page:visible").first().getAttribute("id")) ?? "";
        seen.add(id);
        expect(await horizontalOverflow(page), `${viewport.width} px, ${id}`).toBeNull();
        const next = page.locator("[data-cw=start]:visible, [data-cw=next]:visible:enabled").first();
        if ((await next.count()) === 0) break;
        await next.click();
        await page.waitForFunction((before) => (document.querySelector(".cw-page:not([hidden])")?.id ?? "") !== before, id);
      }
      expect(seen.size).toBeGreaterThanOrEqual(total);
      await page.close();
    }
  });

  it(`at 320 × 640 the header and page navigation together take at most ${PHONE_CHROME_MAX} px, and the menu is a drawer under the header`, async () => {
    const page = await open(PHONE);
    const height = async (selector: string): Promise<number> => (await page.locator(selector).boundingBox())?.height ?? Infinity;
    const headerHeight = await height(".cw-header");
    const pagerHeight = await height(".cw-pager");
    expect(headerHeight + pagerHeight, `header ${headerHeight} px + pager ${pagerHeight} px`).toBeLessThanOrEqual(PHONE_CHROME_MAX);
    // Every control of the header stays a 44 px target (WCAG 2.1 SC 2.5.5).
    for (const box of await page.locator(".cw-header button:visible").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThanOrEqual(44);
    }
    await expect(page.locator("#cw-menu").isVisible()).resolves.toBe(false);
    await page.click("[data-cw=menu-toggle]");
    const header = await page.locator(".cw-header").boundingBox();
    const drawer = await page.locator("#cw-menu").boundingBox();
    const main = await page.locator("#cw-main").boundingBox();
    // Opens under the header, full width, and pushes the page down: nothing of the page is hidden under it.
    expect(header && drawer && Math.abs(drawer.y - (header.y + header.height)) <= 1 && drawer.width === PHONE.width).toBe(true);
    expect(drawer && main && main.y >= drawer.y + drawer.height - 1).toBe(true);
    await page.click("[data-cw=menu-toggle]");
    await expect(page.locator("#cw-menu").isVisible()).resolves.toBe(false);
    await page.close();
  });

  it(`at 1280 px the menu is beside the content and reading text keeps a measure of ${MEASURE.min}–${MEASURE.max} characters`, async () => {
    const page = await open(DESKTOP);
    await show(page, figurePage);
    const menu = await page.locator("#cw-menu").boundingBox();
    const paragraph = page.locator(`#${figurePage} .cw-prose > p`).first();
    const text = await paragraph.boundingBox();
    expect(menu && text && menu.x + menu.width <= text.x).toBe(true);
    // Characters per line: the paragraph's width over the mean width of a character of English prose in its font.
    const chars = await paragraph.evaluate((p) => {
      const probe = document.createElement("span");
      probe.textContent = "Peer support is a relationship of mutual respect, shared experience and hope. ";
      probe.style.whiteSpace = "nowrap";
      probe.style.position = "absolute";
      p.append(probe);
      const perChar = probe.getBoundingClientRect().width / (probe.textContent?.length ?? 1);
      probe.remove();
      return p.getBoundingClientRect().width / perChar;
    });
    expect(chars).toBeGreaterThanOrEqual(MEASURE.min);
    expect(chars).toBeLessThanOrEqual(MEASURE.max);
    // The column uses the screen: the page is wider than the text where figures and tables need it.
    const column = await page.locator(`#${figurePage}`).boundingBox();
    expect(column && text && column.width >= text.width).toBe(true);
    await page.close();
  });

  it("renders the captioned image as <figure> with its <figcaption>, the caption visible under the picture", async () => {
    const page = await open(DESKTOP);
    await show(page, figurePage);
    const figure = page.locator(`#${figurePage} figure.cw-figure`);
    await expect(figure.count()).resolves.toBe(1);
    await expect(figure.locator("> img").getAttribute("alt")).resolves.toMatch(/^The Drama Triangle: a triangle/);
    await expect(figure.locator("> figcaption").textContent()).resolves.toBe("Drama Triangle");
    const img = await figure.locator("> img").boundingBox();
    const caption = await figure.locator("> figcaption").boundingBox();
    expect(img && caption && caption.y >= img.y + img.height && caption.height > 0).toBe(true);
    await expect(page.locator(`#${figurePage} .cw-prose > p > figure`).count()).resolves.toBe(0);
    await page.close();
  });

  it.each(["light", "dark"] as const)("a table and a tip callout in %s mode: axe 0, no sideways scroll at 320 px, cells wrap, the head row stands out", async (scheme) => {
    const log = new AxeLog();
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open(viewport, scheme, extraSite);
      await show(page, tablePage);
      const table = page.locator(`#${tablePage} .cw-prose table`);
      await expect(table.count()).resolves.toBe(1);
      await expect(page.locator(`#${tablePage} .cw-callout--tip`).count()).resolves.toBe(1);
      expect(await horizontalOverflow(page), `${viewport.width} px`).toBeNull();
      const box = await table.boundingBox();
      expect(box && box.x + box.width <= viewport.width).toBe(true);
      const colours = palette(pkg.course.theme, scheme === "dark");
      expect(await styleOf(page, `#${tablePage} thead th`, "background-color")).toBe(rgb(colours.surface));
      await log.check(page, `${scheme}, ${viewport.width} px: table and tip`);
      await page.close();
    }
    expect(log.report()).toBe("");
  });
});
