// The packages the accessibility tests open: the real course, and the real course with a sequencing
// question added to a knowledge check (the real checks have the five other types, the sequencing question
// is only in the graded assessment), so that every question type is seen checked right and wrong.
import { enterCourseIn } from "./course-entry.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { loadCourse } from "../../src/content/load-course.js";
import type { Course } from "../../src/model/course.js";
import { buildAndUnpack, type BuiltPackage } from "./built-package.js";
import { REAL_CONTENT } from "./content-fixture.js";

export const EXTRA_SEQUENCING = `
  - id: drama-triangle-order
    type: sequencing
    prompt: Put the three roles of the Drama Triangle in the order the lesson names them.
    items:
      - Victim
      - Persecutor
      - Rescuer
    feedback:
      correct: Yes — victim, persecutor, rescuer.
      incorrect: "The lesson names them in this order: victim, persecutor, rescuer."
`;

export interface A11yPackage extends BuiltPackage {
  readonly course: Course;
}

/**
 * Builds (scorm12) the real course, or with `allTypesInChecks` the real course plus the sequencing question;
 * both with the assessment open from the start (`requireSessions: false`), so that its states can be reached
 * directly (the locked assessment's own state is checked in test/cover-completion.test.ts).
 */
export async function buildA11yPackage(options: { allTypesInChecks: boolean }): Promise<A11yPackage> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-a11y-content-"));
  const dir = path.join(root, "content");
  fs.cpSync(REAL_CONTENT, dir, { recursive: true });
  fs.appendFileSync(path.join(dir, "course.yaml"), "\nrequireSessions: false\n");
  if (options.allTypesInChecks) fs.appendFileSync(path.join(dir, "checks", "05-peer-relationship.yaml"), EXTRA_SEQUENCING);
  try {
    const course = loadCourse(dir);
    const pkg = await buildAndUnpack({ target: "scorm12", contentDir: dir });
    return { ...pkg, course };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Waits until the player has started (the untracked banner, no LMS, is shown), then enters the course past
 * the cover (`stayOnCover`: stays there) so that page 1 is on screen.
 */
export async function started(page: Page, stayOnCover = false): Promise<void> {
  await page.locator("[data-cw=banner]").waitFor({ state: "visible" });
  await enterCourseIn(page, stayOnCover);
  if (stayOnCover) return;
  await page.locator("[data-page]:visible").first().waitFor();
  // Start moved focus to page 1's heading; a keyboard journey begins from the top of the document, as on a
  // page just opened (focus the root for a moment: it becomes where Tab starts from).
  await page.evaluate(() => {
    const root = document.documentElement;
    root.tabIndex = -1;
    root.focus();
    root.blur();
    root.removeAttribute("tabindex");
  });
}

/** `sessionId/pageId` of the page on screen. */
export async function here(page: Page): Promise<string> {
  const id = await page.locator("[data-page]:visible").getAttribute("id");
  return (id ?? "").replace(/^page-/, "");
}

/** Fails when the document scrolls sideways (WCAG 1.4.10 Reflow). */
export async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // Name the widest culprits, to make the failure actionable.
    const limit = root.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > limit + 0.5)
      .slice(-3)
      .map((el) => `${el.localName}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
    return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ${wide.join(", ")}`;
  });
}
