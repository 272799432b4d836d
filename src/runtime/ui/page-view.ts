// Showing one page of the course: the others hidden, the window titled after it, focus on its heading.
import { fixed } from "./dom.js";

/**
 * Shows page `index` (a session's page, `data-page`; or the cover or completion page, `data-view`), hiding
 * the others; returns its heading text, if it has one.
 */
export function showPage(doc: Document, index: number, focus: boolean, baseTitle: string): string | undefined {
  let heading: HTMLElement | null = null;
  for (const s of fixed(doc, "[data-page], [data-view]")) {
    s.hidden = (s.dataset.page ?? s.dataset.view) !== String(index);
    if (!s.hidden) heading = s.querySelector("h1");
  }
  const title = heading?.textContent?.trim();
  // Each page is a page to the learner: the window title names it (WCAG 2.4.2).
  if (title && baseTitle) doc.title = `${title} – ${baseTitle}`;
  // Focusing the heading also scrolls it into view and tells screen readers where they are.
  if (focus) heading?.focus();
  return title;
}
