// The preview player's layout in real Chromium (the Peer Support course built for SCORM 1.2, served by the
// player with its tracking panel, scorm-again as the LMS): the panel's toggle and resize handle by
// keyboard, the device widths, the course's desktop layout beside the panel at 1280 px, the panel as a
// drawer at phone width, the layout remembered across a reload, the page's own Content-Security-Policy,
// and axe (WCAG 2.1 A/AA) with 0 violations in every state.
import type { Frame, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { AxeLog } from "./helpers/a11y-axe.js";
import { horizontalOverflow } from "./helpers/a11y-course.js";
import { chromiumAvailable, contentFrame, type Browser } from "./helpers/browser.js";
import { playedCourse } from "./helpers/played-course.js";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The course frame's viewport width: what the course's media queries see. */
const frameWidth = (frame: Frame): Promise<number> => frame.evaluate(() => window.innerWidth);
const panelWidth = (page: Page): Promise<number> => page.locator("#cw-panel").evaluate((el) => Math.round(el.getBoundingClientRect().width));
const valueNow = async (page: Page): Promise<number> => Number(await page.getAttribute("#cw-splitter", "aria-valuenow"));
const expanded = (page: Page): Promise<string | null> => page.getAttribute("#cw-panel-toggle", "aria-expanded");
const pressed = (page: Page): Promise<string[]> =>
  page.$$eval("[data-cw-device]", (bs) => bs.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => (b as HTMLElement).dataset.cwDevice ?? ""));

/** Tabs from the top of the player page to the element with `id`: it must be in the tab order. */
async function tabTo(page: Page, id: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`#${id} is not reached by Tab from the top of the page`);
}

/** The course's desktop layout: its menu shown beside the content (not above it, not behind a Menu button). */
async function desktopLayout(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => {
    const menu = document.getElementById("cw-menu")?.getBoundingClientRect();
    const main = document.getElementById("cw-main")?.getBoundingClientRect();
    const toggle = document.querySelector<HTMLElement>("[data-cw=menu-toggle]");
    if (!menu || !main || !toggle) return false;
    return menu.width > 0 && menu.height > 0 && menu.right <= main.left + 1 && toggle.offsetParent === null;
  });
}

