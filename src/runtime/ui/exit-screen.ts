// The final screen after the course's own Exit, saying truthfully where the learner's record stands.
import type { SaveState } from "../tracking/tracker.js";
import { $, all } from "./dom.js";

/**
 * Shows the exit screen in place of the course; false when the page has none. In an LMS frame the learner
 * leaves with the LMS's own exit, not by closing a window, so the text depends on where we run.
 */
export function showExitScreen(doc: Document, saveStatus: () => SaveState, baseTitle: string): boolean {
  const screen = $(doc, "exit-screen");
  if (!screen) return false;
  const win = doc.defaultView;
  const where = win?.parent !== win ? "frame" : "window";
  for (const el of doc.body.children) (el as HTMLElement).hidden = el !== screen;
  // An LRS confirms after the page asked; while `pending`, look again each second (for a minute) so the
  // screen never keeps saying "not confirmed" about a record that has since arrived.
  const show = (tries: number): void => {
    let status: SaveState = "failed";
    try {
      status = saveStatus();
    } catch {
      // A tracker that throws has not saved.
    }
    for (const el of all(screen, "p")) el.hidden = el.dataset.save !== status && el.dataset.where !== where;
    if (status === "pending" && tries > 0) setTimeout(() => show(tries - 1), 1000);
  };
  show(60);
  doc.title = baseTitle;
  $(screen, "exit-title")?.focus();
  return true;
}
