// The frame around the pages: previous/next, progress bar, the menu with each session's status.
import type { LearnerState, Progress } from "../core/state.js";
import { $ } from "./dom.js";

export function renderChrome(doc: Document, p: Progress, state: LearnerState): void {
  const here = state.location;
  const prev = $<HTMLButtonElement>(doc, "prev");
  const next = $<HTMLButtonElement>(doc, "next");
  if (prev) prev.disabled = here <= 0;
  if (next) next.disabled = here >= p.pagesTotal - 1;
  const bar = $<HTMLProgressElement>(doc, "progress");
  if (bar) {
    bar.max = p.pagesTotal;
    bar.value = p.pagesVisited;
  }
  const text = $(doc, "progress-text");
  if (text) text.textContent = `${Math.round((100 * p.pagesVisited) / Math.max(1, p.pagesTotal))}% viewed`;
  for (const link of doc.querySelectorAll<HTMLElement>("[data-goto]")) {
    if (link.dataset.goto === String(here)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
    link.classList.toggle("is-visited", Boolean(state.visited[Number(link.dataset.goto)]));
  }
  p.sessions.forEach((s, i) => {
    const el = doc.querySelector<HTMLElement>(`[data-session-status="${i}"]`);
    if (!el) return;
    el.textContent = s.complete ? "Complete" : s.started ? "In progress" : "Not started";
    el.dataset.state = s.complete ? "complete" : s.started ? "started" : "new";
  });
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