describe.skipIf(!chromiumAvailable)("the preview player's layout in Chromium", () => {
  const played = playedCourse({ player: { panel: true } });
  let browser: Browser;
  let page: Page;
  const axe = new AxeLog();

  beforeAll(() => {
    browser = played.browser;
  });

  /** A fresh tab at `size` (localStorage is per origin, so it keeps what earlier tabs remembered). */
  async function open(size: { width: number; height: number }): Promise<Frame> {
    await page?.close();
    page = await browser.newPage();
    await page.setViewportSize(size);
    await page.goto(played.playerUrl);
    return contentFrame(page);
  }
  const reload = async (): Promise<Frame> => {
    await page.reload();
    return contentFrame(page);
  };

  it("at 1280 px: the panel beside the course, which keeps its desktop layout; the page's policy holds", async () => {
    browser.problems.length = 0;
    const frame = await open(DESKTOP);
    expect(await page.getAttribute("body", "data-layout")).toBe("side");
    expect(await expanded(page)).toBe("true");
    expect(await page.locator("#cw-panel").isVisible()).toBe(true);
    expect(await desktopLayout(frame)).toBe(true);
    const policy = (await fetch(played.playerUrl)).headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("unsafe-inline");
    expect(browser.problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    await axe.check(page, "1280 px, panel open");
  }, 60_000);

  it("the toggle collapses and expands the panel by keyboard, and the course frame takes the room", async () => {
    const frame = await open(DESKTOP);
    const beside = await frameWidth(frame);
    await tabTo(page, "cw-panel-toggle");
    await page.keyboard.press("Enter");
    expect(await expanded(page)).toBe("false");
    expect(await page.locator("#cw-panel").isHidden()).toBe(true);
    expect(await page.locator("#cw-splitter").isHidden()).toBe(true);
    expect(await frameWidth(frame)).toBe(DESKTOP.width);
    expect(await desktopLayout(frame)).toBe(true);
    await axe.check(page, "1280 px, panel collapsed");

    // Remembered: a reload keeps it collapsed.
    let again = await reload();
    expect(await expanded(page)).toBe("false");
    expect(await frameWidth(again)).toBe(DESKTOP.width);

    await tabTo(page, "cw-panel-toggle");
    await page.keyboard.press("Space");
    expect(await expanded(page)).toBe("true");
    expect(await frameWidth(again)).toBe(beside);
    again = await reload();
    expect(await expanded(page)).toBe("true");
  }, 60_000);

  it("the separator resizes the panel with arrow keys, Home and End, never squeezing the course under desktop", async () => {
    const frame = await open(DESKTOP);
    const splitter = page.locator("#cw-splitter");
    expect(await splitter.getAttribute("tabindex")).toBe("0");
    expect(await splitter.getAttribute("aria-controls")).toBe("cw-panel");
    await splitter.focus();
    await page.keyboard.press("Home");
    const min = Number(await splitter.getAttribute("aria-valuemin"));
    expect(await valueNow(page)).toBe(min);
    expect(await panelWidth(page)).toBe(min);
    const atMin = await frameWidth(frame);

    await page.keyboard.press("ArrowLeft"); // the panel is on the right: moving the splitter left widens it
    await page.keyboard.press("ArrowLeft");
    expect(await valueNow(page)).toBe(min + 32);
    expect(await panelWidth(page)).toBe(min + 32);
    expect(await frameWidth(frame)).toBe(atMin - 32);
    await page.keyboard.press("ArrowRight");
    expect(await valueNow(page)).toBe(min + 16);
    expect(await frameWidth(frame)).toBe(atMin - 16);

    // End: as wide as the panel may be; the course still shows its desktop layout.
    await page.keyboard.press("End");
    const max = Number(await splitter.getAttribute("aria-valuemax"));
    expect(max).toBeGreaterThan(min);
    expect(await valueNow(page)).toBe(max);
    await page.keyboard.press("ArrowLeft");
    expect(await valueNow(page)).toBe(max);
    expect(await desktopLayout(frame)).toBe(true);
    await axe.check(page, "1280 px, panel at its widest");

    // The width is remembered across a reload.
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowLeft");
    const again = await reload();
    expect(await valueNow(page)).toBe(min + 16);
    expect(await frameWidth(again)).toBe(atMin - 16);

    // Enter collapses the panel and hands focus to the toggle that brings it back.
    await splitter.focus();
    await page.keyboard.press("Enter");
    expect(await expanded(page)).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("cw-panel-toggle");
    await page.keyboard.press("Enter");
    expect(await expanded(page)).toBe("true");

    // A pointer drags it too: 48 px to the left widens the panel by 48 px.
    await splitter.focus();
    await page.keyboard.press("Home");
    const bar = await splitter.boundingBox();
    if (!bar) throw new Error("the separator has no box");
    const y = bar.y + bar.height / 2;
    await page.mouse.move(bar.x + bar.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width / 2 - 24, y);
    await page.mouse.move(bar.x + bar.width / 2 - 48, y);
    await page.mouse.up();
    expect(await valueNow(page)).toBe(min + 48);
    expect(await panelWidth(page)).toBe(min + 48);
  }, 60_000);

  it("the device toggle gives the course frame a phone's and a tablet's width, pressed one at a time", async () => {
    const frame = await open(DESKTOP);
    expect(await pressed(page)).toEqual(["desktop"]);
    const full = await frameWidth(frame);
    await page.locator("[data-cw-device=phone]").focus();
    await page.keyboard.press("Enter");
    expect(await pressed(page)).toEqual(["phone"]);
    expect(await frameWidth(frame)).toBe(375);
    expect(await desktopLayout(frame)).toBe(false); // the phone layout: the course menu behind its button
    await axe.check(page, "phone width");

    await page.keyboard.press("Tab"); // to Tablet
    await page.keyboard.press("Space");
    expect(await pressed(page)).toEqual(["tablet"]);
    expect(await frameWidth(frame)).toBe(768);
    await axe.check(page, "tablet width");
    const again = await reload();
    expect(await pressed(page)).toEqual(["tablet"]);
    expect(await frameWidth(again)).toBe(768);

    await page.click("[data-cw-device=desktop]");
    expect(await pressed(page)).toEqual(["desktop"]);
    expect(await frameWidth(again)).toBe(full);
  }, 60_000);

  it("at 390 px: the course frame is full width, the panel a drawer over it that Escape closes", async () => {
    const frame = await open(PHONE);
    expect(await page.getAttribute("body", "data-layout")).toBe("drawer");
    expect(await expanded(page)).toBe("false"); // a drawer starts closed, whatever was remembered beside
    expect(await page.locator("#cw-panel").isHidden()).toBe(true);
    expect(await page.locator("#cw-splitter").isHidden()).toBe(true);
    expect(await frameWidth(frame)).toBe(PHONE.width);
    expect(await page.locator(".cw-devices").isHidden()).toBe(true); // a phone-sized window is the device
    expect(await horizontalOverflow(page)).toBeNull();
    await axe.check(page, "390 px, drawer closed");

    await tabTo(page, "cw-panel-toggle");
    await page.keyboard.press("Enter");
    expect(await expanded(page)).toBe("true");
    const drawer = await page.locator("#cw-panel").boundingBox();
    const host = await page.locator("#cw-frame-host").boundingBox();
    if (!drawer || !host) throw new Error("the drawer or the frame has no box");
    expect(drawer.x).toBeGreaterThanOrEqual(host.x);
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(host.x + host.width + 0.5);
    expect(drawer.y).toBeGreaterThanOrEqual(host.y - 0.5); // under the player's header, over the course
    expect(await frameWidth(frame)).toBe(PHONE.width);
    expect(await horizontalOverflow(page)).toBeNull();
    await axe.check(page, "390 px, drawer open");
    await page.keyboard.press("Escape");
    expect(await expanded(page)).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("cw-panel-toggle");
  }, 60_000);

  it("axe: 0 violations on the player page in every state above", () => {
    expect(axe.states.length).toBe(7);
    const report = axe.report();
    if (report) throw new Error(report);
  });
});
