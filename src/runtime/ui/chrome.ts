// The frame around the pages: previous/next, the progress indicator, the menu's links (each session's status
// is journey-view.ts's, with the assessment's lock).
import type { RuntimeCourse } from "../../model/runtime-data.js";
import type { LearnerState, Progress } from "../core/state.js";
import { $, fixed, setText } from "./dom.js";
import { percentText, say } from "../core/messages.js";

/**
 * `here` is the flat index on screen: -1 the cover, `pagesTotal` the completion page. Progress counts what
 * completion counts (core/outcome.ts `progress`, the figure the tracker reports), so the bar, the percent
 * and the LMS agree.
 */
export function renderChrome(doc: Document, course: RuntimeCourse, p: Progress, state: LearnerState, here: number): void {
  $(doc, "prev")?.toggleAttribute("disabled", here <= ($(doc, "start") ? -1 : 0));
  $(doc, "next")?.toggleAttribute("disabled", here >= p.pagesTotal);
  const percent = Math.floor(p.outcome.progress * 100);
  const bar = $<HTMLProgressElement>(doc, "progress");
  if (bar) bar.value = percent;
  const shown = percentText(course, percent);
  setText(doc, "progress-text", p.sessionsCounted ? say(course, "progressSessions", p.sessionsDone, p.sessionsCounted, shown) : shown);
  for (const link of fixed(doc, "[data-goto]")) {
    const at = Number(link.dataset.goto);
    if (at === here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
    link.classList.toggle("is-visited", Boolean(state.visited[at]));
  }
}

/** Opens, closes (`open`) or toggles the menu. */
export function toggleMenu(doc: Document, open?: boolean): void {
  const button = $(doc, "menu-toggle");
  const menu = doc.getElementById("cw-menu");
  if (!button || !menu) return;
  const next = open ?? button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(next));
  menu.classList.toggle("is-open", next);
}
