// Getting past the cover: every whole-course launch opens on it (the learner chooses Start or Resume).
// Tests of other behaviour enter the course as a returning learner does, so they begin where the course
// used to open: the saved place, else the first page.
import type { Frame, Page } from "playwright-core";

/** The runtime has started: it writes the header's progress text (empty in the built page). */
export function courseStarted(doc: Document): boolean {
  return Boolean(doc.querySelector("[data-cw=progress-text]")?.textContent);
}

/** Presses Resume when the cover offers it, else Start; a unit without a cover has nothing to press. */
export function enterCourse(doc: Document): void {
  const resume = doc.querySelector<HTMLElement>("[data-cw=resume]");
  const start = doc.querySelector<HTMLElement>("[data-cw=start]");
  (resume && !resume.hidden ? resume : start)?.click();
}

/** In a browser: waits for the course in `frame` to start, then enters it (unless `stayOnCover`). */
export async function enterCourseIn(frame: Frame | Page, stayOnCover = false): Promise<void> {
  await frame.locator("[data-cw=progress-text]").filter({ hasText: /\S/ }).waitFor();
  if (stayOnCover) return;
  const button = frame.locator("[data-cw=resume]:visible, [data-cw=start]:visible");
  if (await button.count()) await button.first().click();
}
