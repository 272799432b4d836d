// Showing one page of the course: the others hidden, the window titled after it, focus on its heading.

export function pageSection(doc: Document, index: number): HTMLElement | null {
  return doc.querySelector<HTMLElement>(`[data-page="${index}"]`);
}

/** The page's heading text, if it has one. */
export function pageTitle(doc: Document, index: number): string | undefined {
  return pageSection(doc, index)?.querySelector("h1")?.textContent?.trim();
}

export function showPage(doc: Document, index: number, focus: boolean, baseTitle: string): void {
  for (const s of doc.querySelectorAll<HTMLElement>("[data-page]")) s.hidden = s.dataset.page !== String(index);
  const heading = pageSection(doc, index)?.querySelector<HTMLElement>("h1");
  const title = heading?.textContent?.trim();
  // Each page is a page to the learner: the window title names it (WCAG 2.4.2).
  if (title && baseTitle) doc.title = `${title} – ${baseTitle}`;
  // Focusing the heading also scrolls it into view and tells screen readers where they are.
  if (focus && heading) heading.focus();
}
