// Showing one page of the course: the others hidden, the window titled after it, focus on its heading.

/** Shows page `index`, hiding the others; returns its heading text, if it has one. */
export function showPage(doc: Document, index: number, focus: boolean, baseTitle: string): string | undefined {
  for (const s of doc.querySelectorAll<HTMLElement>("[data-page]")) s.hidden = s.dataset.page !== String(index);
  const heading = doc.querySelector<HTMLElement>(`[data-page="${index}"] h1`);
  const title = heading?.textContent?.trim();
  // Each page is a page to the learner: the window title names it (WCAG 2.4.2).
  if (title && baseTitle) doc.title = `${title} – ${baseTitle}`;
  // Focusing the heading also scrolls it into view and tells screen readers where they are.
  if (focus && heading) heading.focus();
  return title;
}
